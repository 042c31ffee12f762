/**
 * Distribution summaries of one model's scores over the vocabulary (METHOD: "Distribution per
 * model x prompt: mean, variance, skewness; violin/histogram").
 *
 * Definitions (all accumulate in float64 with two passes, so Float32Array sweeps of 256k tokens
 * lose no precision):
 * - variance: both are provided. `variance(x)` defaults to the SAMPLE variance (ddof = 1, R's
 *   var(), which the paper's R pipeline uses); `variance(x, 0)` is the population variance
 *   (numpy's default). On a whole-vocabulary sweep (n >= 128,256) the two differ by a factor
 *   n/(n-1) < 1 + 1e-5, so paper-tables/table_3_distribution_moments.csv (3 decimals) is
 *   consistent with either; we report the sample variance as the headline.
 * - skewness: scipy.stats.skew default (bias=True): g1 = m3 / m2^1.5 with population central
 *   moments; `{ bias: false }` gives the adjusted Fisher-Pearson G1 = g1 * sqrt(n(n-1)) / (n-2).
 * - quantile: Hyndman & Fan type 7 (numpy.quantile / R quantile defaults): linear interpolation
 *   between order statistics at h = (n - 1) q.
 * - histogram: numpy.histogram semantics: bins [e_i, e_{i+1}) except the last, which is closed;
 *   values outside [e_0, e_last] are not counted (reported separately).
 */
import { assertNoNaN, type Numbers } from "./types";

export function mean(x: Numbers): number {
  const n = x.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const m = s / n;
  // Second pass corrects the rounding error of the first (as in numerically careful mean()).
  let c = 0;
  for (let i = 0; i < n; i++) c += x[i] - m;
  return m + c / n;
}

/** Central moment sums: returns [sum (x-m)^2, sum (x-m)^3, sum (x-m)^4]. */
function centralSums(x: Numbers, m: number): [number, number, number] {
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - m;
    const d2 = d * d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  return [s2, s3, s4];
}

/** Variance with `ddof` degrees of freedom removed: 1 = sample (default), 0 = population. */
export function variance(x: Numbers, ddof: 0 | 1 = 1): number {
  const n = x.length;
  if (n - ddof <= 0) return NaN;
  const [s2] = centralSums(x, mean(x));
  return s2 / (n - ddof);
}

export function variancePopulation(x: Numbers): number {
  return variance(x, 0);
}

export function varianceSample(x: Numbers): number {
  return variance(x, 1);
}

export function standardDeviation(x: Numbers, ddof: 0 | 1 = 1): number {
  return Math.sqrt(variance(x, ddof));
}

/**
 * Skewness. Default = scipy.stats.skew(x) (bias=True). Returns NaN for a constant input
 * (scipy also returns nan when the variance is zero up to rounding).
 */
export function skewness(x: Numbers, options: { bias?: boolean } = {}): number {
  const n = x.length;
  if (n < 2) return NaN;
  const m = mean(x);
  const [s2, s3] = centralSums(x, m);
  const m2 = s2 / n;
  const m3 = s3 / n;
  // Same zero-variance guard as scipy: variance below float64 resolution (1e-15) of the mean.
  if (m2 <= (1e-15 * m) ** 2) return NaN;
  const g1 = m3 / m2 ** 1.5;
  if (options.bias ?? true) return g1;
  if (n < 3) return NaN;
  return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
}

/** Sorted float64 copy (NaN rejected), for quantiles and repeated order statistics. */
export function sortedCopy(x: Numbers): Float64Array {
  assertNoNaN(x);
  return Float64Array.from(x).sort();
}

/** Type-7 quantile of an already ascending-sorted array; q in [0, 1]. */
export function quantileSorted(sorted: Numbers, q: number): number {
  const n = sorted.length;
  if (n === 0 || !(q >= 0 && q <= 1)) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const frac = h - lo;
  const a = sorted[lo];
  const b = sorted[hi];
  // numpy's lerp form: exact at the endpoints and monotone.
  return frac === 0 ? a : a + (b - a) * frac;
}

/** Type-7 quantile (numpy.quantile default, R type 7). */
export function quantile(x: Numbers, q: number): number {
  return quantileSorted(sortedCopy(x), q);
}

/** Several type-7 quantiles with a single sort. */
export function quantiles(x: Numbers, qs: Numbers): Float64Array {
  const sorted = sortedCopy(x);
  const out = new Float64Array(qs.length);
  for (let i = 0; i < qs.length; i++) out[i] = quantileSorted(sorted, qs[i]);
  return out;
}

export function median(x: Numbers): number {
  return quantile(x, 0.5);
}

export interface Histogram {
  edges: Float64Array;
  counts: Float64Array;
  /** Values below edges[0] or above edges[last] (not in any bin). */
  outside: number;
}

/** Histogram with explicit ascending bin edges (numpy.histogram semantics). */
export function histogram(x: Numbers, edges: Numbers): Histogram {
  const e = Float64Array.from(edges);
  const bins = e.length - 1;
  if (bins < 1) throw new RangeError("histogram needs at least two edges");
  for (let i = 0; i < bins; i++) {
    if (!(e[i] < e[i + 1])) throw new RangeError("histogram edges must be strictly increasing");
  }
  const counts = new Float64Array(bins);
  let outside = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!(v >= e[0] && v <= e[bins])) {
      outside++;
      continue;
    }
    // Binary search for the last edge <= v; the top edge belongs to the last bin.
    let lo = 0;
    let hi = bins;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (e[mid] <= v) lo = mid;
      else hi = mid;
    }
    counts[lo]++;
  }
  return { edges: e, counts, outside };
}

/** `bins` equal-width edges spanning [min, max] of x (or the given range), numpy-style. */
export function equalWidthEdges(x: Numbers, bins: number, range?: [number, number]): Float64Array {
  let lo = range ? range[0] : Infinity;
  let hi = range ? range[1] : -Infinity;
  if (!range) {
    for (let i = 0; i < x.length; i++) {
      if (x[i] < lo) lo = x[i];
      if (x[i] > hi) hi = x[i];
    }
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError("histogram range is not finite");
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i <= bins; i++) edges[i] = lo + ((hi - lo) * i) / bins;
  edges[bins] = hi;
  return edges;
}

export interface Description {
  n: number;
  mean: number;
  varianceSample: number;
  variancePopulation: number;
  skewness: number;
  skewnessUnbiased: number;
  min: number;
  q25: number;
  median: number;
  q75: number;
  max: number;
}

/** All distribution moments of one model x prompt in one call (table_3 style). */
export function describe(x: Numbers): Description {
  const sorted = sortedCopy(x);
  const n = sorted.length;
  return {
    n,
    mean: mean(sorted),
    varianceSample: variance(sorted, 1),
    variancePopulation: variance(sorted, 0),
    skewness: skewness(sorted),
    skewnessUnbiased: skewness(sorted, { bias: false }),
    min: n ? sorted[0] : NaN,
    q25: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q75: quantileSorted(sorted, 0.75),
    max: n ? sorted[n - 1] : NaN,
  };
}
