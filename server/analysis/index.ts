/**
 * Public API of the analysis layer: plain functions on typed arrays, no web or database
 * dependency. See each module's header for definitions and the choices made.
 */
export * from "./types";
export { mulberry32, randomIndex, resampleIndices, shuffleInPlace, type Rng } from "./random";
export {
  argsort,
  averageRanksFromOrder,
  comparatorArgsort,
  denseRanks,
  forEachTieRun,
  inversePermutation,
  percentiles,
  percentilesFromRanks,
  rankAverage,
  rankDescending,
  rankProfile,
  type RankProfile,
  type SortDirection,
} from "./ranks";
export { radixArgsort } from "./radixSort";
export {
  describe,
  equalWidthEdges,
  histogram,
  mean,
  median,
  quantile,
  quantileSorted,
  quantiles,
  skewness,
  sortedCopy,
  standardDeviation,
  variance,
  variancePopulation,
  varianceSample,
  type Description,
  type Histogram,
} from "./moments";
export * from "./correlation";
export { concordanceByItem, jackknifeInterval, kendallTauBJackknife, type JackknifeInterval } from "./kendallJackknife";
export { spearmanRhoJackknife } from "./spearmanJackknife";
export { disagreementsOfPercentiles, largestDisagreements, type Disagreements } from "./disagreement";
export { oneMinus, pairwiseStatistics, prepareScores, type PairwiseMatrices, type PairwiseOptions, type PairwiseStatistic, type PreparedScores } from "./pairwise";
export { classicalMds, type MdsResult } from "./mds";
export { invert, symmetricEigen, type Eigen } from "./linalg";
export { bootstrapScalar, bootstrapVector, percentileInterval, type BootstrapInterval } from "./bootstrap";
export { bootstrapOls, ols, olsSlopesForRows, simpleRegression, type BootstrappedOls, type OlsFit } from "./regression";
export { afinnLexicon, customLexicon, parseVaderLexicon, vaderLexicon, type ValenceLexicon } from "./lexicons";
export {
  DEFAULT_MATCH_OPTIONS,
  PAPER_MATCH_OPTIONS,
  matchValence,
  normaliseTokenText,
  slopeForRows,
  splitByValence,
  valenceAsymmetry,
  type GroupSlope,
  type TextMatchOptions,
  type ValenceAsymmetry,
  type ValenceMatch,
} from "./valence";
export {
  frequencyBias,
  lookupFrequency,
  subtlexFrequencies,
  type FrequencyBias,
  type FrequencyBiasOptions,
  type FrequencyTable,
} from "./frequency";
export { BncFormatError, bncWordKeys, parseBncFrequencyList, readBncFrequencyFile, type BncAggregation, type BncParseOptions } from "./bncFrequency";
export { buildSharedVocab, gatherScores, normaliseVocabText, type SharedVocab, type SharedVocabOptions, type VocabEntry } from "./sharedVocab";
export { alignByTokenId, bottomK, framingRankings, topK, type AlignedPair, type FramingRankings, type IdScores } from "./topk";
export { framingRanks, framingSensitivity, framingValence, type FramingRanks, type FramingSensitivity, type FramingValence } from "./framing";
export { IDENTITY_GROUPS, type IdentityCategory, type IdentityGroup, type IdentityTerm } from "./identityTerms";
export {
  cliffsDeltaFromPercentiles,
  groupForms,
  identityGroupStats,
  matchIdentityGroup,
  termForms,
  type IdentityGroupResult,
  type IdentityMatchOptions,
  type IdentityOptions,
} from "./identity";
export { cliffsDeltaFromShares, isWordToken, randomWordSetNull, wordReference, type WordReference } from "./wordReference";
export { humanBaseline, type HumanBaseline, type ModelAgreement, type ModelScores } from "./humanBaseline";
export {
  DEFAULT_PERMUTATIONS,
  permutationNull,
  tauShuffleNull,
  valenceSlopeNull,
  type NullDistribution,
  type ValenceSlopeNull,
} from "./nullBaseline";
