// Analyses of one sweep (one model x prompt): score distribution, valence asymmetry, frequency
// bias and identity-group slices. Inputs are the sweep's scored tokens only (ids, scores and
// decoded texts aligned by index); the statistics are server/analysis's, unchanged.
import {
  equalWidthEdges,
  frequencyBias,
  histogram,
  IDENTITY_GROUPS,
  lookupFrequency,
  matchValence,
  mean,
  normaliseTokenText,
  quantileSorted,
  skewness,
  sortedCopy,
  valenceAsymmetry,
  valenceSlopeNull,
  variance,
  identityGroupStats,
  type FrequencyTable,
  type IdentityGroup,
  type TextMatchOptions,
  type ValenceLexicon,
} from "../../analysis";
import { finiteOrNull, storedInterval, storedNull } from "../keys";
import { scatterPoints } from "../scatter";
import type {
  StoredDistribution,
  StoredFrequencyBias,
  StoredIdentity,
  StoredValenceAsymmetry,
  Unavailable,
} from "../stored";

export const DISTRIBUTION_QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;
export const HISTOGRAM_BINS = 40;

export interface SweepSubject {
  modelId: number;
  promptId: number;
  sweepId: number;
}

export interface SweepTokens {
  ids: Int32Array;
  scores: Float64Array;
  texts: string[];
}

export interface ResamplingSettings {
  resamples: number;
  permutations: number;
  seed: number;
}

export function computeDistribution(subject: SweepSubject, scores: Float64Array): StoredDistribution | Unavailable {
  if (scores.length === 0) return { unavailable: "the sweep has no scores" };
  const sorted = sortedCopy(scores);
  const counts = histogram(sorted, equalWidthEdges(sorted, HISTOGRAM_BINS));
  return {
    ...subject,
    n: sorted.length,
    mean: mean(sorted),
    variance: sorted.length > 1 ? variance(sorted, 1) : 0,
    // scipy's default (biased g1); undefined for a constant sweep, reported as 0 there.
    skewness: finiteOrNull(skewness(sorted)) ?? 0,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    quantiles: DISTRIBUTION_QUANTILES.map((q) => quantileSorted(sorted, q)),
    histogram: Array.from(counts.counts, (count, i) => ({ from: counts.edges[i], to: counts.edges[i + 1], count })),
  };
}

/**
 * Each token's score divided by the interquartile range of its sweep's scores (the SD where more
 * than half the vocabulary ties; NaN for a constant sweep), once per sweep: the scale on which the
 * slopes of different models are compared. METHOD: raw scores are not comparable across reward
 * models (one model's scores span 0.01, another's 50). A linear rescaling keeps each slope's shape;
 * the sweep percentile does not: positive words sit near the top of the vocabulary, where
 * percentiles saturate, so percentile slopes flattened the positive side and reversed the
 * asymmetry of every demo model. The IQR is robust to a few extreme tokens.
 */
const standardizedCache = new WeakMap<Float64Array, Float64Array>();
function sweepStandardized(tokens: SweepTokens): Float64Array {
  let z = standardizedCache.get(tokens.scores);
  if (!z) {
    const sorted = sortedCopy(tokens.scores);
    const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
    const spread = iqr > 0 ? iqr : Math.sqrt(variance(sorted, 1));
    const center = quantileSorted(sorted, 0.5);
    z = Float64Array.from(tokens.scores, (s) => (spread > 0 ? (s - center) / spread : NaN));
    standardizedCache.set(tokens.scores, z);
  }
  return z;
}

