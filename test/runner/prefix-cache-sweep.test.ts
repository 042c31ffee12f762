// A sweep of a model with key/value cache I/O over the real Llama 3.1 tokenizer and chat template:
// the prompt prefix runs once, rows are [id] + suffix, and the stored scores match a sweep of the
// whole rows. The sweep records how many prefix tokens it cached.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { writeTransformerBundle } from "../../runner/onnx/transformerBundle";
import { sweepBundle } from "../../runner/sweep/sweepBundle";
import { enqueueSweeps } from "../../runner/queue/enqueue";
import { ShardWorker } from "../../runner/queue/shardWorker";
import pg from "pg";
import { waitFor } from "../scale/workers";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { data } from "../api/helpers";
import { openOnnxCpu } from "./bundles";

let t: TestDatabase;
let bundleDir: string;
const dir = mkdtempSync(path.join(tmpdir(), "ra-kv-sweep-"));

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  bundleDir = writeTransformerBundle(dir, { withPast: true, shape: { layers: 2, dModel: 64, heads: 4 } });
});
afterAll(async () => {
  await t.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function storedScores(sweepId: number): Promise<Map<number, number>> {
  const rows = await t.db.score.findMany({ where: { sweepId }, select: { tokenId: true, score: true } });
  return new Map(rows.map((r) => [r.tokenId, r.score]));
}

describe("sweeping with the prompt prefix cached", () => {
  it("stores the scores of the whole rows and records the cached prefix", async () => {
    const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug: "worst" } });
    const lines: string[] = [];
    const base = { db: t.db, databaseUrl: t.url, bundleDir, prompts: [prompt], openBackend: openOnnxCpu, limit: 3000, batchSize: 256, prefixCache: "on" as const, log: (line: string) => lines.push(line) };

    const [cached] = await sweepBundle(base);
    const cachedSweep = await t.db.sweep.findUniqueOrThrow({ where: { id: cached.sweepId } });
    expect(cachedSweep.status).toBe("COMPLETED");
    expect(cachedSweep.cachedPrefixTokens).toBe(cachedSweep.prefixIds.length);
    expect(cachedSweep.prefixIds.length).toBe(22); // Llama 3.1 chat headers around the 12-token prompt
    expect(lines.join("\n")).not.toMatch(/measured/); // "on": no trial of whole rows
    expect(lines.join("\n")).toMatch(new RegExp(`prompt prefix of ${cachedSweep.prefixIds.length} tokens computed once.*rows of ${1 + cachedSweep.suffixIds.length} tokens`));
    const withCache = await storedScores(cached.sweepId);
    const api = await data<{ sweep: { cachedPrefixTokens: number | null } }>(t.db, `query($id: Int!) { sweep(id: $id) { cachedPrefixTokens } }`, { id: cached.sweepId });
    expect(api.sweep.cachedPrefixTokens).toBe(cachedSweep.prefixIds.length);

    const [whole] = await sweepBundle({ ...base, force: true, prefixCache: "off" as const });
    expect(whole.sweepId).toBe(cached.sweepId); // same settings: the same sweep, re-run
    const wholeSweep = await t.db.sweep.findUniqueOrThrow({ where: { id: whole.sweepId } });
    expect(wholeSweep.cachedPrefixTokens).toBeNull();
    const withoutCache = await storedScores(whole.sweepId);

    expect(withCache.size).toBe(3000);
    expect([...withoutCache.keys()].sort((a, b) => a - b)).toEqual([...withCache.keys()].sort((a, b) => a - b));
    let worst = 0;
    for (const [id, score] of withoutCache) worst = Math.max(worst, Math.abs(score - withCache.get(id)!) / Math.max(1, Math.abs(score)));
    expect(worst).toBeLessThan(1e-4);
    expect(new Set(withCache.values()).size).toBeGreaterThan(2900); // real, varying scores
  });

  it("does the same in queue workers: the queued sweep's shards continue from the cached prefix", async () => {
    const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug: "best" } });
    const settings = { leaseSeconds: 30, maxAttempts: 2, maintenanceSeconds: 1, pollSeconds: 1 };
    const pool = new pg.Pool({ connectionString: t.url, max: 3 });
    const worker = new ShardWorker({ databaseUrl: t.url, settings, openBackend: openOnnxCpu, log: () => {}, refreshAnalyses: false, prefixCache: "on" });
    await worker.start();
    try {
      const [queued] = await enqueueSweeps({
        db: t.db, pool, databaseUrl: t.url, bundleDir, prompts: [prompt], openBackend: openOnnxCpu, shardSize: 200, limit: 600, batchSize: 64, settings,
      });
      const done = await waitFor("the queued sweep to complete", async () => {
        const sweep = await t.db.sweep.findUniqueOrThrow({ where: { id: queued.sweepId } });
        return sweep.status === "COMPLETED" ? sweep : null;
      }, 90_000, 100);
      expect(done.cachedPrefixTokens).toBe(done.prefixIds.length);
      // Its times are its shards' times, summed as they commit.
      const shardSeconds = (await t.db.sweepShard.findMany({ where: { sweepId: queued.sweepId } })).reduce((sum, s) => sum + (s.seconds ?? 0), 0);
      expect(done.wallSeconds).toBeCloseTo(shardSeconds, 6);
      expect(done.inferenceSeconds).toBeGreaterThan(0);
      expect(done.inferenceSeconds!).toBeLessThanOrEqual(done.wallSeconds!);
      expect(done.completionSeconds).toBeGreaterThan(0); // the worker that finished it moved the rows
      const fromWorkers = await storedScores(queued.sweepId);
      const [whole] = await sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir, prompts: [prompt], openBackend: openOnnxCpu, limit: 600, batchSize: 64, force: true, prefixCache: "off" });
      const wholeRows = await storedScores(whole.sweepId);
      expect(fromWorkers.size).toBe(600);
      for (const [id, score] of wholeRows) expect(Math.abs(fromWorkers.get(id)! - score)).toBeLessThan(1e-4 * Math.max(1, Math.abs(score)));
    } finally {
      await worker.stop();
      await pool.end();
    }
  });
});
