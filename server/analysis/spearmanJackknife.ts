/**
 * An interval for Spearman's rho (Pearson's r of mid-ranks): the delete-one jackknife, exact, in
 * O(n log n), as for tau-b (kendallJackknife.ts), so that ties are handled as they are: reward
 * models stored in bf16 give tens of thousands of tokens the same score, where a closed-form
 * Fisher-z interval (Bonett-Wright) assumes few ties.
 *
 * Deleting item i re-ranks the others: an item above i in x drops one rank, one tied with i drops
 * half a rank (its tie group loses a member), one below keeps its rank. So with a_j = [x_j > x_i] +
 * [x_j = x_i]/2 (and b_j likewise in y), over the n - 1 items left
 *   sum x'y' = sum xy - x_i y_i - sum a_j y_j - sum b_j x_j + sum a_j b_j,
 * where the first sums come from per-tie-group totals and the last is a weighted count of the items
 * above-right of i, tied in one coordinate and above in the other, or tied in both: one Fenwick pass
 * and two sorted walks. sum x'^2 follows from the tie-group sizes alone (the squares of 1..n - 1
 * less (t^3 - t)/12 per tie group).
 */
import { jackknifeInterval, type JackknifeInterval } from "./kendallJackknife";
import type { TieRanking } from "./kendall";
import { DEFAULT_CONFIDENCE } from "./types";

/** Stable counting sort of `order` (default 0..n-1) by `keys` (values 0..range-1). */
function sortBy(keys: Int32Array, range: number, order?: Uint32Array): Uint32Array {
  const n = keys.length;
  const counts = new Int32Array(range + 1);
  for (let i = 0; i < n; i++) counts[keys[i] + 1]++;
  for (let r = 0; r < range; r++) counts[r + 1] += counts[r];
  const out = new Uint32Array(n);
  if (order) {
    for (let k = 0; k < n; k++) {
      const i = order[k];
      out[counts[keys[i]]++] = i;
    }
  } else {
    for (let i = 0; i < n; i++) out[counts[keys[i]]++] = i;
  }
  return out;
}

function groupSizes(r: TieRanking): Float64Array {
  const sizes = new Float64Array(r.distinct);
  for (let i = 0; i < r.n; i++) sizes[r.dense[i]]++;
  return sizes;
}

/** Mid-ranks (1-based; ties share their average) from dense ranks and tie-group sizes. */
function midRanks(r: TieRanking, sizes: Float64Array): Float64Array {
  const byGroup = new Float64Array(r.distinct);
  let start = 1;
  for (let d = 0; d < r.distinct; d++) {
    byGroup[d] = start + (sizes[d] - 1) / 2;
    start += sizes[d];
  }
  const out = new Float64Array(r.n);
  for (let i = 0; i < r.n; i++) out[i] = byGroup[r.dense[i]];
  return out;
}

/** For each item: sum of `values` over the items strictly above it in `by` (into `above`), and over
 * its own tie group less its own value (into `others`). */
function aboveAndTiedSums(by: TieRanking, values: Float64Array, above: Float64Array, others: Float64Array): void {
  const group = new Float64Array(by.distinct);
  for (let i = 0; i < by.n; i++) group[by.dense[i]] += values[i];
  const aboveGroup = new Float64Array(by.distinct);
  for (let d = by.distinct - 2; d >= 0; d--) aboveGroup[d] = aboveGroup[d + 1] + group[d + 1];
  for (let i = 0; i < by.n; i++) {
    above[i] = aboveGroup[by.dense[i]];
    others[i] = group[by.dense[i]] - values[i];
  }
}

/** `order` sorted by (tied, other). For each item, among the items tied with it in `tied`: how many
 * are strictly above it in `other` (into `above`), and how many others are tied with it in both (into `both`). */
function withinTieGroups(order: Uint32Array, tied: Int32Array, other: Int32Array, above: Float64Array, both?: Float64Array): void {
  const n = order.length;
  for (let start = 0; start < n; ) {
    const group = tied[order[start]];
    let end = start + 1;
    while (end < n && tied[order[end]] === group) end++;
    for (let p = start; p < end; ) {
      const value = other[order[p]];
      let q = p + 1;
      while (q < end && other[order[q]] === value) q++;
      for (let k = p; k < q; k++) {
        above[order[k]] = end - q;
        if (both) both[order[k]] = q - p - 1;
      }
      p = q;
    }
    start = end;
  }
}

/** For each item: the items strictly above it in both x and y. `byX`: items in ascending x
 * (Fenwick tree over y's dense ranks, filled from the top x group down). */
