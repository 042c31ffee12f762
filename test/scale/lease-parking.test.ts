// A shard whose workers keep dying is parked once every allowed attempt's lease has expired, the
// sweep fails naming it, and a worker that was only frozen (SIGSTOP) and wakes up afterwards does
// not bring the parked shard back: its late scores are dropped.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { enqueueSweeps } from "../../runner/queue/enqueue";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { demoBundle, openOnnxCpu } from "../runner/bundles";
import { startWorker, waitFor, type WorkerProcess } from "./workers";

const SETTINGS = { leaseSeconds: 4, maxAttempts: 2, maintenanceSeconds: 1, pollSeconds: 1 };
const WORKER_ENV = { RA_SHARD_LEASE_SECONDS: "4", RA_SHARD_MAX_ATTEMPTS: "2" };
let t: TestDatabase;
let pool: pg.Pool;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
});
afterAll(async () => {
  for (const w of workers) {
    w.child.kill("SIGCONT");
    w.child.kill("SIGKILL");
  }
  await pool.end();
  await t.drop();
});

/** Wait until the worker process `w` holds the shard (RUNNING under its id); returns the attempt. */
async function heldBy(w: WorkerProcess, sweepId: number): Promise<number> {
  return waitFor(`${w.name} to hold the shard`, async () => {
    const { rows } = await pool.query(
      `SELECT s.attempts FROM "SweepShard" s JOIN "RunnerWorker" r ON r.id = s."workerId" WHERE s."sweepId" = $1 AND s.status = 'RUNNING' AND r.pid = $2`,
      [sweepId, w.child.pid],
    );
    return rows[0]?.attempts as number | undefined;
  }, 60_000, 5);
}

describe("lease expiry", () => {
  it("parks a shard after maxAttempts expired leases, fails the sweep, and drops a frozen worker's late scores", { timeout: 180_000 }, async () => {
    const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug: "greatest" } });
    // One shard of 32k ids at batch 8: a worker holds it for seconds (tokenizer, model, scoring),
    // so a signal sent once it is RUNNING always lands before its commit.
    const [sweep] = await enqueueSweeps({
      db: t.db, pool, databaseUrl: t.url, bundleDir: demoBundle("llama3.1"), prompts: [prompt], openBackend: openOnnxCpu,
      shardSize: 32_768, limit: 32_768, batchSize: 8, settings: SETTINGS,
    });
    expect(sweep).toMatchObject({ shards: 1, sent: 1 });

    // Attempt 1: the worker freezes (alive, connections open, heartbeat stopped).
    const frozen = startWorker(t.url, "ra-frozen", WORKER_ENV);
    workers.push(frozen);
    expect(await heldBy(frozen, sweep.sweepId)).toBe(1);
    frozen.child.kill("SIGSTOP");

    // Attempt 2, after the first lease expired: this worker dies.
    const killed = startWorker(t.url, "ra-killed", WORKER_ENV);
    workers.push(killed);
    expect(await heldBy(killed, sweep.sweepId)).toBe(2);
    killed.child.kill("SIGKILL");
    await killed.exited;

    // The next delivery finds no attempt left: the shard is parked and the sweep fails.
    const third = startWorker(t.url, "ra-third", WORKER_ENV);
    workers.push(third);
    const failed = await waitFor("the sweep to fail", async () => {
      const s = await t.db.sweep.findUniqueOrThrow({ where: { id: sweep.sweepId } });
      if (s.status === "COMPLETED") throw new Error("the sweep completed although every attempt died");
      return s.status === "FAILED" ? s : null;
    }, 90_000, 100);
    expect(failed.error).toMatch(/^shard 0 parked: gave up after 2 attempts whose workers did not finish \(lease expired\)/);
    const parked = await t.db.sweepShard.findUniqueOrThrow({ where: { sweepId_index: { sweepId: sweep.sweepId, index: 0 } } });
    expect(parked).toMatchObject({ status: "PARKED", attempts: 2 });

    // The frozen worker wakes up, finishes scoring, and must not commit over the parked shard.
    frozen.child.kill("SIGCONT");
    const after = await waitFor("the frozen worker to finish its shard", async () => {
      const shard = await t.db.sweepShard.findUniqueOrThrow({ where: { sweepId_index: { sweepId: sweep.sweepId, index: 0 } } });
      return shard.status !== "PARKED" || /shard 0: scores dropped/.test(frozen.output()) ? shard : null;
    }, 90_000, 100);
    expect(after.status).toBe("PARKED");
    expect(frozen.output()).toMatch(/shard 0: scores dropped: the shard was parked after its leases expired/);
    expect((await t.db.sweep.findUniqueOrThrow({ where: { id: sweep.sweepId } })).status).toBe("FAILED");
    const rows = await pool.query(
      `SELECT (SELECT count(*) FROM "PendingScore" WHERE "sweepId" = $1)::int AS pending, (SELECT count(*) FROM "Score" WHERE "sweepId" = $1)::int AS scored`,
      [sweep.sweepId],
    );
    expect(rows.rows[0]).toEqual({ pending: 0, scored: 0 });
  });
});
