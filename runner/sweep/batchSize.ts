// Batch size: rows are equal-length, so the batch is purely a memory/throughput trade-off.
// Auto-tuning doubles the batch on real rows until throughput stops improving (< 5%) or the
// process would exceed the memory budget, then keeps the smallest batch near the best rate.
import { performance } from "node:perf_hooks";
import type { ScoreBatch, ScoringBackend } from "./pipeline";

export interface BatchTuning {
  batchSize: number;
  trials: { batchSize: number; rowsPerSecond: number; rssBytes: number }[];
}

export async function tuneBatchSize(
  backend: ScoringBackend,
  makeBatch: (rows: number) => ScoreBatch,
  options: { memoryBudgetBytes: number; maxBatch?: number; minBatch?: number; maxTrialSeconds?: number },
): Promise<BatchTuning> {
  const maxBatch = options.maxBatch ?? 4096;
  const trials: BatchTuning["trials"] = [];
  const baseline = process.memoryUsage().rss;
  for (let rows = options.minBatch ?? 32; rows <= maxBatch; rows *= 2) {
    const batch = makeBatch(rows);
    await backend.score(batch.inputIds, batch.rows, batch.seqLen); // warm-up: allocations, kernels
    const t0 = performance.now();
    await backend.score(batch.inputIds, batch.rows, batch.seqLen);
    const seconds = (performance.now() - t0) / 1000;
    const rss = process.memoryUsage().rss;
    trials.push({ batchSize: rows, rowsPerSecond: rows / Math.max(seconds, 1e-6), rssBytes: rss });
    const previous = trials.at(-2);
    const growth = rss - baseline;
    // Doubling again roughly doubles the activation memory: stop before the budget.
    if (baseline + 2 * Math.max(growth, 0) > options.memoryBudgetBytes) break;
    if (previous && trials.at(-1)!.rowsPerSecond < previous.rowsPerSecond * 1.05) break;
    if (seconds > (options.maxTrialSeconds ?? 2)) break;
  }
  const best = Math.max(...trials.map((t) => t.rowsPerSecond));
  const chosen = trials.find((t) => t.rowsPerSecond >= best * 0.95) ?? trials[trials.length - 1];
  return { batchSize: chosen.batchSize, trials };
}
