// Shared helpers of the API suites: an Apollo server, operations through executeOperation, and a
// Prisma client that records every SQL statement (to count round trips).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../server/db/generated/prisma/client";
import type { Db } from "../../server/db/prisma";
import { createContext } from "../../server/graphql/context";
import { createApolloServer } from "../../server/graphql/server";
import type { AdminCredential } from "../../server/admin/auth";
import { percentiles } from "../../server/analysis";

export interface GraphQLResult {
  data?: Record<string, unknown> | null;
  errors?: readonly { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[];
}

const server = createApolloServer();

export async function execute(
  db: Db,
  query: string,
  variables: Record<string, unknown> = {},
  credential: AdminCredential = "none",
): Promise<GraphQLResult> {
  const response = await server.executeOperation({ query, variables }, { contextValue: createContext(db, { credential }) });
  if (response.body.kind !== "single") throw new Error("incremental response");
  return response.body.singleResult as GraphQLResult;
}

/** Data of a successful operation, typed by the caller (fails the test on errors). */
export async function data<T>(db: Db, query: string, variables: Record<string, unknown> = {}, credential: AdminCredential = "none"): Promise<T> {
  const result = await execute(db, query, variables, credential);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data as T;
}

export function errorCodes(result: GraphQLResult): unknown[] {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}

export interface RecordingDb {
  db: Db;
  statements: string[];
  close(): Promise<void>;
}

/** A Prisma client whose SQL statements are recorded (Prisma's query log events). */
export function recordingDb(url: string): RecordingDb {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 4 }), log: [{ emit: "event", level: "query" }] });
  const statements: string[] = [];
  client.$on("query", (event) => statements.push(event.query));
  return { db: client as unknown as Db, statements, close: () => client.$disconnect() };
}

/** Each token's percentile in a sweep (0..1) as the analyses compute it (server/analysis
 * percentiles: mid-rank), from the sweep's scores read back by SQL, for checking the API's. */
export async function analysisPercentiles(db: Db, sweepId: number): Promise<Map<number, number>> {
  const rows = await db.$queryRaw<{ tokenId: number; score: number }[]>`SELECT "tokenId", score FROM "Score" WHERE "sweepId" = ${sweepId} ORDER BY "tokenId"`;
  const p = percentiles(Float64Array.from(rows, (r) => Math.fround(r.score)));
  return new Map(rows.map((r, i) => [r.tokenId, p[i] / 100]));
}
