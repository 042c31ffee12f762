// Which queue job carries a shard. Queuing a sweep again used to send a second job for every shard
// still in the queue; the duplicate, delivered while the first ran, claimed the RUNNING shard again
// (a second worker scoring it, one of its attempts spent). Shards now name their job: queuing again
// sends only for shards whose job is not live, and a worker drops a job that does not carry its
// shard. A worker stopped with Ctrl-C hands back the job it had fetched ahead instead of holding it
// until its lease expires.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { enqueueSweeps } from "../../runner/queue/enqueue";
import { SHARD_QUEUE } from "../../runner/queue/queue";
import { ShardWorker } from "../../runner/queue/shardWorker";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { demoBundle, openOnnxCpu } from "../runner/bundles";
import { onDevice, slower } from "../runner/devices";
import { waitFor } from "./workers";

const settings = { leaseSeconds: 300, maxAttempts: 2, maintenanceSeconds: 1, pollSeconds: 1 };
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

const queue = (slug: string, options: { retryParked?: boolean } = {}) => async () => {
  const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug } });
  return enqueueSweeps({ db: t.db, pool, databaseUrl: t.url, bundleDir, prompts: [prompt], openBackend: openOnnxCpu, shardSize: 200, limit: 600, batchSize: 64, settings, ...options });
};

/** pg-boss's jobs for one sweep's shards, by state. */
async function jobStates(sweepId: number): Promise<Record<string, number>> {
  const { rows } = await pool.query<{ state: string; n: number }>(
    `SELECT state::text, count(*)::int AS n FROM pgboss.job WHERE name = $1 AND (data->>'sweepId')::int = $2 GROUP BY state`,
    [SHARD_QUEUE, sweepId],
  );
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

const shardsOf = (sweepId: number) => t.db.sweepShard.findMany({ where: { sweepId }, orderBy: { index: "asc" } });

describe("queue jobs and shards", () => {
  it("sends no second job for a shard already in the queue, and drops a stray one without spending an attempt", async () => {
    const [first] = await queue("greatest")();
    expect(first).toMatchObject({ shards: 3, sent: 3 });
    const [again] = await queue("greatest")();
    expect(again).toMatchObject({ sweepId: first.sweepId, shards: 3, sent: 0 });
    expect(await jobStates(first.sweepId)).toEqual({ created: 3 });
    const shards = await shardsOf(first.sweepId);
    expect(new Set(shards.map((s) => s.jobId)).size).toBe(3);

    // A stray job for shard 0 (as a duplicate sent before shards named their job would be).
    const lines: string[] = [];
    const worker = new ShardWorker({ databaseUrl: t.url, settings, openBackend: openOnnxCpu, log: (line) => lines.push(line), refreshAnalyses: false });
    await worker.handle({ sweepId: first.sweepId, index: 0 }, "00000000-0000-4000-8000-000000000000");
    expect((await shardsOf(first.sweepId))[0]).toMatchObject({ status: "QUEUED", attempts: 0 });
    expect(lines.join("\n")).toMatch(/shard 0: job 00000000-0000-4000-8000-000000000000 dropped: another job carries this shard/);

    await worker.start();
    try {
      await waitFor("the sweep to complete", async () => ((await t.db.sweep.findUniqueOrThrow({ where: { id: first.sweepId } })).status === "COMPLETED" ? true : null), 90_000, 100);
    } finally {
      await worker.stop();
    }
    expect((await shardsOf(first.sweepId)).map((s) => [s.status, s.attempts])).toEqual([["DONE", 1], ["DONE", 1], ["DONE", 1]]);
    const [{ n }] = (await pool.query(`SELECT count(*)::int AS n FROM "Score" WHERE "sweepId" = $1`, [first.sweepId])).rows;
    expect(n).toBe(600);

  });

  it("hands back the job it fetched ahead when stopped, instead of holding it until the lease expires", async () => {
    const [queued] = await queue("best")();
    expect(queued.sent).toBe(3);
    // A slow device: the worker is still on its first shard, with the next job fetched, when stopped.
    const worker = new ShardWorker({
      databaseUrl: t.url, settings, log: () => {}, refreshAnalyses: false,
      openBackend: async (bundle) => onDevice(await openOnnxCpu(bundle), { rows: slower(150) }),
    });
    await worker.start();
    await waitFor("a shard to run", async () => (await shardsOf(queued.sweepId)).some((s) => s.status === "RUNNING"), 60_000, 20);
    await waitFor("the next job to be fetched", async () => (await jobStates(queued.sweepId)).active === 2, 30_000, 20);
    await worker.stop();
    const shards = await shardsOf(queued.sweepId);
    expect(shards.filter((s) => s.status === "DONE").length).toBe(1); // the shard in hand was finished
    expect(shards.filter((s) => s.status === "QUEUED").map((s) => s.attempts)).toEqual([0, 0]);
    const states = await jobStates(queued.sweepId);
    expect(states.active ?? 0).toBe(0);
    expect((states.retry ?? 0) + (states.created ?? 0)).toBe(2);

    // Another worker takes the two shards at once (the lease is 300 s), each claimed once.
    const next = new ShardWorker({ databaseUrl: t.url, settings, openBackend: openOnnxCpu, log: () => {}, refreshAnalyses: false });
    await next.start();
    try {
      await waitFor("the sweep to complete", async () => ((await t.db.sweep.findUniqueOrThrow({ where: { id: queued.sweepId } })).status === "COMPLETED" ? true : null), 60_000, 100);
    } finally {
      await next.stop();
    }
    expect((await shardsOf(queued.sweepId)).map((s) => s.attempts)).toEqual([1, 1, 1]);
  });

  it("sends a parked shard again once its job is finished (--retry-parked), and the sweep completes", async () => {
    const [queued] = await queue("worst")();
    // The workers' copy of the bundle builds other inputs: every shard parks.
    const configPath = path.join(bundleDir, "tokenizer_config.json");
    const original = readFileSync(configPath, "utf8");
    const config = JSON.parse(original);
    writeFileSync(configPath, JSON.stringify({ ...config, chat_template: String(config.chat_template).replace("+ message['content'] | trim", "+ 'Be brief. ' + message['content'] | trim") }));
    const worker = new ShardWorker({ databaseUrl: t.url, settings, openBackend: openOnnxCpu, log: () => {}, refreshAnalyses: false });
    await worker.start();
    try {
      await waitFor("the sweep to fail", async () => ((await t.db.sweep.findUniqueOrThrow({ where: { id: queued.sweepId } })).status === "FAILED" ? true : null), 60_000, 100);
      const parked = await shardsOf(queued.sweepId);
      expect(parked.map((s) => s.status)).toEqual(["PARKED", "PARKED", "PARKED"]);
      writeFileSync(configPath, original);
      const [retried] = await queue("worst", { retryParked: true })();
      expect(retried).toMatchObject({ sweepId: queued.sweepId, sent: 3 });
      expect((await shardsOf(queued.sweepId)).every((s, i) => s.jobId !== parked[i].jobId)).toBe(true);
      await waitFor("the sweep to complete", async () => ((await t.db.sweep.findUniqueOrThrow({ where: { id: queued.sweepId } })).status === "COMPLETED" ? true : null), 60_000, 100);
    } finally {
      writeFileSync(configPath, original);
      await worker.stop();
    }
    expect((await shardsOf(queued.sweepId)).map((s) => [s.status, s.attempts])).toEqual([["DONE", 1], ["DONE", 1], ["DONE", 1]]);
  });
});
