// Insights tests: a database with real demo sweeps (demo ONNX models over real tokenizers, swept
// the real way with a `limit`), helpers that read scores back from the Score table independently
// of server/insights/load.ts, and a GraphQL executor over the two SDL files.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ApolloServer } from "@apollo/server";
import { mergeResolvers } from "@graphql-tools/merge";
import { makeExecutableSchema } from "@graphql-tools/schema";
import pg from "pg";
import { expect } from "vitest";
import { OnnxBackend } from "../../runner/backends/onnx";
import { writeDemoBundle } from "../../runner/onnx/demo";
import type { TokenizerFamily } from "../../runner/onnx/vocab";
import { sweepBundle, type PromptRef } from "../../runner/sweep/sweepBundle";
import { catalogResolvers } from "../../server/catalog/catalog.resolvers";
import type { Db } from "../../server/db/prisma";
import { createContext, type GraphQLContext } from "../../server/graphql/context";
import { DateTimeScalar, JSONScalar } from "../../server/graphql/scalars";
import { insightsResolvers } from "../../server/insights/insights.resolvers";
import { workDir } from "../runner/bundles";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedReferenceData } from "../../server/db/seed";

export const LIMIT = 20_000;
/** Small resampling so the refreshes in tests take seconds; the statistics are the same code. */
export const TEST_OPTIONS = { resamples: 200, permutations: 40 } as const;

export const DEMO_SLUGS: Record<"llama3.1" | "qwen3" | "gemma3", string> = {
  "llama3.1": "demo-llama3.1-afinn",
  qwen3: "demo-qwen3-vader",
  gemma3: "demo-gemma3-blend",
};

const bundles = new Map<TokenizerFamily, string>();

/** Sweeps the demo model of `family` over `promptSlugs` (first LIMIT ids), as `npm run sweep` does. */
export async function sweepDemo(db: Db, url: string, family: TokenizerFamily, promptSlugs: string[], options: { force?: boolean } = {}) {
  let dir = bundles.get(family);
  if (!dir) {
    dir = writeDemoBundle(family, path.join(workDir(), family)).dir;
    bundles.set(family, dir);
  }
  const prompts: PromptRef[] = [];
  for (const slug of promptSlugs) prompts.push(await db.prompt.findUniqueOrThrow({ where: { slug } }));
  return sweepBundle({
    db,
    databaseUrl: url,
    bundleDir: dir,
    prompts,
    openBackend: (bundle) => OnnxBackend.open(bundle.dir, bundle.manifest, { device: "cpu" }),
    batchSize: 1024,
    limit: LIMIT,
    force: options.force,
  });
}

export interface DirectSweep {
  sweepId: number;
  ids: Int32Array;
  scores: Float64Array;
  texts: string[];
}

/** A model x prompt's newest completed sweep, read straight from Score and VocabToken. */
export async function readSweep(pool: pg.Pool, modelSlug: string, promptSlug: string): Promise<DirectSweep> {
  const sweep = await pool.query<{ id: number; modelId: number }>(
    `SELECT s.id, s."modelId" FROM "Sweep" s JOIN "RewardModel" m ON m.id = s."modelId" JOIN "Prompt" p ON p.id = s."promptId"
      WHERE m.slug = $1 AND p.slug = $2 AND s.status = 'COMPLETED' ORDER BY s."finishedAt" DESC, s.id DESC LIMIT 1`,
    [modelSlug, promptSlug],
  );
  const { id, modelId } = sweep.rows[0];
  const rows = await pool.query<{ tokenId: number; score: number; decoded: string | null }>(
    `SELECT sc."tokenId", sc.score, v.decoded FROM "Score" sc
       LEFT JOIN "VocabToken" v ON v."modelId" = $2 AND v."tokenId" = sc."tokenId"
      WHERE sc."sweepId" = $1 ORDER BY sc."tokenId"`,
    [id, modelId],
  );
  return {
    sweepId: id,
    ids: Int32Array.from(rows.rows, (r) => r.tokenId),
    scores: Float64Array.from(rows.rows, (r) => Math.fround(r.score)),
    texts: rows.rows.map((r) => r.decoded ?? ""),
  };
}

/** The stored result of one row, by kind and params (the test's own query, not the service's). */
export async function storedResult<T>(pool: pg.Pool, kind: string, params: Record<string, string>): Promise<T> {
  const rows = await pool.query<{ result: T }>(`SELECT result FROM "AnalysisResult" WHERE kind = $1 AND params @> $2::jsonb`, [kind, JSON.stringify(params)]);
  expect(rows.rowCount, `${kind} ${JSON.stringify(params)}`).toBe(1);
  return rows.rows[0].result;
}

export interface RowSnapshot {
  id: number;
  kind: string;
  scope: string;
  inputsKey: string;
  computedAt: Date;
}

export async function snapshotRows(pool: pg.Pool): Promise<RowSnapshot[]> {
  const rows = await pool.query<RowSnapshot>(
    `SELECT id, kind, params->>'scope' AS scope, "inputsKey", "computedAt" FROM "AnalysisResult" ORDER BY kind, params->>'scope'`,
  );
  return rows.rows;
}

/** Relative closeness for values computed along different (but equivalent) float paths. */
export function expectClose(actual: number, expected: number, relative = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(expected)));
}

let server: ApolloServer<GraphQLContext> | undefined;

/** Executes an operation on a schema of schema.graphql + insights.graphql (what the lead will wire). */
export async function execute<T>(db: Db, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: T; errors?: readonly { message: string }[] }> {
  if (!server) {
    const sdl = (file: string) => readFileSync(path.join(process.cwd(), file), "utf8");
    const schema = makeExecutableSchema({
      typeDefs: [sdl("server/graphql/schema.graphql"), sdl("server/insights/insights.graphql")],
      resolvers: mergeResolvers([{ DateTime: DateTimeScalar, JSON: JSONScalar }, catalogResolvers, insightsResolvers]),
    });
    server = new ApolloServer<GraphQLContext>({ schema });
  }
  const response = await server.executeOperation({ query, variables }, { contextValue: createContext(db) });
  if (response.body.kind !== "single") throw new Error("incremental response");
  return response.body.singleResult as { data?: T; errors?: readonly { message: string }[] };
}

/** A fresh database with reference data and the demo Llama model swept on "greatest" (first LIMIT
 * ids), read back directly: the fixture of the suites that add lists to it. */
export async function demoLlamaDatabase(): Promise<{ t: TestDatabase; pool: pg.Pool; llama: DirectSweep; close: () => Promise<void> }> {
  const t = await createTestDatabase();
  await seedReferenceData(t.db);
  const pool = new pg.Pool({ connectionString: t.url, max: 4 });
  await sweepDemo(t.db, t.url, "llama3.1", ["greatest"]);
  const llama = await readSweep(pool, DEMO_SLUGS["llama3.1"], "greatest");
  return { t, pool, llama, close: async () => { await pool.end(); await t.drop(); } };
}

/** A fresh test database with the reference data, and a pool on it; `close` ends both. */
export async function openSeededDatabase(): Promise<{ t: TestDatabase; pool: pg.Pool; close: () => Promise<void> }> {
  const t = await createTestDatabase();
  await seedReferenceData(t.db);
  const pool = new pg.Pool({ connectionString: t.url, max: 4 });
  return { t, pool, close: async () => { await pool.end(); await t.drop(); } };
}
