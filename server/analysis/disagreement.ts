/**
 * Where two models disagree most: over aligned items (the shared vocabulary), each item's
 * mid-rank percentile under each model, and the k items with the largest difference either way.
 * Percentiles, not raw scores: raw scores are not comparable across models (METHOD).
 */
import { percentiles } from "./ranks";
import { bottomK, topK } from "./topk";
import { assertSameLength, type Numbers } from "./types";

export interface Disagreements {
  /** Item indices a ranks far above b, largest percentile difference first (ties by index). */
  aOverB: Int32Array;
  /** Item indices b ranks far above a, largest difference first. */
  bOverA: Int32Array;
  /** Mid-rank percentiles (0-100, 100 = highest score) of every item under a and under b. */
  percentileA: Float64Array;
  percentileB: Float64Array;
}

export function largestDisagreements(a: Numbers, b: Numbers, k: number): Disagreements {
  assertSameLength(a, b, "largestDisagreements");
  return disagreementsOfPercentiles(percentiles(a), percentiles(b), k);
}

/** The same from percentiles already computed (all pairs of m models: m rankings, not m(m-1)). */
export function disagreementsOfPercentiles(percentileA: Float64Array, percentileB: Float64Array, k: number): Disagreements {
  assertSameLength(percentileA, percentileB, "disagreementsOfPercentiles");
  const difference = percentileA.map((p, i) => p - percentileB[i]);
  return { aOverB: topK(difference, k), bOverA: bottomK(difference, k), percentileA, percentileB };
}
