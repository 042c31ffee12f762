// --prefix-cache auto: a model with key/value cache I/O is measured both ways on the sweep's own
// rows, once per model, and swept the faster way. On the CPU the cached prefix wins; on the WebGPU
// provider every batch uploads the cached keys/values and whole rows won 4-5x (bench/webgpu, H200).
// The devices here are the real CPU backend with a fixed cost added to one path's calls, standing in
// for that upload: the scores are real, only the speed differs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { loadBundle } from "../../runner/bundle";
import { writeTransformerBundle } from "../../runner/onnx/transformerBundle";
import { enqueueSweeps } from "../../runner/queue/enqueue";
import { ShardWorker } from "../../runner/queue/shardWorker";
import type { ScoringBackend } from "../../runner/sweep/pipeline";
import type { ProbingBackend } from "../../runner/sweep/prepare";
import { measureRowsPerSecond, prefersWholeRows } from "../../runner/sweep/rowPath";
import { sweepBundle } from "../../runner/sweep/sweepBundle";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { waitFor } from "../scale/workers";
import { openOnnxCpu } from "./bundles";
import { onDevice, slower } from "./devices";

let t: TestDatabase;
let bundleDir: string;
const dir = mkdtempSync(path.join(tmpdir(), "ra-kv-auto-"));

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  bundleDir = writeTransformerBundle(dir, { withPast: true, shape: { layers: 2, dModel: 64, heads: 4 } });
});
afterAll(async () => {
  await t.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** The CPU backend where each call of one path costs 200 ms more. */
const onSlowDevice = (backend: ProbingBackend, slow: "cached" | "whole") => onDevice(backend, slow === "cached" ? { cached: slower(200) } : { rows: slower(200) });

async function storedScores(sweepId: number): Promise<Map<number, number>> {
  const rows = await t.db.score.findMany({ where: { sweepId }, select: { tokenId: true, score: true } });
  return new Map(rows.map((r) => [r.tokenId, r.score]));
}

describe("choosing between the cached prefix and whole rows", () => {
  it("prefers whole rows only when clearly faster (the H200's figures: whole rows there, the cache on its CPU)", () => {
    expect(prefersWholeRows({ batchSize: 1024, cachedRowsPerSecond: 13_057, wholeRowsPerSecond: 70_992 })).toBe(true);
    expect(prefersWholeRows({ batchSize: 1024, cachedRowsPerSecond: 33_106, wholeRowsPerSecond: 2_659 })).toBe(false);
    expect(prefersWholeRows({ batchSize: 64, cachedRowsPerSecond: 1000, wholeRowsPerSecond: 1090 })).toBe(false); // a tie keeps the cache
  });

  it("times a warm-up and up to `runs` batches, and stops after one that is far below the other path", async () => {
    const backend = await openOnnxCpu(await loadBundle(bundleDir));
    const calls: number[] = [];
    const counted: ScoringBackend = { kind: backend.kind, device: backend.device, score: (ids, rows, len) => (calls.push(rows), backend.score(ids, rows, len)), close: async () => {} };
    const L = 24;
    const batch = { tokenIds: new Int32Array(32), inputIds: BigInt64Array.from({ length: 32 * L }, (_, i) => BigInt((i * 31) % 5000)), rows: 32, seqLen: L };
    expect(await measureRowsPerSecond(counted, batch)).toBeGreaterThan(0);
    expect(calls).toEqual([8, 32, 32]);
    calls.length = 0;
    await measureRowsPerSecond(counted, batch, { stopBelow: Infinity });
    expect(calls).toEqual([8, 32]);
    calls.length = 0;
    await measureRowsPerSecond(counted, batch, { runs: 3 });
    expect(calls).toEqual([8, 32, 32, 32]);
    await backend.close();
  });

  it("sweeps whole rows where the cached path is slower, measured once per model, tuned for whole rows", async () => {
    const prompts = await t.db.prompt.findMany({ where: { slug: { in: ["greatest", "best"] } }, orderBy: { slug: "desc" } });
    const lines: string[] = [];
    const summaries = await sweepBundle({
      db: t.db, databaseUrl: t.url, bundleDir, prompts, limit: 1200, log: (line) => lines.push(line),
      openBackend: async (bundle) => onSlowDevice(await openOnnxCpu(bundle), "cached"),
    });
    const measured = lines.filter((line) => line.includes("prompt prefix cache measured"));
    expect(measured).toHaveLength(1);
    expect(measured[0]).toMatch(/rows\/s cached vs [\d,]+ whole rows; running whole rows/);
    expect(lines.filter((line) => / batch size \d+, tuned over/.test(line))).toHaveLength(2); // the cached path, then whole rows
    for (const summary of summaries) {
      const sweep = await t.db.sweep.findUniqueOrThrow({ where: { id: summary.sweepId } });
      expect([sweep.status, sweep.cachedPrefixTokens, sweep.tokenCount]).toEqual(["COMPLETED", null, 1200]);
      expect(sweep.batchSize).toBe(summaries[0].batchSize);
    }
    // The same scores as a sweep told to run whole rows.
    const auto = await storedScores(summaries[0].sweepId);
    await sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir, prompts: [prompts[0]], limit: 1200, batchSize: 128, force: true, prefixCache: "off", openBackend: openOnnxCpu });
    const whole = await storedScores(summaries[0].sweepId);
    expect(auto.size).toBe(1200);
    for (const [id, score] of whole) expect(Math.abs(auto.get(id)! - score)).toBeLessThan(1e-5 * Math.max(1, Math.abs(score)));
  });

  it("keeps the cache where whole rows are slower", async () => {
    const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug: "worst" } });
    const lines: string[] = [];
    const [summary] = await sweepBundle({
      db: t.db, databaseUrl: t.url, bundleDir, prompts: [prompt], limit: 600, batchSize: 64, log: (line) => lines.push(line),
      openBackend: async (bundle) => onSlowDevice(await openOnnxCpu(bundle), "whole"),
    });
    expect(lines.join("\n")).toMatch(/prompt prefix cache measured at batch 64: .*; keeping the cache/);
    const sweep = await t.db.sweep.findUniqueOrThrow({ where: { id: summary.sweepId } });
    expect([sweep.status, sweep.cachedPrefixTokens]).toEqual(["COMPLETED", sweep.prefixIds.length]);
  });

  it("lets each queue worker measure its own device", async () => {
    const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug: "worst" } });
    const settings = { leaseSeconds: 30, maxAttempts: 2, maintenanceSeconds: 1, pollSeconds: 1 };
    const pool = new pg.Pool({ connectionString: t.url, max: 3 });
    const lines: string[] = [];
    const slowCache = async (bundle: Parameters<typeof openOnnxCpu>[0]) => onSlowDevice(await openOnnxCpu(bundle), "cached");
    const worker = new ShardWorker({ databaseUrl: t.url, settings, openBackend: slowCache, log: (line) => lines.push(line), refreshAnalyses: false });
    await worker.start();
    try {
      const [queued] = await enqueueSweeps({
        db: t.db, pool, databaseUrl: t.url, bundleDir, prompts: [prompt], openBackend: openOnnxCpu, shardSize: 200, limit: 400, batchSize: 64, settings,
      });
      const done = await waitFor("the queued sweep to complete", async () => {
        const sweep = await t.db.sweep.findUniqueOrThrow({ where: { id: queued.sweepId } });
        return sweep.status === "COMPLETED" ? sweep : null;
      }, 90_000, 100);
      expect(done.cachedPrefixTokens).toBeNull();
      expect(lines.filter((line) => line.startsWith(`sweep ${queued.sweepId}: prompt prefix cache measured at batch 64`))).toHaveLength(1);
      expect((await storedScores(queued.sweepId)).size).toBe(400);
    } finally {
      await worker.stop();
      await pool.end();
    }
  });
});
