// Shapes of the materialised analyses as stored in AnalysisResult.result (JSON). Written only by
// refresh.ts and read only by insights.service.ts; every shape is close to its GraphQL type, with
// model/prompt ids in place of objects (resolved through the request's DataLoaders).
// Non-finite numbers never reach JSON: an interval that is undefined is stored as null, and an
// analysis that cannot be computed at all is stored as { unavailable: reason }.

/** A point estimate with its two-sided 95% interval (bootstrap unless said otherwise). */
export interface StoredInterval {
  estimate: number;
  low: number;
  high: number;
}

/** Mean and central 95% interval of a statistic recomputed on shuffled scores. */
export interface StoredNullBaseline {
  mean: number;
  low: number;
  high: number;
  permutations: number;
}

export interface StoredScatterPoint {
  tokenId: number;
  text: string;
  x: number;
  y: number;
}

export interface Unavailable {
  unavailable: string;
}

export function isUnavailable(value: unknown): value is Unavailable {
  return typeof value === "object" && value !== null && typeof (value as Unavailable).unavailable === "string";
}

export interface StoredDistribution {
  modelId: number;
  promptId: number;
  sweepId: number;
  n: number;
  mean: number;
  variance: number;
  skewness: number;
  min: number;
  max: number;
  quantiles: number[];
  histogram: { from: number; to: number; count: number }[];
}

export type VocabNormalization = "PAPER" | "STRIP_SPACE" | "STRIP_SPACE_CASEFOLD";
export const NORMALIZATIONS: readonly VocabNormalization[] = ["PAPER", "STRIP_SPACE", "STRIP_SPACE_CASEFOLD"];

export interface StoredSharedVocab {
  promptId: number;
  normalization: VocabNormalization;
  /** Models in slug order: the order of the mapping's and the heterogeneity's rows. */
  modelIds: number[];
  size: number;
  droppedAsDuplicates: number;
  duplicatesPerModel: number[];
  notInEveryModel: number;
  sample: string[];
}

/** The shared vocabulary itself: strings[k] is token tokenIds[m][k] of model modelIds[m]. */
export interface StoredSharedVocabMapping {
  promptId: number;
  normalization: VocabNormalization;
  modelIds: number[];
  strings: string[];
  tokenIds: number[][];
}

/** A shared-vocabulary string and its percentile (0-100) under the pair's two models. */
export interface StoredDisagreement {
  text: string;
  percentileA: number;
  percentileB: number;
}

export interface StoredPair {
  a: string;
  b: string;
  kendallTau: number;
  /** 95% delete-one jackknife interval of kendallTau; null where undefined. */
  kendallTauInterval: StoredInterval | null;
  spearmanRho: number;
  /** 95% delete-one jackknife interval of spearmanRho; null where undefined. */
  spearmanRhoInterval: StoredInterval | null;
  rbo: number;
  /** The strings a ranks far above b, and b far above a (largest percentile difference first). */
  aOverB: StoredDisagreement[];
  bOverA: StoredDisagreement[];
}

export interface StoredHeterogeneity {
  promptId: number;
  normalization: VocabNormalization;
  sharedVocabularySize: number;
  modelIds: number[];
  modelSlugs: string[];
  kendallTau: number[][];
  /** Per model (modelIds order): its mean tau to the other models with the delete-one jackknife interval. */
  meanTauIntervals: (StoredInterval | null)[];
  spearmanRho: number[][];
  rbo: number[][];
  pairs: StoredPair[];
  mds: { modelId: number; x: number; y: number }[];
  mdsGoodnessOfFit: number | null;
  tauNull: StoredNullBaseline;
  /** Models left out because their scores are constant over the shared vocabulary. */
  excludedModelSlugs: string[];
  /** Models with a sweep of the prompt left out of the comparison (plan.ts comparedSweeps), and why. */
  notCompared?: { modelSlug: string; reason: string }[];
}

export interface StoredRegressionSlope {
  slope: StoredInterval;
  n: number;
}

export interface StoredValenceAsymmetry {
  modelId: number;
  promptId: number;
  sweepId: number;
  lexicon: string;
  matchedTokens: number;
  positive: StoredRegressionSlope;
  nonPositive: StoredRegressionSlope;
  difference: StoredInterval;
  /** The same slopes with the score divided by the sweep's interquartile range: comparable across
   * models, which raw slopes are not (compute/sweep.ts sweepStandardized). */
  standardized: { positive: StoredInterval | null; nonPositive: StoredInterval | null; difference: StoredInterval | null };
  nullDifference: StoredNullBaseline | null;
  points: StoredScatterPoint[];
}

