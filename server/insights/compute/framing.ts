// Framing: one model under a positive ("best") and a negative ("worst") prompt, joined by token
// id. Rank correlation and reversal (framingSensitivity), the best+worst / best-worst lists
// (framingRankings), valence slopes under each framing (all matched words, and per word group
// as framingValence), and the best-vs-worst scatter.
import {
  bootstrapOls,
  framingRankings,
  spearmanRho,
  framingSensitivity,
  framingValence,
  matchValence,
  type TextMatchOptions,
  type ValenceLexicon,
  type ValenceMatch,
} from "../../analysis";
import { finiteOrNull, storedInterval } from "../keys";
import { scatterPoints } from "../scatter";
import type { StoredFraming, StoredFramingValenceGroups, StoredInterval, StoredRankedValue, Unavailable } from "../stored";
import type { ResamplingSettings } from "./sweep";

/** Tokens kept per top/bottom list (the query's k is at most this). */
export const FRAMING_LIST_SIZE = 50;

export interface FramingSubject {
  modelId: number;
  positivePromptId: number;
  negativePromptId: number;
}

export interface AlignedFraming {
  ids: Int32Array;
  positive: Float64Array;
  negative: Float64Array;
  /** Decoded texts aligned with ids, or null when the model has no stored vocabulary. */
  texts: string[] | null;
}

/** Token ids scored in both sweeps, ascending, with both scores. */
export function alignSweeps(positive: Float32Array, negative: Float32Array): Omit<AlignedFraming, "texts"> {
  const size = Math.min(positive.length, negative.length);
  const ids: number[] = [];
  for (let id = 0; id < size; id++) if (!Number.isNaN(positive[id]) && !Number.isNaN(negative[id])) ids.push(id);
  return {
    ids: Int32Array.from(ids),
    positive: Float64Array.from(ids, (id) => positive[id]),
    negative: Float64Array.from(ids, (id) => negative[id]),
  };
}

function overallSlope(match: ValenceMatch, scores: Float64Array, settings: ResamplingSettings): StoredInterval | null {
  const y = Float64Array.from(match.indices, (i) => scores[i]);
  return storedInterval(bootstrapOls([match.valence], y, { resamples: settings.resamples, seed: settings.seed }).slopes[0]);
}

function valenceGroups(data: AlignedFraming & { texts: string[] }, match: ValenceMatch, settings: ResamplingSettings): StoredFramingValenceGroups | null {
  let positives = 0;
  for (const v of match.valence) if (v > 0) positives++;
  if (positives < 3 || match.indices.length - positives < 3) return null;
  const fv = framingValence(data.positive, data.negative, match, { resamples: settings.resamples, seed: settings.seed });
  return {
    positiveWordsUnderPositive: storedInterval(fv.best.positive.slope),
    positiveWordsUnderNegative: storedInterval(fv.worst.positive.slope),
    nonPositiveWordsUnderPositive: storedInterval(fv.best.nonPositive.slope),
    nonPositiveWordsUnderNegative: storedInterval(fv.worst.nonPositive.slope),
    positiveFlips: fv.positiveFlips,
    nonPositiveFlips: fv.nonPositiveFlips,
    positiveSteeperUnderPositive: fv.positiveSteeperUnderBest,
    nonPositiveSteeperUnderNegative: fv.nonPositiveSteeperUnderWorst,
    positiveFlipsConfidently: fv.positiveFlipsConfidently,
    nonPositiveFlipsConfidently: fv.nonPositiveFlipsConfidently,
    positiveSteepness: storedInterval(fv.positiveSteepness),
    nonPositiveSteepness: storedInterval(fv.nonPositiveSteepness),
  };
}

export function computeFraming(
  subject: FramingSubject,
  data: AlignedFraming,
  lexicon: ValenceLexicon,
  match: TextMatchOptions,
  settings: ResamplingSettings,
): StoredFraming | Unavailable {
  if (data.ids.length < 3) return { unavailable: `only ${data.ids.length} tokens are scored under both framings` };
  const sensitivity = framingSensitivity(data.positive, data.negative);
  if (!Number.isFinite(sensitivity.spearmanBestWorst) || !Number.isFinite(sensitivity.kendallBestWorst)) {
    return { unavailable: "rank correlation undefined (constant scores under one framing)" };
  }
  const rankings = framingRankings(
    { tokenIds: data.ids, scores: data.positive },
    { tokenIds: data.ids, scores: data.negative },
    FRAMING_LIST_SIZE,
  );
  // framingRankings re-aligns by id; our input is already id-ascending, so indices agree.
  const textOf = (i: number) => data.texts?.[i] ?? "";
  const list = (indices: Int32Array, values: Float64Array): StoredRankedValue[] =>
    Array.from(indices, (i) => ({ tokenId: rankings.tokenIds[i], text: textOf(i), value: values[i] }));
  const lists = {
    topSum: list(rankings.topSum, rankings.sum),
    bottomSum: list(rankings.bottomSum, rankings.sum),
    topDifference: list(rankings.topDifference, rankings.difference),
    bottomDifference: list(rankings.bottomDifference, rankings.difference),
  };
  const labelled = [rankings.topSum, rankings.bottomSum, rankings.topDifference, rankings.bottomDifference].flatMap((l) => Array.from(l));
  let positiveValenceSlope: StoredInterval | null = null;
  let negativeValenceSlope: StoredInterval | null = null;
  let groups: StoredFramingValenceGroups | null = null;
  let lexiconRankCorrelation: number | null = null;
  if (data.texts) {
    const matched = matchValence(data.texts, lexicon, match);
    if (matched.indices.length >= 3) {
      positiveValenceSlope = overallSlope(matched, data.positive, settings);
      negativeValenceSlope = overallSlope(matched, data.negative, settings);
      groups = valenceGroups({ ...data, texts: data.texts }, matched, settings);
      const at = (scores: Float64Array) => Float64Array.from(matched.indices, (i) => scores[i]);
      lexiconRankCorrelation = finiteOrNull(spearmanRho(at(data.positive), at(data.negative)));
    }
  }
  return {
    ...subject,
    n: data.ids.length,
    rankCorrelation: sensitivity.spearmanBestWorst,
    lexiconRankCorrelation,
    kendallTau: sensitivity.kendallBestWorst,
    reversalDistance: sensitivity.reversalDistance,
    // 1 = the negative prompt exactly reverses the ranking, ~1/3 = unrelated, ~0 = framing ignored.
    sensitivity: 1 - 2 * sensitivity.reversalDistance,
    positiveValenceSlope,
    negativeValenceSlope,
    valenceByGroup: groups,
    ...lists,
    points: scatterPoints({
      x: data.positive,
      y: data.negative,
      tokenIds: data.ids,
      texts: Array.from(data.ids, (_, i) => textOf(i)),
      labelled,
    }),
  };
}
