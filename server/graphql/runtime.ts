// Process-wide singletons for the Next.js server: one Prisma client, one Apollo Server.
import type { ApolloServer } from "@apollo/server";
import { createPrismaClient, type Db } from "../db/prisma";
import type { GraphQLContext } from "./context";
import { createContext } from "./context";
import { createApolloServer } from "./server";

const globalScope = globalThis as unknown as {
  __raDb?: Db;
  __raHttpApollo?: ApolloServer<GraphQLContext>;
  __raInProcess?: Promise<ApolloServer<GraphQLContext>>;
};

export function getDb(): Db {
  if (!globalScope.__raDb) {
    const url = process.env.DATABASE_URL;
    if (!url) {
      throw new Error("DATABASE_URL is not set: start the dashboard with `npm start`, which provides the database.");
    }
    globalScope.__raDb = createPrismaClient(url, { statementTimeoutMs: Number(process.env.RA_STATEMENT_TIMEOUT_MS ?? 5000) });
  }
  return globalScope.__raDb;
}

const publicMode = () => process.env.PUBLIC_SITE === "1";

/** For the /api/graphql route; the Next.js integration starts it. */
export function getHttpApolloServer(): ApolloServer<GraphQLContext> {
  globalScope.__raHttpApollo ??= createApolloServer({ publicMode: publicMode() });
  return globalScope.__raHttpApollo;
}

/** For server components: a second instance over the same schema, started here. */
function getInProcessApolloServer(): Promise<ApolloServer<GraphQLContext>> {
  globalScope.__raInProcess ??= (async () => {
    const server = createApolloServer({ publicMode: publicMode() });
    await server.start();
    return server;
  })();
  return globalScope.__raInProcess;
}

/** Run a GraphQL operation in-process (server components read through the same API). */
export async function runQuery<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const server = await getInProcessApolloServer();
  const response = await server.executeOperation({ query, variables }, { contextValue: createContext(getDb()) });
  if (response.body.kind !== "single") throw new Error("unexpected incremental GraphQL response");
  const { data, errors } = response.body.singleResult;
  if (errors?.length) throw new Error(errors.map((e) => e.message).join("; "));
  return data as T;
}
