// POST/GET /api/graphql: server/graphql/http.ts does the work (rate limit, admin token, body
// limit, Apollo); the same function serves the benchmark's plain node:http server.
import type { NextRequest } from "next/server";
import { handleGraphQLRequest } from "@/server/graphql/http";
import { getApiDeps } from "@/server/graphql/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: NextRequest): Promise<Response> {
  return handleGraphQLRequest(request, getApiDeps());
}

export async function POST(request: NextRequest): Promise<Response> {
  return handleGraphQLRequest(request, getApiDeps());
}
