// What a queue worker holds and checks: it closes a sweep's model once the sweep is complete (a
// long-running worker used to keep every model it had touched), and it refuses a bundle that no
// longer builds the inputs the sweep was queued with (an edited chat template on the worker's copy)
// instead of mixing other rows into the sweep.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { enqueueSweeps } from "../../runner/queue/enqueue";
import { ShardWorker } from "../../runner/queue/shardWorker";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { demoBundle, openOnnxCpu } from "../runner/bundles";
import { waitFor } from "./workers";

const settings = { leaseSeconds: 30, maxAttempts: 2, maintenanceSeconds: 1, pollSeconds: 1 };
let t: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
});
afterAll(async () => {
  await pool.end();
  await t.drop();
});

const statusOf = async (id: number) => (await t.db.sweep.findUniqueOrThrow({ where: { id } })).status;

describe("queue worker models", () => {
  it("closes each sweep's model once the sweep is complete", async () => {
    const bundleDir = demoBundle("llama3.1");
    const prompts = await t.db.prompt.findMany({ where: { slug: { in: ["greatest", "best", "worst"] } }, orderBy: { id: "asc" } });
    const worker = new ShardWorker({ databaseUrl: t.url, settings, openBackend: openOnnxCpu, log: () => {}, refreshAnalyses: false });
    await worker.start();
    try {
      const queued = await enqueueSweeps({ db: t.db, pool, databaseUrl: t.url, bundleDir, prompts, openBackend: openOnnxCpu, shardSize: 200, limit: 400, batchSize: 64, settings });
      for (const q of queued) await waitFor(`sweep ${q.sweepId} to complete`, async () => ((await statusOf(q.sweepId)) === "COMPLETED" ? true : null), 90_000, 100);
      expect(worker.openSweeps).toEqual([]);
    } finally {
      await worker.stop();
    }
  });

  it("parks the shards of a sweep whose bundle now builds other inputs, naming what differs", async () => {
    const bundleDir = demoBundle("llama3.1");
    const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug: "best" } });
    const [queued] = await enqueueSweeps({ db: t.db, pool, databaseUrl: t.url, bundleDir, prompts: [prompt], openBackend: openOnnxCpu, shardSize: 200, limit: 300, batchSize: 64, settings });
    // The worker's copy of the bundle: the same model with an edited chat template.
    const configPath = path.join(bundleDir, "tokenizer_config.json");
    const config = JSON.parse(readFileSync(configPath, "utf8"));
    const template = String(config.chat_template);
    expect(template).toContain("+ message['content'] | trim");
    const edited = template.replace("+ message['content'] | trim", "+ ('Be brief. ' if message['role'] == 'user' else '') + message['content'] | trim");
    writeFileSync(configPath, JSON.stringify({ ...config, chat_template: edited }));
    const lines: string[] = [];
    const worker = new ShardWorker({ databaseUrl: t.url, settings, openBackend: openOnnxCpu, log: (line) => lines.push(line), refreshAnalyses: false });
    await worker.start();
    try {
      await waitFor("the sweep to fail", async () => ((await statusOf(queued.sweepId)) === "FAILED" ? true : null), 90_000, 100);
    } finally {
      await worker.stop();
    }
    const sweep = await t.db.sweep.findUniqueOrThrow({ where: { id: queued.sweepId } });
    expect(sweep.error).toMatch(/builds other inputs than the sweep was queued with \(prefixIds differ\)/);
    expect(await t.db.sweepShard.count({ where: { sweepId: queued.sweepId, status: "DONE" } })).toBe(0);
    const [{ n }] = (await pool.query(`SELECT count(*)::int AS n FROM "PendingScore" WHERE "sweepId" = $1`, [queued.sweepId])).rows;
    expect(n).toBe(0); // nothing of the other inputs was written
  });
});
