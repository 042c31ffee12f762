// Queued and local runs of one sweep, where they meet. A queued sweep whose last shard committed
// but whose worker died before completing it (kill -9 between the two transactions) was left
// RUNNING for good: the retried job found its shard DONE and did nothing, and re-queuing sent no
// jobs; either now completes it (the stranded state is rebuilt exactly: every shard DONE, the
// scores back in PendingScore, the sweep RUNNING). An interrupted local run queued afterwards had
// its staged rows doubled by the shards; a queued sweep run locally too likewise.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { enqueueSweeps } from "../../runner/queue/enqueue";
import { ShardWorker } from "../../runner/queue/shardWorker";
import { sweepBundle } from "../../runner/sweep/sweepBundle";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { demoBundle, openOnnxCpu } from "../runner/bundles";
import { onDevice } from "../runner/devices";
import { waitFor } from "./workers";

const settings = { leaseSeconds: 30, maxAttempts: 2, maintenanceSeconds: 1, pollSeconds: 1 };
let t: TestDatabase;
let pool: pg.Pool;
let bundleDir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
  bundleDir = demoBundle("llama3.1");
});
afterAll(async () => {
  await pool.end();
  await t.drop();
});

const scores = async (sweepId: number) =>
  (await pool.query(`SELECT "tokenId", score, rank FROM "Score" WHERE "sweepId" = $1 ORDER BY "tokenId"`, [sweepId])).rows;

/** The state right after the last shard's commit: scores staged, sweep RUNNING, every shard DONE. */
async function strand(sweepId: number): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query(`INSERT INTO "PendingScore" ("sweepId", "tokenId", score) SELECT "sweepId", "tokenId", score FROM "Score" WHERE "sweepId" = $1`, [sweepId]);
    await client.query(`DELETE FROM "Score" WHERE "sweepId" = $1`, [sweepId]);
    await client.query(`UPDATE "Sweep" SET status = 'RUNNING', "finishedAt" = NULL, "completionSeconds" = NULL WHERE id = $1`, [sweepId]);
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}

describe("a queued sweep stranded between its last shard and its completion", () => {
  it("is completed by a repeated delivery of a DONE shard, or by queuing it again", async () => {
    const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug: "best" } });
    const queue = () => enqueueSweeps({ db: t.db, pool, databaseUrl: t.url, bundleDir, prompts: [prompt], openBackend: openOnnxCpu, shardSize: 200, limit: 600, batchSize: 64, settings });
    const worker = new ShardWorker({ databaseUrl: t.url, settings, openBackend: openOnnxCpu, log: () => {}, refreshAnalyses: false });
    await worker.start();
    const [queued] = await queue();
    await waitFor("the sweep to complete", async () => ((await t.db.sweep.findUniqueOrThrow({ where: { id: queued.sweepId } })).status === "COMPLETED" ? true : null), 90_000, 100);
    await worker.stop();
    const expected = await scores(queued.sweepId);
    expect(expected).toHaveLength(600);

    await strand(queued.sweepId);
    const redelivery = new ShardWorker({ databaseUrl: t.url, settings, openBackend: openOnnxCpu, log: () => {}, refreshAnalyses: false });
    await redelivery.handle({ sweepId: queued.sweepId, index: 2 });
    await redelivery.stop();
    expect((await t.db.sweep.findUniqueOrThrow({ where: { id: queued.sweepId } })).status).toBe("COMPLETED");
    expect(await scores(queued.sweepId)).toEqual(expected);

    await strand(queued.sweepId);
    const [again] = await queue();
    expect(again).toMatchObject({ sweepId: queued.sweepId, sent: 0 });
    expect((await t.db.sweep.findUniqueOrThrow({ where: { id: queued.sweepId } })).status).toBe("COMPLETED");
    expect(await scores(queued.sweepId)).toEqual(expected);
  });

  it("queues an interrupted local run afresh, and refuses to run a queued sweep locally", async () => {
    const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug: "worst" } });
    const common = { db: t.db, databaseUrl: t.url, bundleDir, prompts: [prompt], limit: 600, batchSize: 64 };
    // A local run that dies after its first committed chunks (a runtime failure leaves them staged).
    let calls = 0;
    const dying = async (bundle: Parameters<typeof openOnnxCpu>[0]) =>
      onDevice(await openOnnxCpu(bundle), { rows: (score, ids, rows, len) => (++calls > 8 ? Promise.reject(new Error("device lost")) : score(ids, rows, len)) });
    await expect(sweepBundle({ ...common, chunkRows: 128, openBackend: dying })).rejects.toThrow(/device lost/);
    const interrupted = await t.db.sweep.findFirstOrThrow({ where: { promptId: prompt.id, vocabPolicy: "all;first:600" } });
    expect(interrupted.scoredCount).toBeGreaterThan(0);

    const [queued] = await enqueueSweeps({ ...common, pool, openBackend: openOnnxCpu, shardSize: 200, settings });
    expect(queued.sweepId).toBe(interrupted.id);
    // Running it here as well is refused while its shards are out (checked before a worker starts:
    // one may finish all three shards first, and a completed sweep is a no-op).
    await expect(sweepBundle({ ...common, openBackend: openOnnxCpu })).rejects.toThrow(/is queued as shards: run `npm run worker`/);
    const worker = new ShardWorker({ databaseUrl: t.url, settings, openBackend: openOnnxCpu, log: () => {}, refreshAnalyses: false });
    await worker.start();
    try {
      await waitFor("the sweep to complete", async () => ((await t.db.sweep.findUniqueOrThrow({ where: { id: queued.sweepId } })).status === "COMPLETED" ? true : null), 90_000, 100);
    } finally {
      await worker.stop();
    }
    const rows = await scores(interrupted.id);
    expect(rows).toHaveLength(600);
    expect(new Set(rows.map((r) => r.tokenId)).size).toBe(600);
  });
});
