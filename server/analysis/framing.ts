/**
 * Framing: the same model under a positive ("best") and a negative ("worst") prompt.
 * An ideal model reverses its ranking between the two; a model that scores "good-sounding"
 * tokens high regardless of the question does not. Inputs are score vectors aligned by token
 * (use topk.alignByTokenId first when they come from two sweeps).
 *
 * Sensitivity summary (document of record):
 * - spearmanBestWorst: Spearman rho between best and worst scores. -1 = perfect reversal,
 *   +1 = the framing is ignored.
 * - reversalDistance: mean_i |rankBest_i - (n + 1 - rankWorst_i)| / n, with descending average
 *   ranks. 0 = perfect reversal; about 1/3 when the two rankings are independent; about 1/2
 *   when the worst-ranking equals the best-ranking (framing ignored).
 * Valence slopes: for positive and non-positive words separately, the slope of score on valence
 * under each framing; "flips" = the two slopes have opposite signs, "confidently" = both
 * bootstrap intervals exclude 0 on opposite sides.
 */
import { spearmanRho } from "./correlation";
import { kendallTauB } from "./kendall";
import { rankDescending } from "./ranks";
import { bootstrapScalar, type BootstrapInterval } from "./bootstrap";
import { denseIds } from "./random";
import { slopeForRows, valenceAsymmetry, type ValenceAsymmetry, type ValenceMatch } from "./valence";
import { assertSameLength, type Numbers, type ResamplingOptions } from "./types";

export interface FramingRanks {
  /** Descending average ranks under the positive framing (1 = most rewarded). */
  rankBest: Float64Array;
  rankWorst: Float64Array;
}

export function framingRanks(best: Numbers, worst: Numbers): FramingRanks {
  assertSameLength(best, worst, "framingRanks");
  return { rankBest: rankDescending(best), rankWorst: rankDescending(worst) };
}

export interface FramingSensitivity {
  n: number;
  spearmanBestWorst: number;
  kendallBestWorst: number;
  reversalDistance: number;
}

export function framingSensitivity(best: Numbers, worst: Numbers): FramingSensitivity {
  const { rankBest, rankWorst } = framingRanks(best, worst);
  const n = rankBest.length;
  let distance = 0;
  for (let i = 0; i < n; i++) distance += Math.abs(rankBest[i] - (n + 1 - rankWorst[i]));
  return {
    n,
    spearmanBestWorst: spearmanRho(best, worst),
    kendallBestWorst: kendallTauB(best, worst),
    reversalDistance: n > 0 ? distance / n / n : NaN,
  };
}

export interface FramingValence {
  best: ValenceAsymmetry;
  worst: ValenceAsymmetry;
  positiveFlips: boolean;
  nonPositiveFlips: boolean;
  positiveFlipsConfidently: boolean;
  nonPositiveFlipsConfidently: boolean;
  /** Paper's prediction: positive words' slope is steeper under the positive framing. */
  positiveSteeperUnderBest: boolean;
  /** Paper's prediction: non-positive words' slope is steeper under the negative framing. */
  nonPositiveSteeperUnderWorst: boolean;
  /** |positive words' slope under best| - |under worst|, paired bootstrap by word: > 0 = steeper under best. */
  positiveSteepness: BootstrapInterval;
  /** |non-positive words' slope under worst| - |under best|: > 0 = steeper under worst. */
  nonPositiveSteepness: BootstrapInterval;
}

/** |slope of `a` on valence| - |slope of `b`| over one valence group's tokens, with a paired
 * bootstrap (the same words drawn for both framings: they are the same tokens). */
function steepness(a: Numbers, b: Numbers, match: ValenceMatch, positive: boolean, options: ResamplingOptions): BootstrapInterval {
  const rows: number[] = [];
  for (let k = 0; k < match.indices.length; k++) if (match.valence[k] > 0 === positive) rows.push(k);
  const x = Float64Array.from(rows, (k) => match.valence[k]);
  const ya = Float64Array.from(rows, (k) => a[match.indices[k]]);
  const yb = Float64Array.from(rows, (k) => b[match.indices[k]]);
  const words = denseIds(rows.map((k) => String(match.words[k])));
  return bootstrapScalar(rows.length, (picked) => Math.abs(slopeForRows(x, ya, picked)) - Math.abs(slopeForRows(x, yb, picked)), { ...options, clusters: words });
}

function flips(a: BootstrapInterval, b: BootstrapInterval): { flips: boolean; confidently: boolean } {
  const sa = Math.sign(a.estimate);
  const sb = Math.sign(b.estimate);
  const flipped = sa !== 0 && sb !== 0 && sa !== sb;
  const excludesZero = (i: BootstrapInterval) => i.lower > 0 || i.upper < 0;
  return { flips: flipped, confidently: flipped && excludesZero(a) && excludesZero(b) };
}

/** Valence slopes under both framings; `match` indexes both score vectors. */
export function framingValence(
  best: Numbers,
  worst: Numbers,
  match: ValenceMatch,
  options: ResamplingOptions = {},
): FramingValence {
  assertSameLength(best, worst, "framingValence");
  const b = valenceAsymmetry(best, match, options);
  const w = valenceAsymmetry(worst, match, options);
  const pos = flips(b.positive.slope, w.positive.slope);
  const neg = flips(b.nonPositive.slope, w.nonPositive.slope);
  return {
    best: b,
    worst: w,
    positiveFlips: pos.flips,
    nonPositiveFlips: neg.flips,
    positiveFlipsConfidently: pos.confidently,
    nonPositiveFlipsConfidently: neg.confidently,
    positiveSteeperUnderBest: Math.abs(b.positive.slope.estimate) > Math.abs(w.positive.slope.estimate),
    nonPositiveSteeperUnderWorst: Math.abs(w.nonPositive.slope.estimate) > Math.abs(b.nonPositive.slope.estimate),
    positiveSteepness: steepness(best, worst, match, true, options),
    nonPositiveSteepness: steepness(worst, best, match, false, options),
  };
}
