/**
 * Percentile bootstrap. At n ~ 100k every p-value is tiny, so the project reports effect sizes
 * with intervals (METHOD). Resamples draw n row indices with replacement (or whole clusters of
 * rows, `options.clusters`) from a mulberry32 stream seeded by the caller, so an interval is a
 * pure function of (data, options).
 * The interval is [q_(alpha/2), q_(1-alpha/2)] of the bootstrap distribution, with type-7
 * quantiles (numpy default). Resamples where the statistic is undefined (NaN, e.g. a singular
 * regression) are dropped and counted.
 */
import { quantileSorted } from "./moments";
import { mulberry32, rowResampler } from "./random";
import {
  DEFAULT_CONFIDENCE,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  type Interval,
  type ResamplingOptions,
} from "./types";

export interface BootstrapInterval extends Interval {
  /** Resamples whose statistic was finite (the others were dropped). */
  resamples: number;
  failedResamples: number;
}

/** [lower, upper] percentile interval of `samples` (NaNs ignored). */
export function percentileInterval(samples: Float64Array, confidence: number): { lower: number; upper: number } {
  const finite = samples.filter((v) => !Number.isNaN(v)).sort();
  const alpha = (1 - confidence) / 2;
  return { lower: quantileSorted(finite, alpha), upper: quantileSorted(finite, 1 - alpha) };
}

/**
 * Bootstraps a vector-valued statistic of `n` rows. `statistic(indices, out)` must write `k`
 * values into `out` for the rows listed in `indices` (rows may repeat). The point estimates
 * come from the identity resample (all rows once).
 */
export function bootstrapVector(
  n: number,
  k: number,
  statistic: (indices: Uint32Array, out: Float64Array) => void,
  options: ResamplingOptions = {},
): BootstrapInterval[] {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const rng = mulberry32(options.seed ?? DEFAULT_SEED);
  const identity = new Uint32Array(n);
  for (let i = 0; i < n; i++) identity[i] = i;
  const estimate = new Float64Array(k);
  statistic(identity, estimate);
  const samples = Array.from({ length: k }, () => new Float64Array(resamples));
  const out = new Float64Array(k);
  const draw = rowResampler(n, options.clusters);
  const failed = new Int32Array(k);
  for (let r = 0; r < resamples; r++) {
    const indices = draw(rng);
    out.fill(NaN);
    statistic(indices, out);
    for (let j = 0; j < k; j++) {
      samples[j][r] = out[j];
      if (!Number.isFinite(out[j])) failed[j]++;
    }
  }
  return samples.map((s, j) => {
    const { lower, upper } = n > 0 && resamples > 0 ? percentileInterval(s, confidence) : { lower: NaN, upper: NaN };
    return {
      estimate: estimate[j],
      lower,
      upper,
      confidence,
      resamples: resamples - failed[j],
      failedResamples: failed[j],
    };
  });
}

/** Bootstraps a scalar statistic of `n` rows (see bootstrapVector). */
export function bootstrapScalar(
  n: number,
  statistic: (indices: Uint32Array) => number,
  options: ResamplingOptions = {},
): BootstrapInterval {
  return bootstrapVector(n, 1, (idx, out) => (out[0] = statistic(idx)), options)[0];
}
