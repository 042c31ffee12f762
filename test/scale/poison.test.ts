// Bad inputs through the queue: a failing shard is parked with its error, never blocks the other
// shards and never leaves partial rows.
import { rmSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { poisonedId } from "../../runner/onnx/bad";
import { enqueueSweeps } from "../../runner/queue/enqueue";
import { ShardWorker } from "../../runner/queue/shardWorker";
import { buildInputSpec, loadTokenizer } from "../../runner/tokenize";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { badBundle, demoBundle, openOnnxCpu } from "../runner/bundles";
import { waitFor } from "./workers";

const SETTINGS = { leaseSeconds: 30, maxAttempts: 3, maintenanceSeconds: 1, pollSeconds: 1 };
let t: TestDatabase;
let pool: pg.Pool;
const workers: ShardWorker[] = [];

async function startWorker() {
  const worker = new ShardWorker({ databaseUrl: t.url, settings: SETTINGS, openBackend: openOnnxCpu, log: () => {}, refreshAnalyses: false });
  await worker.start();
  workers.push(worker);
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
});
afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await pool.end();
  await t.drop();
});

async function settled(sweepId: number) {
  // Settled: no shard left to run, and the sweep finalized (ranked) or failed.
  return waitFor("the sweep to settle", async () => {
    const open = await t.db.sweepShard.count({ where: { sweepId, status: { in: ["QUEUED", "RUNNING"] } } });
    const sweep = await t.db.sweep.findUniqueOrThrow({ where: { id: sweepId } });
    return open === 0 && (sweep.status === "COMPLETED" || sweep.status === "FAILED") ? sweep : null;
  }, 90_000, 100);
}

describe("poison shards", () => {
  it("parks shards whose model output is NaN, completes the others, and writes no partial rows", async () => {
    // The bad model's output is NaN for a row holding a poisoned id anywhere: pick a prompt whose own
    // tokens are clean, so that only candidate ids poison rows (ids 0-7 are clean: validation passes).
    const bundleDir = badBundle("non-finite");
    const tok = await loadTokenizer(bundleDir);
    const text = ["Name one thing!", "Name one word!", "Name one item!"].find((candidate) =>
      buildInputSpec(tok, { prompt: candidate }).prefixIds.every((id) => poisonedId(id) === null),
    )!;
    const prompt = await t.db.prompt.create({ data: { slug: "clean-prompt", text } });
    await startWorker();
    const [sweep] = await enqueueSweeps({
      db: t.db, pool, databaseUrl: t.url, bundleDir, prompts: [prompt], openBackend: openOnnxCpu,
      shardSize: 8, limit: 200, batchSize: 8, settings: SETTINGS,
    });
    const final = await settled(sweep.sweepId);
    const shards = await t.db.sweepShard.findMany({ where: { sweepId: sweep.sweepId }, orderBy: { index: "asc" } });
    const poisoned = (s: { startIndex: number; endIndex: number }) =>
      Array.from({ length: s.endIndex - s.startIndex }, (_, i) => s.startIndex + i).some((id) => poisonedId(id) !== null);
    for (const shard of shards) {
      if (poisoned(shard)) {
        expect(shard.status).toBe("PARKED");
        expect(shard.attempts).toBe(1); // bad output is not retried
        expect(shard.error).toMatch(/NaN|Inf|non-finite/i);
      } else {
        expect(shard.status).toBe("DONE");
      }
    }
    const parked = shards.filter((s) => s.status === "PARKED");
    expect(parked.length).toBeGreaterThan(0);
    expect(shards.length - parked.length).toBeGreaterThan(0);
    // A failed sweep keeps the committed shards in PendingScore (never promoted to Score).
    const rows = await pool.query(`SELECT "tokenId" FROM "PendingScore" WHERE "sweepId" = $1`, [sweep.sweepId]);
    const done = shards.filter((s) => s.status === "DONE").reduce((n, s) => n + s.endIndex - s.startIndex, 0);
    expect(rows.rowCount).toBe(done);
    expect(rows.rows.every((r) => poisonedId(r.tokenId) === null)).toBe(true);
    expect(final.status).toBe("FAILED");
    expect(final.error).toMatch(/^shard \d+ parked: /);
    // Stop this worker: the next test's shards must only meet a worker started after its bundle vanished.
    await workers.pop()!.stop();
  });

  it("parks a shard whose bundle disappeared after queueing, without blocking another sweep", async () => {
    const dir = demoBundle("llama3.1");
    const [best, greatest] = await Promise.all([
      t.db.prompt.findUniqueOrThrow({ where: { slug: "best" } }),
      t.db.prompt.findUniqueOrThrow({ where: { slug: "greatest" } }),
    ]);
    const [doomed] = await enqueueSweeps({ db: t.db, pool, databaseUrl: t.url, bundleDir: dir, prompts: [best], openBackend: openOnnxCpu, shardSize: 512, limit: 1024, settings: SETTINGS });
    rmSync(dir, { recursive: true, force: true }); // workers can no longer read the bundle
    const healthyDir = demoBundle("llama3.1");
    const [healthy] = await enqueueSweeps({ db: t.db, pool, databaseUrl: t.url, bundleDir: healthyDir, prompts: [greatest], openBackend: openOnnxCpu, shardSize: 512, limit: 1024, settings: SETTINGS });
    await startWorker(); // a fresh worker, so no cached copy of the removed bundle helps
    expect((await settled(healthy.sweepId)).status).toBe("COMPLETED");
    const failed = await settled(doomed.sweepId);
    expect(failed.status).toBe("FAILED");
    const shards = await t.db.sweepShard.findMany({ where: { sweepId: doomed.sweepId } });
    for (const shard of shards) {
      expect(shard.status).toBe("PARKED");
      expect(shard.error).toMatch(/bundle folder not found/);
    }
    expect(await t.db.score.count({ where: { sweepId: doomed.sweepId } })).toBe(0);
    expect((await pool.query(`SELECT count(*)::int AS n FROM "PendingScore" WHERE "sweepId" = $1`, [doomed.sweepId])).rows[0].n).toBe(0);
  });
});
