/**
 * An interval for Spearman's rho: Fisher's z transform with Bonett & Wright's variance,
 * var(atanh r_s) ~ (1 + r_s^2 / 2) / (n - 3) (Psychometrika 65, 2000), back-transformed with tanh.
 *
 * Why not a bootstrap or jackknife as for the other statistics: rho's ranks change when an item is
 * resampled or deleted, so each replicate is a full O(n log n) re-ranking (about 1,000 per pair of
 * models at n ~ 100k); this closed form is the usual interval for rho and needs only rho and n.
 * It assumes roughly continuous scores (few ties), which reward-model scores are.
 */
import jstat from "jstat";
import { DEFAULT_CONFIDENCE, type Interval } from "./types";

/** rho with its Fisher-z interval; NaN bounds when rho is undefined or n < 4. */
export function spearmanRhoInterval(rho: number, n: number, confidence = DEFAULT_CONFIDENCE): Interval {
  if (!Number.isFinite(rho) || n < 4) return { estimate: rho, lower: NaN, upper: NaN, confidence };
  const z = Math.atanh(Math.max(-1, Math.min(1, rho)));
  const halfWidth = jstat.jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1) * Math.sqrt((1 + (rho * rho) / 2) / (n - 3));
  return { estimate: rho, lower: Math.tanh(z - halfWidth), upper: Math.tanh(z + halfWidth), confidence };
}
