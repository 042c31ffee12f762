// Process-wide singletons for the Next.js server: one Prisma client, one Apollo Server per use,
// the API configuration and the per-instance rate limiter.
import type { ApolloServer } from "@apollo/server";
import type { Db } from "../db/prisma";
import { createApiPrismaClient } from "./apiDatabase";
import { apiConfigFromEnv, type ApiConfig } from "./config";
import type { GraphQLContext } from "./context";
import { createContext } from "./context";
import { TokenBucketLimiter } from "./hardening/rateLimit";
import type { ApiDeps } from "./http";
import { createApolloServer } from "./server";

const globalScope = globalThis as unknown as {
  __raDb?: Db;
  __raHttpApollo?: ApolloServer<GraphQLContext>;
  __raInProcess?: Promise<ApolloServer<GraphQLContext>>;
  __raApiConfig?: ApiConfig;
  __raLimiter?: TokenBucketLimiter | null;
};

export function getDb(): Db {
  if (!globalScope.__raDb) {
    const url = process.env.DATABASE_URL;
    if (!url) {
      throw new Error("DATABASE_URL is not set: start the dashboard with `npm start`, which provides the database.");
    }
    globalScope.__raDb = createApiPrismaClient(url, {
      statementTimeoutMs: Number(process.env.RA_STATEMENT_TIMEOUT_MS ?? 5000),
      preparedStatements: process.env.RA_PREPARED_STATEMENTS !== "0",
    });
  }
  return globalScope.__raDb;
}

export function getApiConfig(): ApiConfig {
  globalScope.__raApiConfig ??= apiConfigFromEnv();
  return globalScope.__raApiConfig;
}

function getRateLimiter(): TokenBucketLimiter | null {
  if (globalScope.__raLimiter === undefined) {
    const limit = getApiConfig().rateLimit;
    globalScope.__raLimiter = limit ? new TokenBucketLimiter(limit) : null;
  }
  return globalScope.__raLimiter;
}

/** For the /api/graphql route: started here, in the background (requests wait for it). */
export function getHttpApolloServer(): ApolloServer<GraphQLContext> {
  if (!globalScope.__raHttpApollo) {
    const server = createApolloServer({ publicMode: getApiConfig().publicMode });
    server.startInBackgroundHandlingStartupErrorsByLoggingAndFailingAllRequests();
    globalScope.__raHttpApollo = server;
  }
  return globalScope.__raHttpApollo;
}

/** Everything the route handlers need. */
export function getApiDeps(): ApiDeps {
  return { server: getHttpApolloServer(), db: getDb(), config: getApiConfig(), limiter: getRateLimiter() };
}

/** For server components: a second instance over the same schema, started here. */
function getInProcessApolloServer(): Promise<ApolloServer<GraphQLContext>> {
  globalScope.__raInProcess ??= (async () => {
    const server = createApolloServer({ publicMode: getApiConfig().publicMode });
    await server.start();
    return server;
  })();
  return globalScope.__raInProcess;
}

/** Run a GraphQL operation in-process (server components read through the same API). The team
 * dashboard's pages (code-defined queries, never mutations) read provenance fields such as sweep
 * errors and software versions; the public site (PUBLIC_SITE=1) reads as an anonymous client. */
export async function runQuery<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const server = await getInProcessApolloServer();
  const trusted = !getApiConfig().publicMode;
  const response = await server.executeOperation({ query, variables }, { contextValue: createContext(getDb(), { isAdmin: trusted }) });
  if (response.body.kind !== "single") throw new Error("unexpected incremental GraphQL response");
  const { data, errors } = response.body.singleResult;
  if (errors?.length) throw new Error(errors.map((e) => e.message).join("; "));
  return data as T;
}
