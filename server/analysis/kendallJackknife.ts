/**
 * An interval for Kendall's tau-b: the delete-one jackknife, exact, in O(n log n).
 *
 * Why not the bootstrap used elsewhere: one bootstrap replicate of tau costs a full O(n log n)
 * count, and an interval needs ~1,000 replicates per pair of models (minutes per prompt for ten
 * models at n ~ 100k). tau-b is a function of pair counts, and deleting item i changes each count
 * by i's own share: the concordant-minus-discordant sum S by c_i (i's concordant minus discordant
 * partners), the pair total by n - 1, the x and y tie counts by (size of i's tie group - 1). So
 * all n leave-one-out values follow from per-item counts of the items below-left, above-left,
 * above-right and below-right of each item, which two Fenwick-tree passes give (ties in x are
 * queried before they are inserted, ties in y fall in neither count, as tau-b wants).
 *
 * The interval is tau-b +- z * SE with the jackknife SE, sqrt((n-1)/n * sum (tau_(i) - mean)^2):
 * the standard normal-approximation interval for a U-statistic such as tau (n is large here).
 */
import jstat from "jstat";
import type { TieRanking } from "./kendall";
import { DEFAULT_CONFIDENCE, type Interval } from "./types";

export interface JackknifeInterval extends Interval {
  standardError: number;
  /** tau-b with each item deleted (kendallTauBJackknife; absent where undefined). */
  leaveOneOut?: Float64Array;
}

/** For each item: its concordant minus discordant partners (pairs tied in x or y count as neither). */
export function concordanceByItem(x: TieRanking, y: TieRanking): Float64Array {
  const n = x.n;
  // Items in ascending x (counting sort by dense rank).
  const start = new Int32Array(x.distinct + 1);
  for (let i = 0; i < n; i++) start[x.dense[i] + 1]++;
  for (let r = 0; r < x.distinct; r++) start[r + 1] += start[r];
  const groupStart = Int32Array.from(start);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[start[x.dense[i]]++] = i;

  const net = new Float64Array(n);
  const tree = new Int32Array(y.distinct + 1);
  const below = (rank: number) => {
    let sum = 0;
    for (let i = rank; i > 0; i -= i & -i) sum += tree[i];
    return sum; // items inserted so far with y dense rank < rank
  };
  const insert = (rank: number) => {
    for (let i = rank + 1; i <= y.distinct; i += i & -i) tree[i]++;
  };
  // ascending: partners with smaller x (lower y concordant); descending: larger x (higher y concordant).
  const sweep = (ascending: boolean) => {
    tree.fill(0);
    let inserted = 0;
    for (let step = 0; step < x.distinct; step++) {
      const g = ascending ? step : x.distinct - 1 - step;
      const from = groupStart[g];
      const to = groupStart[g + 1];
      for (let k = from; k < to; k++) {
        const i = order[k];
        const r = y.dense[i];
        const lower = below(r);
        const higher = inserted - below(r + 1);
        net[i] += ascending ? lower - higher : higher - lower;
      }
      for (let k = from; k < to; k++) insert(y.dense[order[k]]);
      inserted += to - from;
    }
  };
  sweep(true);
  sweep(false);
  return net;
}

function tieGroupSizes(r: TieRanking): Float64Array {
  const sizes = new Float64Array(r.distinct);
  for (let i = 0; i < r.n; i++) sizes[r.dense[i]]++;
  return sizes;
}

/** tau-b with its delete-one jackknife interval; NaN bounds when tau-b or any leave-one-out value is undefined. */
export function kendallTauBJackknife(x: TieRanking, y: TieRanking, confidence = DEFAULT_CONFIDENCE): JackknifeInterval {
  if (x.n !== y.n) throw new RangeError(`kendallTauBJackknife: lengths differ (${x.n} vs ${y.n})`);
  const n = x.n;
  const total = (n * (n - 1)) / 2;
  if (n < 2 || x.tiedPairs === total || y.tiedPairs === total) {
    return { estimate: NaN, lower: NaN, upper: NaN, confidence, standardError: NaN };
  }
  const net = concordanceByItem(x, y);
  let s = 0;
  for (let i = 0; i < n; i++) s += net[i];
  s /= 2; // every pair was counted from both ends
  // tau-b itself from the same counts, in kendallTauBPrepared's arithmetic (S is an exact integer,
  // so the value is identical to it) instead of a second O(n log n) count.
  const estimate = Math.min(1, Math.max(-1, s / Math.sqrt(total - x.tiedPairs) / Math.sqrt(total - y.tiedPairs)));
  const undefinedInterval = { estimate, lower: NaN, upper: NaN, confidence, standardError: NaN };
  if (n < 3) return undefinedInterval;
  const pairs = ((n - 1) * (n - 2)) / 2; // pairs left after deleting one item
  const xSizes = tieGroupSizes(x);
  const ySizes = tieGroupSizes(y);
  const leaveOneOut = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const xUntied = pairs - (x.tiedPairs - (xSizes[x.dense[i]] - 1));
    const yUntied = pairs - (y.tiedPairs - (ySizes[y.dense[i]] - 1));
    const tau = (s - net[i]) / Math.sqrt(xUntied) / Math.sqrt(yUntied);
    if (!Number.isFinite(tau)) return undefinedInterval; // deleting i leaves a constant vector
    leaveOneOut[i] = tau;
  }
  return { ...jackknifeInterval(estimate, leaveOneOut, confidence), leaveOneOut };
}

/**
 * The delete-one jackknife interval of a statistic from its n leave-one-out values:
 * estimate +- z * sqrt((n-1)/n * sum (value_(i) - mean)^2), clipped to [-1, 1] (a correlation).
 * Also the interval of a mean of correlations over the same items: its leave-one-out values are the
 * means of theirs (a model's mean tau to the other models, leaderboard).
 */
export function jackknifeInterval(estimate: number, leaveOneOut: ArrayLike<number>, confidence = DEFAULT_CONFIDENCE): JackknifeInterval {
  const n = leaveOneOut.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += leaveOneOut[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (leaveOneOut[i] - mean) ** 2;
  const standardError = Math.sqrt(((n - 1) / n) * squares);
  if (!Number.isFinite(standardError) || n < 2) return { estimate, lower: NaN, upper: NaN, confidence, standardError: NaN };
  const z = jstat.jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
  return {
    estimate,
    lower: Math.max(-1, estimate - z * standardError),
    upper: Math.min(1, estimate + z * standardError),
    confidence,
    standardError,
  };
}
