// Batch size: rows are equal-length, so the batch is purely a memory/throughput trade-off.
// Auto-tuning doubles the batch on real rows while throughput improves and the process stays
// within the memory budget, then keeps the smallest batch within 5% of the best rate.
// One timed call per size was too noisy on a busy machine (a demo sweep settled on 128 rows one
// run and 4096 the next): each size is timed several times, for at least minTrialMs, and keeps
// its best rate; the search stops after two doublings in a row that gain under 5%.
import { performance } from "node:perf_hooks";
import { failureKind } from "./errors";
import type { ScoreBatch, ScoringBackend } from "./pipeline";

export interface BatchTuning {
  batchSize: number;
  trials: { batchSize: number; rowsPerSecond: number; rssBytes: number }[];
  /** The size whose call failed (e.g. out of device memory), which ended the search. */
  failed?: { batchSize: number; message: string };
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
  let failed: BatchTuning["failed"];
  for (let rows = Math.min(options.minBatch ?? 32, maxBatch); rows <= maxBatch; rows *= 2) {
    const batch = makeBatch(rows);
    let fastest = Infinity;
    try {
      await backend.score(batch.inputIds, batch.rows, batch.seqLen); // warm-up: allocations, kernels
      const started = performance.now();
      for (let run = 0; run < minRuns || performance.now() - started < minTrialMs; run++) {
        const t0 = performance.now();
        await backend.score(batch.inputIds, batch.rows, batch.seqLen);
        fastest = Math.min(fastest, performance.now() - t0);
        if (fastest > maxTrialMs) break;
      }
    } catch (error) {
      // A size the device cannot hold (GPU memory is not in the RSS budget) ends the search at the
      // sizes that ran; bad model output, or a failure at the smallest size, is the sweep's error.
      if (trials.length === 0 || failureKind(error) === "bad-input") throw error;
      failed = { batchSize: rows, message: error instanceof Error ? error.message : String(error) };
      break;
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
  return { batchSize: chosen.batchSize, trials, failed };
}
