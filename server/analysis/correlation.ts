/**
 * Correlation between two aligned score vectors.
 *
 * - pearson: scipy.stats.pearsonr's estimate (mean-centre, normalise, dot product, clip).
 * - spearmanRho: Pearson on average ranks, exactly scipy.stats.spearmanr for two 1-D inputs
 *   (ties get average ranks, no tie correction beyond that).
 * - kendallTauB (kendall.ts) and rankBiasedOverlap (rbo.ts) are re-exported here so callers
 *   find every pairwise statistic in one place.
 * All return NaN when a statistic is undefined (n < 2 or a constant input), as scipy does.
 */
import { rankAverage } from "./ranks";
import { assertNoNaN, assertSameLength, type Numbers } from "./types";

export {
  kendallTauB,
  kendallTauBPrepared,
  prepareTieRanking,
  tieRankingFromDense,
  createKendallWorkspace,
  countInversions,
  type TieRanking,
  type KendallWorkspace,
} from "./kendall";
export { rankBiasedOverlap, rboFromScores, rboOfPermutations, descendingOrder, DEFAULT_RBO_P } from "./rbo";

/**
 * Mean-centred copy of x scaled to unit Euclidean norm (NaN-filled for constant input).
 * Pearson r is then a dot product, which makes all-pairs matrices cheap.
 */
export function centredUnitVector(x: Numbers): Float64Array {
  const n = x.length;
  const out = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  let m = s / n;
  let c = 0;
  for (let i = 0; i < n; i++) c += x[i] - m;
  m += c / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - m;
    out[i] = d;
    ss += d * d;
  }
  const norm = Math.sqrt(ss);
  if (!(norm > 0)) return out.fill(NaN);
  for (let i = 0; i < n; i++) out[i] /= norm;
  return out;
}

/** Pearson r of two centred unit vectors (see centredUnitVector), clipped to [-1, 1]. */
export function dotClipped(a: Float64Array, b: Float64Array): number {
  let r = 0;
  for (let i = 0; i < a.length; i++) r += a[i] * b[i];
  if (Number.isNaN(r)) return NaN;
  return Math.max(-1, Math.min(1, r));
}

/** Pearson product-moment correlation. */
export function pearson(x: Numbers, y: Numbers): number {
  assertSameLength(x, y, "pearson");
  if (x.length < 2) return NaN;
  assertNoNaN(x, "x");
  assertNoNaN(y, "y");
  return dotClipped(centredUnitVector(x), centredUnitVector(y));
}

/** Spearman's rho: Pearson correlation of average ranks (scipy.stats.spearmanr). */
export function spearmanRho(x: Numbers, y: Numbers): number {
  assertSameLength(x, y, "spearmanRho");
  if (x.length < 2) return NaN;
  return dotClipped(prepareSpearman(x), prepareSpearman(y));
}

/** Per-vector precomputation for Spearman: centred unit vector of the average ranks. */
export function prepareSpearman(x: Numbers): Float64Array {
  return centredUnitVector(rankAverage(x));
}
