// Batch size: rows are equal-length, so the batch is purely a memory/throughput trade-off.
// Auto-tuning doubles the batch on real rows while throughput improves and the process stays
// within the memory budget, then keeps the smallest batch within 5% of the best rate.
// One timed call per size was too noisy on a busy machine (a demo sweep settled on 128 rows one
// run and 4096 the next): each size is timed several times, for at least minTrialMs, and keeps
// its best rate; the search stops after two doublings in a row that gain under 5%.
import { performance } from "node:perf_hooks";
import type { ScoreBatch, ScoringBackend } from "./pipeline";

export interface BatchTuning {
  batchSize: number;
  trials: { batchSize: number; rowsPerSecond: number; rssBytes: number }[];
}

export interface BatchTuningOptions {
  memoryBudgetBytes: number;
  maxBatch?: number;
  minBatch?: number;
  /** Stop growing once one call takes longer than this. */
  maxTrialSeconds?: number;
  /** Time each size for at least this long (and at least `minRuns` calls). */
  minTrialMs?: number;
  minRuns?: number;
}

export async function tuneBatchSize(backend: ScoringBackend, makeBatch: (rows: number) => ScoreBatch, options: BatchTuningOptions): Promise<BatchTuning> {
  const maxBatch = options.maxBatch ?? 4096;
  const minTrialMs = options.minTrialMs ?? 20;
  const minRuns = options.minRuns ?? 2;
  const maxTrialMs = (options.maxTrialSeconds ?? 2) * 1000;
  const trials: BatchTuning["trials"] = [];
  const baseline = process.memoryUsage().rss;
  let best = 0;
  let flat = 0;
  for (let rows = Math.min(options.minBatch ?? 32, maxBatch); rows <= maxBatch; rows *= 2) {
    const batch = makeBatch(rows);
    await backend.score(batch.inputIds, batch.rows, batch.seqLen); // warm-up: allocations, kernels
    let fastest = Infinity;
    const started = performance.now();
    for (let run = 0; run < minRuns || performance.now() - started < minTrialMs; run++) {
      const t0 = performance.now();
      await backend.score(batch.inputIds, batch.rows, batch.seqLen);
      fastest = Math.min(fastest, performance.now() - t0);
      if (fastest > maxTrialMs) break;
    }
    const rss = process.memoryUsage().rss;
    const rowsPerSecond = batch.rows / Math.max(fastest / 1000, 1e-9);
    trials.push({ batchSize: rows, rowsPerSecond, rssBytes: rss });
    flat = rowsPerSecond < best * 1.05 ? flat + 1 : 0;
    best = Math.max(best, rowsPerSecond);
    // Doubling again roughly doubles the activation memory: stop before the budget.
    if (baseline + 2 * Math.max(rss - baseline, 0) > options.memoryBudgetBytes) break;
    if (flat >= 2) break;
    if (fastest > maxTrialMs) break;
  }
  const chosen = trials.find((t) => t.rowsPerSecond >= best * 0.95) ?? trials[trials.length - 1];
  return { batchSize: chosen.batchSize, trials };
}
