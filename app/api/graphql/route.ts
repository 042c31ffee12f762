import { startServerAndCreateNextHandler } from "@as-integrations/next";
import type { NextRequest } from "next/server";
import { createContext, type GraphQLContext } from "@/server/graphql/context";
import { getHttpApolloServer, getDb } from "@/server/graphql/runtime";

const handler = startServerAndCreateNextHandler<NextRequest, GraphQLContext>(getHttpApolloServer(), {
  context: async () => createContext(getDb()),
});

export async function GET(request: NextRequest) {
  return handler(request);
}

export async function POST(request: NextRequest) {
  return handler(request);
}
