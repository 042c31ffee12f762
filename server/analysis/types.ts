/**
 * Shared types for the analysis modules.
 *
 * Inputs are accepted as `ArrayLike<number>` so callers can pass Float32Array sweeps, Float64Array
 * data parsed from CSV, or plain arrays in tests; outputs are typed arrays (compact, no boxing).
 */

/** Any read-only indexable list of numbers (Float32Array, Float64Array, number[], ...). */
export type Numbers = ArrayLike<number>;

/** A point estimate with a two-sided percentile-bootstrap (or null) interval. */
export interface Interval {
  estimate: number;
  lower: number;
  upper: number;
  /** Coverage of [lower, upper], e.g. 0.95. */
  confidence: number;
}

/** Options shared by every bootstrap / permutation routine: reproducible by construction. */
export interface ResamplingOptions {
  /** Number of resamples (bootstrap) or permutations (null baselines). */
  resamples?: number;
  /** Two-sided coverage of the reported interval; default 0.95. */
  confidence?: number;
  /** Seed for mulberry32; the same seed always gives the same interval. */
  seed?: number;
  /**
   * Bootstrap only: cluster of each row (dense ids 0..C-1, see denseIds). Resamples then draw
   * clusters, and rows within them (random.ts rowResampler), so rows that are one observation
   * (" good", "good" and "Good" are one word) are not counted as independent, which would narrow
   * the interval.
   */
  clusters?: Int32Array;
}

export const DEFAULT_RESAMPLES = 1000;
export const DEFAULT_CONFIDENCE = 0.95;
export const DEFAULT_SEED = 20250611;

/** Throws on NaN: rank statistics on NaN have no defined order, and a silent NaN would poison results. */
export function assertNoNaN(values: Numbers, what = "values"): void {
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i])) throw new RangeError(`${what} contains NaN at index ${i}`);
  }
}

export function assertSameLength(a: Numbers, b: Numbers, what = "inputs"): void {
  if (a.length !== b.length) {
    throw new RangeError(`${what} must have equal length (got ${a.length} and ${b.length})`);
  }
}
