// How a sweep scores its rows, settled once per model: the batch size, and for a model with
// key/value cache I/O, whether rows run against the cached prompt prefix or whole.
// The cached prefix saves arithmetic (each row runs [id] + suffix), but every batch carries the
// prefix's keys/values as input tensors. On the CPU onnxruntime reads them in place (cached rows
// ran 4-12x faster than whole rows, bench/sweep); the WebGPU provider uploads them for every batch
// (cached rows ran at 0.18-0.24x whole rows on an NVIDIA H200, bench/webgpu). So `auto` measures both
// on the sweep's own rows and keeps the faster.
import { performance } from "node:perf_hooks";
import type { InputSpec } from "../tokenize";
import { tuneBatchSize } from "./batchSize";
import type { ScoreBatch, ScoringBackend } from "./pipeline";
import { openRowScorer, spliceBatch, type RowScorer } from "./prepare";

export const PREFIX_CACHE_MODES = ["auto", "on", "off"] as const;
export type PrefixCacheMode = (typeof PREFIX_CACHE_MODES)[number];
export const isPrefixCacheMode = (text: unknown): text is PrefixCacheMode => PREFIX_CACHE_MODES.includes(text as PrefixCacheMode);

export interface RowPathRates {
  batchSize: number;
  cachedRowsPerSecond: number;
  wholeRowsPerSecond: number;
}

/** Whole rows only when clearly faster: the cached path does less arithmetic, so a near tie is noise. */
export function prefersWholeRows(rates: RowPathRates): boolean {
  return rates.wholeRowsPerSecond > 1.1 * rates.cachedRowsPerSecond;
}

/**
 * Best rows/s of `scorer` on `batch`: a small warm-up call (kernels for this row length), then up to
 * `runs` timed calls. Stops after a timed call below half of `stopBelow` (the other path's rate): a
 * path several times slower, as whole rows are on the CPU, costs one batch to rule out.
 */
export async function measureRowsPerSecond(scorer: ScoringBackend, batch: ScoreBatch, options: { runs?: number; stopBelow?: number } = {}): Promise<number> {
  const warm = Math.min(batch.rows, 8);
  await scorer.score(batch.inputIds.subarray(0, warm * batch.seqLen), warm, batch.seqLen);
  let best = 0;
  for (let run = 0; run < (options.runs ?? 2); run++) {
    const started = performance.now();
    await scorer.score(batch.inputIds, batch.rows, batch.seqLen);
    best = Math.max(best, batch.rows / Math.max((performance.now() - started) / 1000, 1e-9));
    if (best < (options.stopBelow ?? 0) / 2) break;
  }
  return best;
}

export interface RowSetupOptions {
  mode: PrefixCacheMode;
  /** Given, or settled by an earlier prompt of the same model. */
  batchSize?: number;
  /** Settled by an earlier prompt of the same model (true: cached prefix); measured when undefined. */
  useCache?: boolean;
  memoryBudgetBytes?: number;
  log: (line: string) => void;
  label: string;
}

export interface RowSetup {
  rows: RowScorer;
  batchSize: number;
  /** Whether this model's rows run against a cached prefix, once settled (undefined: nothing to settle). */
  useCache: boolean | undefined;
}

async function tune(rows: RowScorer, sample: Int32Array, memoryBudgetBytes: number | undefined, log: (line: string) => void, label: string) {
  const tuning = await tuneBatchSize(rows.scorer, (n) => spliceBatch(rows.rowSpec, sample.subarray(0, Math.min(n, sample.length))), {
    memoryBudgetBytes: memoryBudgetBytes ?? 2 * 1024 ** 3,
    maxBatch: Math.min(4096, sample.length),
  });
  const sizes = tuning.trials.map((trial) => trial.batchSize);
  const rate = tuning.trials.find((trial) => trial.batchSize === tuning.batchSize)!.rowsPerSecond;
  const best = Math.max(...tuning.trials.map((trial) => trial.rowsPerSecond));
  const stopped = tuning.failed ? `; ${tuning.failed.batchSize} rows failed (${tuning.failed.message.split("\n")[0]})` : "";
  log(`${label}: batch size ${tuning.batchSize}, tuned over ${Math.min(...sizes)}–${Math.max(...sizes)} rows (best ${Math.round(best).toLocaleString("en")} rows/s${stopped}); kept for this model's other prompts`);
  return { batchSize: tuning.batchSize, rowsPerSecond: rate };
}

/** Opens the row scorer for one prompt's sweep (the caller closes `rows`), tuning and measuring what
 * the model's earlier prompts have not settled. `sample`: ids of the sweep, for the trial batches. */
export async function setUpRows(backend: ScoringBackend, spec: InputSpec, sample: Int32Array, options: RowSetupOptions): Promise<RowSetup> {
  const { log, label } = options;
  let rows = await openRowScorer(backend, spec, options.mode !== "off" && options.useCache !== false);
  let batchSize = options.batchSize;
  let cachedRate: number | undefined;
  if (!batchSize) ({ batchSize, rowsPerSecond: cachedRate } = await tune(rows, sample, options.memoryBudgetBytes, log, label));
  if (rows.cachedPrefixTokens === null) return { rows, batchSize, useCache: options.useCache }; // no cache I/O, off, or settled
  if (options.mode !== "auto" || options.useCache !== undefined) return { rows, batchSize, useCache: true };

  const trial = sample.subarray(0, Math.min(batchSize, sample.length));
  cachedRate ??= await measureRowsPerSecond(rows.scorer, spliceBatch(rows.rowSpec, trial));
  let wholeRate: number;
  try {
    wholeRate = await measureRowsPerSecond(backend, spliceBatch(spec, trial), { stopBelow: cachedRate });
  } catch (error) {
    // Whole rows are longer: a batch sized for the cached rows can exhaust device memory.
    log(`${label}: whole rows failed at batch ${batchSize} (${error instanceof Error ? error.message : String(error)}); keeping the prompt prefix cache`);
    return { rows, batchSize, useCache: true };
  }
  const rates = { batchSize, cachedRowsPerSecond: cachedRate, wholeRowsPerSecond: wholeRate };
  const whole = prefersWholeRows(rates);
  const fmt = (n: number) => Math.round(n).toLocaleString("en");
  log(
    `${label}: prompt prefix cache measured at batch ${batchSize}: ${fmt(cachedRate)} rows/s cached vs ${fmt(wholeRate)} whole rows; ` +
      (whole ? "running whole rows (--prefix-cache on to force the cache)" : "keeping the cache"),
  );
  if (!whole) return { rows, batchSize, useCache: true };
  await rows.close();
  rows = await openRowScorer(backend, spec, false);
  if (!options.batchSize) ({ batchSize } = await tune(rows, sample, options.memoryBudgetBytes, log, label));
  return { rows, batchSize, useCache: false };
}
