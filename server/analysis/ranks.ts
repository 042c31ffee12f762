/**
 * Sorting and ranking primitives.
 *
 * Raw reward scores are not comparable across models (different scales), so almost every
 * cross-model statistic works on ranks. Conventions, fixed here once:
 * - ascending average ranks 1..n with ties sharing the mean of their positions, exactly like
 *   scipy.stats.rankdata(method="average");
 * - descending ranks: 1 = highest score, ties averaged the same way (n + 1 - ascending rank);
 * - argsort is stable: equal values keep index order, in both directions, so any ordering
 *   derived from it (top-k, RBO lists) is deterministic.
 * NaN has no place in an order: every function here throws on NaN instead of guessing.
 */
import { radixArgsort, radixAvailable } from "./radixSort";
import { assertNoNaN, type Numbers } from "./types";

export type SortDirection = "asc" | "desc";

/** Below this size a comparator sort is as fast as radix and has no 64k-bucket overhead. */
const RADIX_THRESHOLD = 512;

/** Indices that sort `values`; ties are broken by ascending index (stable) in both directions. */
export function argsort(values: Numbers, direction: SortDirection = "asc"): Uint32Array {
  assertNoNaN(values);
  const n = values.length;
  if (n >= RADIX_THRESHOLD && radixAvailable()) return radixArgsort(values, direction === "desc");
  return comparatorArgsort(values, direction);
}

/** Reference implementation (and small-n path): stable comparator sort on a float64 copy. */
export function comparatorArgsort(values: Numbers, direction: SortDirection = "asc"): Uint32Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Copy to Float64Array: monomorphic reads in the comparator are markedly faster than ArrayLike.
  const v = Float64Array.from(values);
  if (direction === "asc") {
    order.sort((a, b) => (v[a] < v[b] ? -1 : v[a] > v[b] ? 1 : a - b));
  } else {
    order.sort((a, b) => (v[a] > v[b] ? -1 : v[a] < v[b] ? 1 : a - b));
  }
  return order;
}

/**
 * Calls `visit(start, end)` for every run of equal values in `sorted` order (end exclusive).
 * Shared by every tie-aware rank computation below.
 */
export function forEachTieRun(
  values: Numbers,
  order: Uint32Array,
  visit: (start: number, end: number) => void,
): void {
  const n = order.length;
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i === n || values[order[i]] !== values[order[start]]) {
      visit(start, i);
      start = i;
    }
  }
}

/** Ascending average ranks 1..n (scipy.stats.rankdata 'average'). */
export function rankAverage(values: Numbers): Float64Array {
  const order = argsort(values, "asc");
  return averageRanksFromOrder(values, order);
}

/** Average ranks given an ascending stable order of `values` (avoids re-sorting). */
export function averageRanksFromOrder(values: Numbers, order: Uint32Array): Float64Array {
  const ranks = new Float64Array(order.length);
  forEachTieRun(values, order, (start, end) => {
    // Positions start..end-1 are ranks start+1..end; their mean is (start + 1 + end) / 2.
    const r = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = r;
  });
  return ranks;
}

/** Descending average ranks: 1 = highest score; ties share the mean rank. */
export function rankDescending(values: Numbers): Float64Array {
  const ranks = rankAverage(values);
  const n1 = ranks.length + 1;
  for (let i = 0; i < ranks.length; i++) ranks[i] = n1 - ranks[i];
  return ranks;
}

/**
 * Dense ranks 0..distinct-1 in ascending value order (equal values share one integer).
 * Used by Kendall's tau to replace float comparisons by integer keys (counting sort).
 */
export function denseRanks(values: Numbers): { ranks: Int32Array; distinct: number } {
  const order = argsort(values, "asc");
  const ranks = new Int32Array(order.length);
  let distinct = 0;
  forEachTieRun(values, order, (start, end) => {
    for (let k = start; k < end; k++) ranks[order[k]] = distinct;
    distinct++;
  });
  return { ranks, distinct };
}

/**
 * Mid-rank percentiles in [0, 100]: 100 * (averageAscendingRank - 0.5) / n.
 * This equals scipy.stats.percentileofscore(values, v, kind="mean") for each v: the share of the
 * vocabulary strictly below plus half the share tied with it. Low = pessimal, high = optimal.
 */
export function percentiles(values: Numbers): Float64Array {
  const ranks = rankAverage(values);
  const n = ranks.length;
  for (let i = 0; i < n; i++) ranks[i] = (100 * (ranks[i] - 0.5)) / n;
  return ranks;
}

/** Converts ascending average ranks (1..n) to mid-rank percentiles, in place-free form. */
export function percentilesFromRanks(ascendingRanks: Float64Array): Float64Array {
  const n = ascendingRanks.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = (100 * (ascendingRanks[i] - 0.5)) / n;
  return out;
}

/** Inverse permutation: position[order[k]] = k. */
export function inversePermutation(order: Uint32Array): Uint32Array {
  const position = new Uint32Array(order.length);
  for (let k = 0; k < order.length; k++) position[order[k]] = k;
  return position;
}

/**
 * Everything the rank statistics need from ONE sort of a score vector: ascending order, dense
 * ranks (tau), average ranks (rho, percentiles) and the descending order with ties by
 * ascending index (RBO, top-k). Used to prepare each model once for all-pairs statistics.
 */
export interface RankProfile {
  ascending: Uint32Array;
  dense: Int32Array;
  distinct: number;
  average: Float64Array;
  descending: Uint32Array;
}

export function rankProfile(values: Numbers): RankProfile {
  const ascending = argsort(values, "asc");
  const n = ascending.length;
  const dense = new Int32Array(n);
  const average = new Float64Array(n);
  const runStarts: number[] = [];
  let distinct = 0;
  forEachTieRun(values, ascending, (start, end) => {
    const r = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      dense[ascending[k]] = distinct;
      average[ascending[k]] = r;
    }
    runStarts.push(start);
    distinct++;
  });
  // Descending = tie runs in reverse order, each run keeping its ascending-index order.
  const descending = new Uint32Array(n);
  let out = 0;
  for (let g = runStarts.length - 1; g >= 0; g--) {
    const end = g + 1 < runStarts.length ? runStarts[g + 1] : n;
    for (let k = runStarts[g]; k < end; k++) descending[out++] = ascending[k];
  }
  return { ascending, dense, distinct, average, descending };
}