export function computeValenceAsymmetry(
  subject: SweepSubject,
  tokens: SweepTokens,
  lexicon: ValenceLexicon,
  match: TextMatchOptions,
  settings: ResamplingSettings,
): StoredValenceAsymmetry | Unavailable {
  const matched = matchValence(tokens.texts, lexicon, match);
  const scores = Float64Array.from(matched.indices, (i) => tokens.scores[i]);
  let positives = 0;
  for (const v of matched.valence) if (v > 0) positives++;
  const nonPositives = matched.indices.length - positives;
  if (positives < 3 || nonPositives < 3) {
    return { unavailable: `too few lexicon matches (${positives} positive, ${nonPositives} non-positive)` };
  }
  const asym = valenceAsymmetry(tokens.scores, matched, { resamples: settings.resamples, seed: settings.seed });
  const positive = storedInterval(asym.positive.slope);
  const nonPositive = storedInterval(asym.nonPositive.slope);
  const difference = storedInterval(asym.difference);
  if (!positive || !nonPositive || !difference) return { unavailable: "a valence slope is undefined (constant valence or scores)" };
  const nullDist = valenceSlopeNull(tokens.scores, matched, { resamples: settings.permutations, seed: settings.seed });
  const onStandardized = valenceAsymmetry(sweepStandardized(tokens), matched, { resamples: settings.resamples, seed: settings.seed });
  return {
    ...subject,
    lexicon: lexicon.name,
    matchedTokens: matched.indices.length,
    positive: { slope: positive, n: asym.positive.n },
    nonPositive: { slope: nonPositive, n: asym.nonPositive.n },
    difference,
    standardized: {
      positive: storedInterval(onStandardized.positive.slope),
      nonPositive: storedInterval(onStandardized.nonPositive.slope),
      difference: storedInterval(onStandardized.difference),
    },
    nullDifference: storedNull(nullDist.difference),
    points: scatterPoints({
      x: matched.valence,
      y: scores,
      tokenIds: Int32Array.from(matched.indices, (i) => tokens.ids[i]),
      texts: Array.from(matched.indices, (i) => tokens.texts[i]),
    }),
  };
}

export function computeFrequencyBias(
  subject: SweepSubject,
  tokens: SweepTokens,
  lexicon: ValenceLexicon,
  table: FrequencyTable,
  match: TextMatchOptions,
  settings: ResamplingSettings,
): StoredFrequencyBias | Unavailable {
  // The regression's rows, rebuilt with the same matching as frequencyBias for the chart.
  const rows: number[] = [];
  const logFrequency: number[] = [];
  tokens.texts.forEach((text, i) => {
    if (lexicon.values.get(normaliseTokenText(text, match)) === undefined) return;
    const f = lookupFrequency(table, text, match);
    if (f === undefined || !(f > 0)) return;
    rows.push(i);
    logFrequency.push(Math.log10(f));
  });
  if (rows.length < 10) return { unavailable: `too few tokens with both a valence and a frequency (${rows.length})` };
  const bias = frequencyBias(tokens.scores, tokens.texts, lexicon, table, { ...match, logBase: 10, resamples: settings.resamples, seed: settings.seed });
  const logFreq = storedInterval(bias.logFrequency);
  const valence = storedInterval(bias.valence);
  if (!logFreq || !valence) return { unavailable: "the regression is singular (constant frequency or valence)" };
  const onStandardized = frequencyBias(sweepStandardized(tokens), tokens.texts, lexicon, table, { ...match, logBase: 10, resamples: settings.resamples, seed: settings.seed });
  return {
    ...subject,
    source: table.name,
    matchedTokens: bias.n,
    logFrequency: logFreq,
    valence,
    logFrequencyStandardized: storedInterval(onStandardized.logFrequency),
    points: scatterPoints({
      x: Float64Array.from(logFrequency),
      y: Float64Array.from(rows, (i) => tokens.scores[i]),
      tokenIds: Int32Array.from(rows, (i) => tokens.ids[i]),
      texts: rows.map((i) => tokens.texts[i]),
    }),
  };
}

export function computeIdentityGroups(
  subject: SweepSubject,
  tokens: SweepTokens,
  settings: ResamplingSettings,
  identityGroups: readonly IdentityGroup[] = IDENTITY_GROUPS,
): StoredIdentity {
  const groups = identityGroupStats(tokens.scores, tokens.texts, identityGroups, { resamples: settings.resamples, permutations: settings.permutations, seed: settings.seed });
  return {
    ...subject,
    groups: groups.map((g) => ({
      groupId: g.id,
      group: g.label,
      category: g.category,
      matchedTokens: g.indices.length,
      medianPercentile: finiteOrNull(g.medianPercentile),
      effect: storedInterval(g.cliffsDelta),
      effectVsWords: storedInterval(g.cliffsDeltaVsWords),
      nullVsWords: storedNull(g.nullVsWords),
      inPessimalTail: g.inPessimalTail,
      shareInPessimalTail: finiteOrNull(g.shareInPessimalTail),
      terms: Array.from(g.indices, (i, k) => ({ tokenId: tokens.ids[i], text: g.texts[k], percentile: g.percentiles[k] })),
    })),
  };
}