function aboveRight(byX: Uint32Array, x: Int32Array, y: Int32Array, yDistinct: number, out: Float64Array): void {
  const tree = new Int32Array(yDistinct + 1);
  let inserted = 0;
  for (let end = byX.length; end > 0; ) {
    const group = x[byX[end - 1]];
    let start = end - 1;
    while (start > 0 && x[byX[start - 1]] === group) start--;
    for (let k = start; k < end; k++) {
      let atOrBelow = 0;
      for (let r = y[byX[k]] + 1; r > 0; r -= r & -r) atOrBelow += tree[r];
      out[byX[k]] = inserted - atOrBelow;
    }
    for (let k = start; k < end; k++) {
      for (let r = y[byX[k]] + 1; r <= yDistinct; r += r & -r) tree[r]++;
      inserted++;
    }
    end = start;
  }
}

const tieCorrection = (t: number) => (t * t * t - t) / 12;

/** Spearman's rho with its delete-one jackknife interval; NaN bounds where rho or a leave-one-out value is undefined. */
export function spearmanRhoJackknife(x: TieRanking, y: TieRanking, confidence = DEFAULT_CONFIDENCE): JackknifeInterval {
  if (x.n !== y.n) throw new RangeError(`spearmanRhoJackknife: lengths differ (${x.n} vs ${y.n})`);
  const n = x.n;
  const undefinedResult = (estimate: number) => ({ estimate, lower: NaN, upper: NaN, confidence, standardError: NaN });
  if (n < 3 || x.distinct < 2 || y.distinct < 2) return undefinedResult(NaN);
  const [xSizes, ySizes] = [groupSizes(x), groupSizes(y)];
  const [rx, ry] = [midRanks(x, xSizes), midRanks(y, ySizes)];
  let tx = 0;
  let ty = 0;
  for (const t of xSizes) tx += tieCorrection(t);
  for (const t of ySizes) ty += tieCorrection(t);
  let products = 0;
  for (let i = 0; i < n; i++) products += rx[i] * ry[i];
  const squares = (k: number) => (k * (k + 1) * (2 * k + 1)) / 6;
  const pearson = (sxy: number, sxx: number, syy: number, k: number) => {
    const mean = (k * (k + 1) * (k + 1)) / 4; // (sum of ranks)^2 / k
    return (sxy - mean) / Math.sqrt((sxx - mean) * (syy - mean));
  };
  const estimate = pearson(products, squares(n) - tx, squares(n) - ty, n);

  const byX = x.ascending ?? sortBy(x.dense, x.distinct);
  const byY = y.ascending ?? sortBy(y.dense, y.distinct);
  const yAboveInX = new Float64Array(n); // sum of y-ranks over items above i in x
  const yTiedInX = new Float64Array(n); //  ... over the others tied with i in x
  const xAboveInY = new Float64Array(n);
  const xTiedInY = new Float64Array(n);
  aboveAndTiedSums(x, ry, yAboveInX, yTiedInX);
  aboveAndTiedSums(y, rx, xAboveInY, xTiedInY);
  const upRight = new Float64Array(n);
  aboveRight(byX, x.dense, y.dense, y.distinct, upRight);
  const aboveInYTiedInX = new Float64Array(n);
  const tiedInBoth = new Float64Array(n);
  withinTieGroups(sortBy(x.dense, x.distinct, byY), x.dense, y.dense, aboveInYTiedInX, tiedInBoth);
  const aboveInXTiedInY = new Float64Array(n);
  withinTieGroups(sortBy(y.dense, y.distinct, byX), y.dense, x.dense, aboveInXTiedInY);
  const m = n - 1;
  const squaresLeft = squares(m);
  const leaveOneOut = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = yAboveInX[i] + yTiedInX[i] / 2;
    const b = xAboveInY[i] + xTiedInY[i] / 2;
    const ab = upRight[i] + aboveInXTiedInY[i] / 2 + aboveInYTiedInX[i] / 2 + tiedInBoth[i] / 4;
    const sxy = products - rx[i] * ry[i] - a - b + ab;
    const tx0 = xSizes[x.dense[i]];
    const ty0 = ySizes[y.dense[i]];
    const sxx = squaresLeft - (tx - tieCorrection(tx0) + tieCorrection(tx0 - 1));
    const syy = squaresLeft - (ty - tieCorrection(ty0) + tieCorrection(ty0 - 1));
    const rho = pearson(sxy, sxx, syy, m);
    if (!Number.isFinite(rho)) return undefinedResult(estimate); // deleting i leaves a constant vector
    leaveOneOut[i] = rho;
  }
  return { ...jackknifeInterval(estimate, leaveOneOut, confidence), leaveOneOut };
}