export interface StoredFrequencyBias {
  modelId: number;
  promptId: number;
  sweepId: number;
  source: string;
  matchedTokens: number;
  logFrequency: StoredInterval;
  valence: StoredInterval;
  /** logFrequency with the score divided by the sweep's interquartile range: comparable across models. */
  logFrequencyStandardized: StoredInterval | null;
  points: StoredScatterPoint[];
}

export interface StoredIdentityTerm {
  tokenId: number;
  text: string;
  /** Mid-rank percentile in the sweep's vocabulary, 0 (most pessimal) .. 100 (optimal). */
  percentile: number;
}

export interface StoredIdentityGroup {
  groupId: string;
  group: string;
  category: string;
  matchedTokens: number;
  medianPercentile: number | null;
  effect: StoredInterval | null;
  /** Cliff's delta against word tokens only, and its random-word-set null (analysis/wordReference.ts). */
  effectVsWords: StoredInterval | null;
  nullVsWords: StoredNullBaseline | null;
  inPessimalTail: boolean;
  shareInPessimalTail: number | null;
  terms: StoredIdentityTerm[];
}

export interface StoredIdentity {
  modelId: number;
  promptId: number;
  sweepId: number;
  groups: StoredIdentityGroup[];
}

export interface StoredRankedValue {
  tokenId: number;
  text: string;
  value: number;
}

/** Per word group, the slope of score on valence under each framing (paper Fig. 4). */
export interface StoredFramingValenceGroups {
  positiveWordsUnderPositive: StoredInterval | null;
  positiveWordsUnderNegative: StoredInterval | null;
  nonPositiveWordsUnderPositive: StoredInterval | null;
  nonPositiveWordsUnderNegative: StoredInterval | null;
  positiveFlips: boolean;
  nonPositiveFlips: boolean;
  positiveSteeperUnderPositive: boolean;
  nonPositiveSteeperUnderNegative: boolean;
  /** The flips with both slopes' intervals excluding 0. */
  positiveFlipsConfidently: boolean;
  nonPositiveFlipsConfidently: boolean;
  /** |slope under its own framing| - |under the other|, paired bootstrap by word (> 0 = the prediction). */
  positiveSteepness: StoredInterval | null;
  nonPositiveSteepness: StoredInterval | null;
}

export interface StoredFraming {
  modelId: number;
  positivePromptId: number;
  negativePromptId: number;
  n: number;
  rankCorrelation: number;
  /** Spearman rho between the framings over the lexicon's (sentiment-bearing) words only. */
  lexiconRankCorrelation: number | null;
  kendallTau: number;
  reversalDistance: number;
  sensitivity: number;
  positiveValenceSlope: StoredInterval | null;
  negativeValenceSlope: StoredInterval | null;
  valenceByGroup: StoredFramingValenceGroups | null;
  topSum: StoredRankedValue[];
  bottomSum: StoredRankedValue[];
  topDifference: StoredRankedValue[];
  bottomDifference: StoredRankedValue[];
  points: StoredScatterPoint[];
}

export interface StoredItemRankDifference {
  text: string;
  humanRank: number;
  medianModelRank: number;
  difference: number;
  modelRanks: number[];
}

export interface StoredHumanBaseline {
  setId: number;
  setSlug: string;
  promptId: number;
  items: number;
  /** Models in slug order: the order of modelRanks. */
  modelIds: number[];
  agreement: { modelId: number; spearmanRho: number; spearmanRhoInterval: StoredInterval | null; kendallTau: number; kendallTauInterval: StoredInterval | null }[];
  largestDifferences: StoredItemRankDifference[];
  excludedModelIds: number[];
}

export interface StoredLeaderboardRow {
  modelId: number;
  meanTau: number | null;
  /** Delete-one jackknife interval of meanTau (StoredHeterogeneity.meanTauIntervals). */
  meanTauInterval: StoredInterval | null;
  valenceAsymmetry: StoredInterval | null;
  framingSensitivity: number | null;
  frequencyBias: StoredInterval | null;
  identityGap: StoredInterval | null;
  identityGapGroup: string | null;
}

export interface StoredLeaderboard {
  rows: StoredLeaderboardRow[];
}
