// Sweeps requested through the admin API are queued for workers, and cancelling one stops its shards.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { createContext } from "../../server/graphql/context";
import { createApolloServer } from "../../server/graphql/server";
import { enqueueSweeps } from "../../runner/queue/enqueue";
import { ShardWorker } from "../../runner/queue/shardWorker";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { demoBundle, openOnnxCpu } from "../runner/bundles";
import { waitFor } from "./workers";

const SETTINGS = { leaseSeconds: 30, maxAttempts: 3, maintenanceSeconds: 1, pollSeconds: 1 };
let t: TestDatabase;
let pool: pg.Pool;
const previousUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
  process.env.DATABASE_URL = t.url; // the API process's database
});
afterAll(async () => {
  process.env.DATABASE_URL = previousUrl;
  await pool.end();
  await t.drop();
});

async function mutate(query: string, variables: Record<string, unknown>) {
  const response = await createApolloServer().executeOperation({ query, variables }, { contextValue: createContext(t.db, { isAdmin: true }) });
  if (response.body.kind !== "single") throw new Error("incremental");
  return response.body.singleResult;
}

describe("admin API sweeps", () => {
  it("queues a requested sweep as shards; once cancelled, workers write none of it", async () => {
    const bundleDir = demoBundle("llama3.1");
    const greatest = await t.db.prompt.findUniqueOrThrow({ where: { slug: "greatest" } });
    // A first queued sweep tells the server where this model's bundle lives.
    await enqueueSweeps({ db: t.db, pool, databaseUrl: t.url, bundleDir, prompts: [greatest], openBackend: openOnnxCpu, settings: SETTINGS, limit: 4096, shardSize: 2048 });
    const model = await t.db.rewardModel.findFirstOrThrow();

    const requested = await mutate(
      `mutation($m: String!) { requestSweep(modelSlug: $m, promptSlug: "worst") { id status tokenCount } }`,
      { m: model.slug },
    );
    expect(requested.errors).toBeUndefined();
    const sweepId = (requested.data as { requestSweep: { id: number } }).requestSweep.id;
    const sweep = await t.db.sweep.findUniqueOrThrow({ where: { id: sweepId } });
    expect(sweep.bundlePath).toBe(bundleDir);
    expect(await t.db.sweepShard.count({ where: { sweepId } })).toBeGreaterThan(1);

    const cancelled = await mutate(`mutation($id: Int!) { cancelSweep(id: $id) { id } }`, { id: sweepId });
    expect(cancelled.errors).toBeUndefined();

    const worker = new ShardWorker({ databaseUrl: t.url, settings: SETTINGS, openBackend: openOnnxCpu, log: () => {}, refreshAnalyses: false });
    await worker.start();
    try {
      const first = await t.db.sweep.findFirstOrThrow({ where: { promptId: greatest.id } });
      await waitFor("the first sweep to complete", async () => (await t.db.sweep.findUniqueOrThrow({ where: { id: first.id } })).status === "COMPLETED", 60_000, 50);
      // Give the worker time to see the cancelled sweep's jobs: they must write nothing.
      await waitFor("the queue to drain", async () => (await pool.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE state IN ('created', 'retry', 'active')`)).rows[0].n === 0, 30_000, 100);
      expect(await t.db.score.count({ where: { sweepId } })).toBe(0);
      expect((await pool.query(`SELECT count(*)::int AS n FROM "PendingScore" WHERE "sweepId" = $1`, [sweepId])).rows[0].n).toBe(0);
      expect((await t.db.sweep.findUniqueOrThrow({ where: { id: sweepId } })).status).toBe("CANCELLED");
    } finally {
      await worker.stop();
    }
  });
});
