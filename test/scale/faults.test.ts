// Three workers share one full-vocabulary sweep; one is killed with SIGKILL mid-shard, another
// loses its database connections. The sweep still ends with exactly one score per token id,
// identical to a single-process run.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { enqueueSweeps } from "../../runner/queue/enqueue";
import { sweepBundle } from "../../runner/sweep/sweepBundle";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { demoBundle, openOnnxCpu } from "../runner/bundles";
import { startWorker, waitFor, type WorkerProcess } from "./workers";

const BATCH = 16;
let queued: TestDatabase;
let single: TestDatabase;
let pool: pg.Pool;
let bundleDir: string;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  [queued, single] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await Promise.all([seedReferenceData(queued.db), seedReferenceData(single.db)]);
  pool = new pg.Pool({ connectionString: queued.url, max: 3 });
  bundleDir = demoBundle("llama3.1");
});
afterAll(async () => {
  for (const w of workers) w.child.kill("SIGKILL");
  await pool.end();
  await Promise.all([queued.drop(), single.drop()]);
});

async function scoreTable(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = await client.query(`SELECT "tokenId", score, rank FROM "Score" ORDER BY "tokenId"`);
  await client.end();
  return rows.rows;
}

describe("sharded sweep under faults", () => {
  it("survives a SIGKILLed worker and a dropped connection with exactly one score per id", { timeout: 240_000 }, async () => {
    const best = await queued.db.prompt.findUniqueOrThrow({ where: { slug: "best" } });
    const [enqueued] = await enqueueSweeps({
      db: queued.db, pool, databaseUrl: queued.url, bundleDir, prompts: [best], openBackend: openOnnxCpu, shardSize: 4096, batchSize: BATCH,
      settings: { leaseSeconds: 6, maxAttempts: 3, maintenanceSeconds: 1, pollSeconds: 1 },
    });
    expect(enqueued).toMatchObject({ shards: 32, sent: 32 });

    for (const name of ["ra-w1", "ra-w2", "ra-w3"]) workers.push(startWorker(queued.url, name));
    const [victim, disconnected] = workers;

    // SIGKILL worker 1 while it holds a shard it has not committed.
    const held = await waitFor("worker 1 to hold a shard", async () => {
      const { rows } = await pool.query(
        `SELECT s.index FROM "SweepShard" s JOIN "RunnerWorker" w ON w.id = s."workerId" WHERE s.status = 'RUNNING' AND w.pid = $1`,
        [victim.child.pid],
      );
      return rows[0] ? (rows[0].index as number) : null;
    }, 60_000, 5);
    victim.child.kill("SIGKILL");
    await victim.exited;

    // Drop every connection worker 2 has (its score pool and its queue connections).
    await waitFor("worker 2 to be connected", async () => (await pool.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'ra-w2'`)).rowCount);
    const dropped = await pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ra-w2'`);
    expect(dropped.rowCount).toBeGreaterThan(0);

    let polls = 0;
    const sweep = await waitFor("the sweep to complete", async () => {
      const s = await queued.db.sweep.findUniqueOrThrow({ where: { id: enqueued.sweepId } });
      if (process.env.RA_DEBUG && ++polls % 25 === 0) {
        console.log(JSON.stringify(await queued.db.sweepShard.groupBy({ by: ["status"], _count: true })), workers.map((w) => w.output().slice(-300)).join("\n---\n"));
      }
      if (s.status === "FAILED") throw new Error(`sweep failed: ${s.error}\n${workers.map((w) => w.output()).join("\n")}`);
      return s.status === "COMPLETED" ? s : null;
    }, 150_000, 200);
    expect(sweep.scoredCount).toBe(128_256);

    // The killed worker's shard was taken over after its lease expired.
    const retaken = await queued.db.sweepShard.findUniqueOrThrow({ where: { sweepId_index: { sweepId: enqueued.sweepId, index: held } } });
    expect(retaken.status).toBe("DONE");
    expect(retaken.attempts).toBeGreaterThanOrEqual(2);
    expect(await queued.db.sweepShard.count({ where: { sweepId: enqueued.sweepId, status: "DONE" } })).toBe(32);
    expect(disconnected.output()).not.toMatch(/Error: .*Cannot read|TypeError/);

    const [prompt] = await single.db.prompt.findMany({ where: { slug: "best" } });
    await sweepBundle({ db: single.db, databaseUrl: single.url, bundleDir, prompts: [prompt], openBackend: openOnnxCpu, batchSize: BATCH });
    const [a, b] = await Promise.all([scoreTable(queued.url), scoreTable(single.url)]);
    expect(a.length).toBe(128_256);
    expect(new Set(a.map((r) => r.tokenId)).size).toBe(128_256);
    expect(a).toEqual(b);
  });
});
