// Batch-size auto-tuning on the real demo model: the search respects its limits and memory budget,
// and one model's prompts share the batch tuned for the first prompt that runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { loadBundle } from "../../runner/bundle";
import { tuneBatchSize } from "../../runner/sweep/batchSize";
import { spliceBatch } from "../../runner/sweep/prepare";
import type { ProbingBackend } from "../../runner/sweep/prepare";
import { sweepBundle } from "../../runner/sweep/sweepBundle";
import { buildInputSpec, loadTokenizer } from "../../runner/tokenize";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { demoBundle, openOnnxCpu } from "./bundles";
import { onDevice } from "./devices";

let t: TestDatabase;
let bundleDir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  bundleDir = demoBundle("llama3.1");
});
afterAll(async () => {
  await t.drop();
});

async function tuning(options: Parameters<typeof tuneBatchSize>[2]) {
  const bundle = await loadBundle(bundleDir);
  const backend = await openOnnxCpu(bundle);
  const spec = buildInputSpec(await loadTokenizer(bundleDir), { prompt: "What, in one word, is the greatest thing ever?" });
  const ids = Int32Array.from({ length: 4096 }, (_, i) => i);
  try {
    return await tuneBatchSize(backend, (rows) => spliceBatch(spec, ids.subarray(0, rows)), options);
  } finally {
    await backend.close();
  }
}

/** A device that cannot hold batches of more than `maxRows` rows (onnxruntime's allocation failure, as a GPU out of memory gives it). */
const smallDevice = (backend: ProbingBackend, maxRows: number) =>
  onDevice(backend, {
    rows: (score, ids, rows, len) =>
      rows > maxRows ? Promise.reject(new Error(`Failed to allocate memory for requested buffer of size ${rows * len * 4096}`)) : score(ids, rows, len),
  });

describe("batch-size tuning", () => {
  it("doubles from the smallest batch, never past the largest, and picks one it measured", async () => {
    const result = await tuning({ memoryBudgetBytes: 64 * 1024 ** 3, minBatch: 32, maxBatch: 1024 });
    const sizes = result.trials.map((trial) => trial.batchSize);
    expect(sizes[0]).toBe(32);
    sizes.slice(1).forEach((size, i) => expect(size).toBe(sizes[i] * 2));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1024);
    expect(sizes).toContain(result.batchSize);
    const best = Math.max(...result.trials.map((trial) => trial.rowsPerSecond));
    expect(result.trials.find((trial) => trial.batchSize === result.batchSize)!.rowsPerSecond).toBeGreaterThanOrEqual(best * 0.95);
  });

  it("stops growing before the memory budget", async () => {
    // A budget below what the process already uses: the first size measured is the last.
    const result = await tuning({ memoryBudgetBytes: process.memoryUsage().rss / 2, minBatch: 64 });
    expect(result.trials.map((trial) => trial.batchSize)).toEqual([64]);
    expect(result.batchSize).toBe(64);
  });

  it("tunes once per model, for a sweep that runs: every prompt of one run uses the same batch", async () => {
    const prompts = await t.db.prompt.findMany({ where: { slug: { in: ["greatest", "best", "worst"] } }, orderBy: { slug: "asc" } });
    // "best" is finished already: it is skipped without tuning, and the first prompt that runs tunes.
    await sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir, prompts: [prompts[0]], openBackend: openOnnxCpu, limit: 2048, batchSize: 96 });
    const lines: string[] = [];
    const summaries = await sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir, prompts, openBackend: openOnnxCpu, limit: 2048, log: (line) => lines.push(line) });
    expect(summaries.map((s) => s.status)).toEqual(["skipped", "completed", "completed"]);
    expect(summaries[0].batchSize).toBe(96); // what that sweep's own run used
    const tuned = lines.filter((line) => /batch size \d+, tuned over/.test(line));
    expect(tuned).toHaveLength(1);
    expect(tuned[0]).toMatch(/ × greatest: batch size/);
    summaries.shift();
    const recorded = await t.db.sweep.findMany({ where: { id: { in: summaries.map((s) => s.sweepId) } }, select: { batchSize: true } });
    expect(new Set(recorded.map((s) => s.batchSize)).size).toBe(1);
    expect(recorded[0].batchSize).toBe(summaries[0].batchSize);
  });

  it("stops at the sizes that ran when a larger batch does not fit the device", async () => {
    const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug: "worst" } });
    const lines: string[] = [];
    const [summary] = await sweepBundle({
      db: t.db, databaseUrl: t.url, bundleDir, prompts: [prompt], limit: 3000, force: true, log: (line) => lines.push(line),
      openBackend: async (bundle) => smallDevice(await openOnnxCpu(bundle), 64),
    });
    expect(summary.status).toBe("completed");
    expect(summary.batchSize).toBeLessThanOrEqual(64);
    expect(lines.join("\n")).toMatch(/tuned over 32–64 rows \(best [\d,]+ rows\/s; 128 rows failed \(Failed to allocate memory/);
  });

  it("fails the sweep (not left pending) when not even the smallest batch fits", async () => {
    const prompt = await t.db.prompt.findUniqueOrThrow({ where: { slug: "greatest" } });
    const error = await sweepBundle({
      db: t.db, databaseUrl: t.url, bundleDir, prompts: [prompt], limit: 1000, force: true,
      openBackend: async (bundle) => smallDevice(await openOnnxCpu(bundle), 8), // the probe and first-rows check fit
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/Failed to allocate memory/);
    const sweep = await t.db.sweep.findFirstOrThrow({ where: { promptId: prompt.id, vocabPolicy: "all;first:1000" } });
    expect([sweep.status, sweep.error]).toEqual(["FAILED", expect.stringMatching(/Failed to allocate memory/)]);
  });
});
