/**
 * Rank-biased overlap (Webber, Moffat & Zobel 2010, "A similarity measure for indefinite
 * rankings", eq. 32): the extrapolated RBO_ext for two finite rankings of equal length k,
 *
 *   RBO_ext = (X_k / k) p^k + ((1 - p) / p) * sum_{d=1..k} (X_d / d) p^d,
 *
 * where X_d = |A[0..d) ∩ B[0..d)| is the overlap of the two depth-d prefixes. With p = 0.9 the
 * top ~10 ranks carry ~86% of the weight, so RBO complements tau (whole ranking) by asking
 * "do two models agree on what is BEST?". Identical lists give 1, disjoint lists give 0.
 *
 * Tie handling: RBO is defined on strict rankings. When we build the rankings from scores
 * (`rboFromScores`, `descendingOrder`) tied scores are ordered by ascending index (in the shared
 * vocabulary: its fixed string order), the same rule in both lists. This is deterministic but
 * arbitrary within a tie; models with coarse (bf16) scores can have large tie groups, and
 * their RBO then partly reflects this tie-break. Webber et al.'s tie-aware variant is not
 * implemented; report the tie count alongside RBO when it matters.
 *
 * Cost: O(k) with two flag arrays, and in practice O(D): every term beyond depth D, plus the
 * tail term, adds at most p^D in total (X_d / d <= 1), so the sum stops once p^D < 1e-18, far
 * below float64 resolution of a value <= 1 (D ~ 390 for p = 0.9). Stopping early also avoids
 * p^d reaching subnormal floats, where 0.9 * MIN_VALUE rounds back to MIN_VALUE and never 0.
 */
import { argsort } from "./ranks";
import { assertSameLength, type Numbers } from "./types";

export const DEFAULT_RBO_P = 0.9;

/** Remaining weight below which further depths cannot change the float64 result. */
const NEGLIGIBLE_WEIGHT = 1e-18;

/**
 * RBO_ext of two rankings given as lists of item ids (non-negative integers, best first,
 * no repeats within a list). Lists must have equal length. Ids index flag arrays of size
 * max(id) + 1, so use dense ids (token ids, shared-vocabulary positions).
 */
export function rankBiasedOverlap(listA: Numbers, listB: Numbers, p: number = DEFAULT_RBO_P): number {
  assertSameLength(listA, listB, "rankBiasedOverlap");
  if (!(p > 0 && p < 1)) throw new RangeError(`RBO persistence p must be in (0, 1), got ${p}`);
  const k = listA.length;
  if (k === 0) return NaN;
  let maxId = 0;
  for (let d = 0; d < k; d++) {
    const a = listA[d];
    const b = listB[d];
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b < 0) {
      throw new RangeError("rankBiasedOverlap: item ids must be non-negative integers");
    }
    if (a > maxId) maxId = a;
    if (b > maxId) maxId = b;
  }
  const inA = new Uint8Array(maxId + 1);
  const inB = new Uint8Array(maxId + 1);
  let overlap = 0;
  let weight = 1; // p^d
  let sum = 0;
  for (let d = 1; d <= k; d++) {
    const a = listA[d - 1];
    const b = listB[d - 1];
    if (inA[a] || inB[b]) throw new RangeError("rankBiasedOverlap: an item repeats within a list");
    inA[a] = 1;
    inB[b] = 1;
    if (a === b) overlap++;
    else {
      if (inB[a]) overlap++;
      if (inA[b]) overlap++;
    }
    weight *= p;
    sum += (overlap / d) * weight;
    if (weight < NEGLIGIBLE_WEIGHT && d < k) return ((1 - p) / p) * sum; // see header
  }
  const tail = (overlap / k) * weight;
  return ((1 - p) / p) * sum + tail;
}

/** Item indices ordered by descending score, ties by ascending index (see tie note above). */
export function descendingOrder(scores: Numbers): Uint32Array {
  return argsort(scores, "desc");
}

/**
 * RBO between two score vectors aligned by index (e.g. two models over the shared vocabulary):
 * each is turned into a full ranking by descending score, then RBO_ext is taken.
 */
export function rboFromScores(x: Numbers, y: Numbers, p: number = DEFAULT_RBO_P): number {
  assertSameLength(x, y, "rboFromScores");
  return rankBiasedOverlap(descendingOrder(x), descendingOrder(y), p);
}

/**
 * Fast RBO_ext for two permutations of 0..n-1 (prepared descending orders over the same item
 * set): skips validation and uses preallocated flags. Used by the all-pairs routine.
 */
export function rboOfPermutations(
  orderA: Uint32Array,
  orderB: Uint32Array,
  p: number = DEFAULT_RBO_P,
  flags: Uint8Array = new Uint8Array(orderA.length * 2),
): number {
  const k = orderA.length;
  if (k === 0) return NaN;
  flags.fill(0);
  // flags[i] = seen in A, flags[k + i] = seen in B.
  let overlap = 0;
  let weight = 1;
  let sum = 0;
  for (let d = 1; d <= k; d++) {
    const a = orderA[d - 1];
    const b = orderB[d - 1];
    flags[a] = 1;
    flags[k + b] = 1;
    if (a === b) overlap++;
    else {
      if (flags[k + a]) overlap++;
      if (flags[b]) overlap++;
    }
    weight *= p;
    sum += (overlap / d) * weight;
    if (weight < NEGLIGIBLE_WEIGHT && d < k) return ((1 - p) / p) * sum; // see header
  }
  const tail = (overlap / k) * weight;
  return ((1 - p) / p) * sum + tail;
}
