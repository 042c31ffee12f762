/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Framing =
  | 'NEGATIVE'
  | 'NEUTRAL'
  | 'POSITIVE';

/**
 * Which of a sweep's tokens a ranked list shows. Ranks and percentiles stay those of the whole sweep
 * either way, so a filtered list shows the gaps (ranks 1, 2, 5, ...).
 */
export type RankingTokens =
  /** Every scored id. */
  | 'ALL'
  /**
   * The prompt's shared vocabulary under `sharedVocabulary` (default the paper's normalisation): the
   * model's tokens whose decoded string every compared model has exactly once (METHOD's top-k / bottom-k "over the shared vocabulary"). An error
   * when the model is not compared (see Heterogeneity.notCompared).
   */
  | 'SHARED'
  /**
   * Words: the decoded text is letters (and combining marks) only, after one optional leading space,
   * and the token is not special. Drops byte pieces, punctuation, numbers, code fragments, tokens with
   * other whitespace (a tab, a newline, two spaces) and markers such as <unused12>.
   */
  | 'WORDS';

export type SweepMode =
  | 'ID'
  | 'IMPORTED'
  | 'PAPER';

export type SweepStatus =
  | 'CANCELLED'
  | 'COMPLETED'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING';

export type VocabNormalization =
  /** The paper's choice: decoded strings as they are (leading space and case kept). */
  | 'PAPER'
  /** Leading space stripped. */
  | 'STRIP_SPACE'
  /** Leading space stripped and case-folded. */
  | 'STRIP_SPACE_CASEFOLD';

export type LeaderboardQueryVariables = Exact<{ [key: string]: never; }>;


export type LeaderboardQuery = { leaderboard: Array<{ meanTau: number | null, framingSensitivity: number | null, identityGapGroup: string | null, model: { slug: string }, meanTauInterval: { estimate: number, low: number, high: number } | null, valenceAsymmetry: { estimate: number, low: number, high: number } | null, frequencyBias: { estimate: number, low: number, high: number } | null, identityGap: { estimate: number, low: number, high: number } | null }> };

export type ValenceSlopesFragment = { lexicon: string, matchedTokens: number, model: { slug: string, displayName: string, isDemo: boolean }, positive: { n: number, slope: { estimate: number, low: number, high: number } }, nonPositive: { n: number, slope: { estimate: number, low: number, high: number } }, difference: { estimate: number, low: number, high: number }, standardized: { positive: { estimate: number, low: number, high: number } | null, nonPositive: { estimate: number, low: number, high: number } | null, difference: { estimate: number, low: number, high: number } | null } | null, nullDifference: { mean: number, low: number, high: number, permutations: number } | null };

export type AsymmetryLexiconsQueryVariables = Exact<{ [key: string]: never; }>;


export type AsymmetryLexiconsQuery = { analysisLists: { lexicons: Array<string> } };

export type AsymmetryQueryVariables = Exact<{
  prompt: string;
  models?: Array<string> | string | null | undefined;
  withPoints: boolean;
  lexicon: string;
}>;


export type AsymmetryQuery = { valenceAsymmetry: Array<{ lexicon: string, matchedTokens: number, points?: Array<{ tokenId: number, text: string, x: number, y: number }>, model: { slug: string, displayName: string, isDemo: boolean }, positive: { n: number, slope: { estimate: number, low: number, high: number } }, nonPositive: { n: number, slope: { estimate: number, low: number, high: number } }, difference: { estimate: number, low: number, high: number }, standardized: { positive: { estimate: number, low: number, high: number } | null, nonPositive: { estimate: number, low: number, high: number } | null, difference: { estimate: number, low: number, high: number } | null } | null, nullDifference: { mean: number, low: number, high: number, permutations: number } | null }> };

export type RankedTokensFragment = { totalCount: number, sweep: { id: number, mode: SweepMode, tokenCount: number }, edges: Array<{ node: { tokenId: number, decoded: string | null, piece: string | null, score: number, rank: number, percentile: number, flags: { special: boolean, byte: boolean, whitespace: boolean } | null } }> };

export type FramingQueryVariables = Exact<{
  model: string;
  k: number;
  positive?: string | null | undefined;
}>;


export type FramingQuery = { framing: { n: number, rankCorrelation: number, lexiconRankCorrelation: number | null, kendallTau: number, reversalDistance: number, sensitivity: number, model: { slug: string, displayName: string, isDemo: boolean }, positive: { slug: string, text: string }, negative: { slug: string, text: string }, positiveValenceSlope: { estimate: number, low: number, high: number } | null, negativeValenceSlope: { estimate: number, low: number, high: number } | null, topSum: Array<{ tokenId: number, text: string, value: number }>, bottomSum: Array<{ tokenId: number, text: string, value: number }>, topDifference: Array<{ tokenId: number, text: string, value: number }>, bottomDifference: Array<{ tokenId: number, text: string, value: number }>, points: Array<{ tokenId: number, text: string, x: number, y: number }> } | null };

export type FrequencyCoefficientsFragment = { source: string, matchedTokens: number, model: { slug: string, displayName: string, isDemo: boolean }, logFrequency: { estimate: number, low: number, high: number }, logFrequencyStandardized: { estimate: number, low: number, high: number } | null, valence: { estimate: number, low: number, high: number } };

export type FrequencyListsQueryVariables = Exact<{ [key: string]: never; }>;


export type FrequencyListsQuery = { analysisLists: { frequencyLists: Array<string> } };

export type FrequencyQueryVariables = Exact<{
  prompt: string;
  models?: Array<string> | string | null | undefined;
  withPoints: boolean;
  list: string;
}>;


export type FrequencyQuery = { frequencyBias: Array<{ source: string, matchedTokens: number, points?: Array<{ tokenId: number, text: string, x: number, y: number }>, model: { slug: string, displayName: string, isDemo: boolean }, logFrequency: { estimate: number, low: number, high: number }, logFrequencyStandardized: { estimate: number, low: number, high: number } | null, valence: { estimate: number, low: number, high: number } }> };

export type HeterogeneityQueryVariables = Exact<{
  prompt: string;
  models?: Array<string> | string | null | undefined;
  normalization?: VocabNormalization | null | undefined;
}>;


export type HeterogeneityQuery = { heterogeneity: { sharedVocabularySize: number, kendallTau: Array<Array<number>>, spearmanRho: Array<Array<number>>, rbo: Array<Array<number>>, mdsGoodnessOfFit: number | null, excludedModels: Array<string>, models: Array<{ slug: string, displayName: string, isDemo: boolean }>, pairs: Array<{ a: string, b: string, kendallTau: number, spearmanRho: number, rbo: number, kendallTauInterval: { estimate: number, low: number, high: number } | null, spearmanRhoInterval: { estimate: number, low: number, high: number } | null, aOverB: Array<{ text: string, percentileA: number, percentileB: number }>, bOverA: Array<{ text: string, percentileA: number, percentileB: number }> }>, mds: Array<{ x: number, y: number, model: { slug: string, displayName: string } }>, tauNull: { mean: number, low: number, high: number, permutations: number }, notCompared: Array<{ model: string, reason: string }> } | null };

export type HumanBaselineQueryVariables = Exact<{
  set: string;
  prompt: string;
  top: number;
}>;


export type HumanBaselineQuery = { humanBaseline: { setSlug: string, items: number, prompt: { slug: string, text: string }, agreement: Array<{ spearmanRho: number, kendallTau: number, model: { slug: string, displayName: string }, spearmanRhoInterval: { estimate: number, low: number, high: number } | null, kendallTauInterval: { estimate: number, low: number, high: number } | null }>, largestDifferences: Array<{ text: string, humanRank: number, medianModelRank: number, difference: number, modelRanks: Array<number> }>, models: Array<{ slug: string, displayName: string }>, excludedModels: Array<{ slug: string, displayName: string }> } | null };

export type CandidateSetsQueryVariables = Exact<{ [key: string]: never; }>;


export type CandidateSetsQuery = { candidateSets: Array<{ slug: string, name: string, source: string | null, itemCount: number }> };

export type IdentityQueryVariables = Exact<{
  prompt: string;
  models?: Array<string> | string | null | undefined;
  list: string;
}>;


export type IdentityQuery = { identityGroups: { groups: Array<{ category: string, group: string, groupId: string, matchedTokens: number, medianPercentile: number | null, inPessimalTail: boolean, shareInPessimalTail: number | null, model: { slug: string, displayName: string }, effect: { estimate: number, low: number, high: number } | null, effectVsWords: { estimate: number, low: number, high: number } | null, nullVsWords: { low: number, high: number } | null, terms: Array<{ tokenId: number, text: string, percentile: number }> }> } | null };

export type IdentityListsQueryVariables = Exact<{ [key: string]: never; }>;


export type IdentityListsQuery = { analysisLists: { identityLists: Array<string> } };

export type CatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type CatalogQuery = { models: Array<{ slug: string, displayName: string, family: string, parameterCount: number | null, vocabSize: number, isDemo: boolean, backend: string, source: string, sweeps: Array<{ id: number, status: SweepStatus, mode: SweepMode, prompt: { slug: string } }> }>, prompts: Array<{ slug: string, text: string, framing: Framing, tags: Array<string>, pair: { slug: string } | null }> };

export type ModelPageQueryVariables = Exact<{
  slug: string;
}>;


export type ModelPageQuery = { model: { slug: string, displayName: string, source: string, family: string, architecture: string | null, parameterCount: number | null, vocabSize: number, licence: string | null, backend: string, notes: string | null, isDemo: boolean, sweeps: Array<{ id: number, status: SweepStatus, mode: SweepMode, isRequest: boolean, tokenCount: number, scoredCount: number, roundTripFailures: number | null, backend: string, device: string | null, batchSize: number | null, cachedPrefixTokens: number | null, vocabPolicy: string, chatTemplate: string | null, renderedTemplate: string | null, prefixIds: Array<number>, suffixIds: Array<number>, wallSeconds: number | null, inferenceSeconds: number | null, completionSeconds: number | null, softwareVersions: unknown, createdAt: string, finishedAt: string | null, prompt: { slug: string, text: string } }> } | null };

export type ModelDistributionQueryVariables = Exact<{
  model: string;
  prompt: string;
}>;


export type ModelDistributionQuery = { distribution: { n: number, mean: number, variance: number, skewness: number, min: number, max: number, quantiles: Array<number>, histogram: Array<{ from: number, to: number, count: number }> } | null };

export type ModelRankingQueryVariables = Exact<{
  model: string;
  prompt: string;
  k: number;
  mode?: SweepMode | null | undefined;
  tokens?: RankingTokens | null | undefined;
}>;


export type ModelRankingQuery = { top: { totalCount: number, sweep: { id: number, mode: SweepMode, tokenCount: number }, edges: Array<{ node: { tokenId: number, decoded: string | null, piece: string | null, score: number, rank: number, percentile: number, flags: { special: boolean, byte: boolean, whitespace: boolean } | null } }> }, bottom: { totalCount: number, sweep: { id: number, mode: SweepMode, tokenCount: number }, edges: Array<{ node: { tokenId: number, decoded: string | null, piece: string | null, score: number, rank: number, percentile: number, flags: { special: boolean, byte: boolean, whitespace: boolean } | null } }> } };

export type ModelIdentityQueryVariables = Exact<{
  model: string;
  prompt: string;
}>;


export type ModelIdentityQuery = { identityGroups: { groups: Array<{ category: string, group: string, groupId: string, matchedTokens: number, medianPercentile: number | null, inPessimalTail: boolean, effect: { estimate: number, low: number, high: number } | null, terms: Array<{ tokenId: number, text: string, percentile: number }> }> } | null };

export type SweepProvenanceFragment = { id: number, status: SweepStatus, isRequest: boolean, mode: SweepMode, tokenCount: number, scoredCount: number, roundTripFailures: number | null, backend: string, device: string | null, batchSize: number | null, cachedPrefixTokens: number | null, vocabPolicy: string, chatTemplate: string | null, renderedTemplate: string | null, prefixIds: Array<number>, suffixIds: Array<number>, wallSeconds: number | null, inferenceSeconds: number | null, completionSeconds: number | null, softwareVersions: unknown, createdAt: string, finishedAt: string | null, prompt: { slug: string, text: string } };

export type PromptRankingQueryVariables = Exact<{
  model: string;
  prompt: string;
  k: number;
  tokens?: RankingTokens | null | undefined;
  shared?: VocabNormalization | null | undefined;
}>;


export type PromptRankingQuery = { top: { totalCount: number, sweep: { id: number, mode: SweepMode, tokenCount: number }, edges: Array<{ node: { tokenId: number, decoded: string | null, piece: string | null, score: number, rank: number, percentile: number, flags: { special: boolean, byte: boolean, whitespace: boolean } | null } }> }, bottom: { totalCount: number, sweep: { id: number, mode: SweepMode, tokenCount: number }, edges: Array<{ node: { tokenId: number, decoded: string | null, piece: string | null, score: number, rank: number, percentile: number, flags: { special: boolean, byte: boolean, whitespace: boolean } | null } }> } };

export type PromptSharedVocabularyQueryVariables = Exact<{
  prompt: string;
  normalization?: VocabNormalization | null | undefined;
}>;


export type PromptSharedVocabularyQuery = { sharedVocabulary: { normalization: VocabNormalization, size: number, droppedAsDuplicates: number, notInEveryModel: number, sample: Array<string>, models: Array<{ slug: string }> } | null };

export type RunsQueryVariables = Exact<{ [key: string]: never; }>;


export type RunsQuery = { sweepProgress: Array<{ tokensPerSecond: number | null, etaSeconds: number | null, sweep: { id: number, status: SweepStatus, tokenCount: number, scoredCount: number, model: { slug: string, displayName: string }, prompt: { slug: string } }, shards: { total: number, queued: number, running: number, done: number, parked: number }, parked: Array<{ index: number, startIndex: number, endIndex: number, attempts: number, error: string | null }> }>, workers: Array<{ id: string, host: string, pid: number, lastSeenAt: string, stale: boolean, shardsDone: number, shardsFailed: number, tokens: number, tokensPerSecond: number | null, currentShard: string | null }>, sweeps: Array<{ id: number, isRequest: boolean, mode: SweepMode, createdAt: string, model: { slug: string, displayName: string }, prompt: { slug: string } }> };

export type StatusPageQueryVariables = Exact<{ [key: string]: never; }>;


export type StatusPageQuery = { status: { databaseVersion: string, schemaVersion: string | null, models: number, demoModels: number, prompts: number, sweeps: number, completedSweeps: number, scores: number, analyses: { results: number, lastComputedAt: string | null, refreshing: boolean, sweepsNotAnalysed: number } }, models: Array<{ slug: string, displayName: string, family: string, vocabSize: number, isDemo: boolean, backend: string }>, prompts: Array<{ slug: string, text: string, framing: Framing, pair: { slug: string } | null }>, sweeps: Array<{ id: number, status: SweepStatus, mode: SweepMode, tokenCount: number, scoredCount: number, progress: number, backend: string, device: string | null, batchSize: number | null, cachedPrefixTokens: number | null, wallSeconds: number | null, inferenceSeconds: number | null, completionSeconds: number | null, model: { slug: string, displayName: string, isDemo: boolean }, prompt: { slug: string } }> };

export type TokenAutocompleteQueryVariables = Exact<{
  query: string;
  first: number;
}>;


export type TokenAutocompleteQuery = { tokenSearch: Array<{ tokenId: number, decoded: string, model: { slug: string, displayName: string } }> };

export type TokenExplorerQueryVariables = Exact<{
  text: string;
  exact: boolean;
}>;


export type TokenExplorerQuery = { token: { text: string, exact: boolean, truncated: boolean, matches: Array<{ tokenId: number, piece: string, decoded: string, model: { slug: string, displayName: string, isDemo: boolean }, flags: { special: boolean, byte: boolean, whitespace: boolean, startsWithSpace: boolean }, scores: Array<{ mode: SweepMode, score: number, rank: number, percentile: number, tokenCount: number, prompt: { slug: string } }> }> } };

export type TokenNeighboursQueryVariables = Exact<{
  model: string;
  prompt: string;
  mode?: SweepMode | null | undefined;
  tokenId: number;
}>;


export type TokenNeighboursQuery = { ranking: { edges: Array<{ node: { tokenId: number, decoded: string | null, piece: string | null, rank: number, score: number } }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ValenceSlopesFragmentDoc = new TypedDocumentString(`
    fragment ValenceSlopes on ValenceAsymmetry {
  model {
    slug
    displayName
    isDemo
  }
  lexicon
  matchedTokens
  positive {
    slope {
      estimate
      low
      high
    }
    n
  }
  nonPositive {
    slope {
      estimate
      low
      high
    }
    n
  }
  difference {
    estimate
    low
    high
  }
  standardized {
    positive {
      estimate
      low
      high
    }
    nonPositive {
      estimate
      low
      high
    }
    difference {
      estimate
      low
      high
    }
  }
  nullDifference {
    mean
    low
    high
    permutations
  }
}
    `, {"fragmentName":"ValenceSlopes"}) as unknown as TypedDocumentString<ValenceSlopesFragment, unknown>;
export const RankedTokensFragmentDoc = new TypedDocumentString(`
    fragment RankedTokens on RankingConnection {
  totalCount
  sweep {
    id
    mode
    tokenCount
  }
  edges {
    node {
      tokenId
      decoded
      piece
      score
      rank
      percentile
      flags {
        special
        byte
        whitespace
      }
    }
  }
}
    `, {"fragmentName":"RankedTokens"}) as unknown as TypedDocumentString<RankedTokensFragment, unknown>;
export const FrequencyCoefficientsFragmentDoc = new TypedDocumentString(`
    fragment FrequencyCoefficients on FrequencyBias {
  model {
    slug
    displayName
    isDemo
  }
  source
  matchedTokens
  logFrequency {
    estimate
    low
    high
  }
  logFrequencyStandardized {
    estimate
    low
    high
  }
  valence {
    estimate
    low
    high
  }
}
    `, {"fragmentName":"FrequencyCoefficients"}) as unknown as TypedDocumentString<FrequencyCoefficientsFragment, unknown>;
export const SweepProvenanceFragmentDoc = new TypedDocumentString(`
    fragment SweepProvenance on Sweep {
  id
  status
  isRequest
  mode
  prompt {
    slug
    text
  }
  tokenCount
  scoredCount
  roundTripFailures
  backend
  device
  batchSize
  cachedPrefixTokens
  vocabPolicy
  chatTemplate
  renderedTemplate
  prefixIds
  suffixIds
  wallSeconds
  inferenceSeconds
  completionSeconds
  softwareVersions
  createdAt
  finishedAt
}
    `, {"fragmentName":"SweepProvenance"}) as unknown as TypedDocumentString<SweepProvenanceFragment, unknown>;
export const LeaderboardDocument = new TypedDocumentString(`
    query Leaderboard {
  leaderboard {
    model {
      slug
    }
    meanTau
    meanTauInterval {
      estimate
      low
      high
    }
    valenceAsymmetry {
      estimate
      low
      high
    }
    framingSensitivity
    frequencyBias {
      estimate
      low
      high
    }
    identityGap {
      estimate
      low
      high
    }
    identityGapGroup
  }
}
    `) as unknown as TypedDocumentString<LeaderboardQuery, LeaderboardQueryVariables>;
export const AsymmetryLexiconsDocument = new TypedDocumentString(`
    query AsymmetryLexicons {
  analysisLists {
    lexicons
  }
}
    `) as unknown as TypedDocumentString<AsymmetryLexiconsQuery, AsymmetryLexiconsQueryVariables>;
export const AsymmetryDocument = new TypedDocumentString(`
    query Asymmetry($prompt: String!, $models: [String!], $withPoints: Boolean!, $lexicon: String!) {
  valenceAsymmetry(promptSlug: $prompt, modelSlugs: $models, lexicon: $lexicon) {
    ...ValenceSlopes
    points @include(if: $withPoints) {
      tokenId
      text
      x
      y
    }
  }
}
    fragment ValenceSlopes on ValenceAsymmetry {
  model {
    slug
    displayName
    isDemo
  }
  lexicon
  matchedTokens
  positive {
    slope {
      estimate
      low
      high
    }
    n
  }
  nonPositive {
    slope {
      estimate
      low
      high
    }
    n
  }
  difference {
    estimate
    low
    high
  }
  standardized {
    positive {
      estimate
      low
      high
    }
    nonPositive {
      estimate
      low
      high
    }
    difference {
      estimate
      low
      high
    }
  }
  nullDifference {
    mean
    low
    high
    permutations
  }
}`) as unknown as TypedDocumentString<AsymmetryQuery, AsymmetryQueryVariables>;
export const FramingDocument = new TypedDocumentString(`
    query Framing($model: String!, $k: Int!, $positive: String) {
  framing(modelSlug: $model, k: $k, positivePromptSlug: $positive) {
    model {
      slug
      displayName
      isDemo
    }
    positive {
      slug
      text
    }
    negative {
      slug
      text
    }
    n
    rankCorrelation
    lexiconRankCorrelation
    kendallTau
    reversalDistance
    sensitivity
    positiveValenceSlope {
      estimate
      low
      high
    }
    negativeValenceSlope {
      estimate
      low
      high
    }
    topSum {
      tokenId
      text
      value
    }
    bottomSum {
      tokenId
      text
      value
    }
    topDifference {
      tokenId
      text
      value
    }
    bottomDifference {
      tokenId
      text
      value
    }
    points {
      tokenId
      text
      x
      y
    }
  }
}
    `) as unknown as TypedDocumentString<FramingQuery, FramingQueryVariables>;
export const FrequencyListsDocument = new TypedDocumentString(`
    query FrequencyLists {
  analysisLists {
    frequencyLists
  }
}
    `) as unknown as TypedDocumentString<FrequencyListsQuery, FrequencyListsQueryVariables>;
export const FrequencyDocument = new TypedDocumentString(`
    query Frequency($prompt: String!, $models: [String!], $withPoints: Boolean!, $list: String!) {
  frequencyBias(promptSlug: $prompt, modelSlugs: $models, frequencyList: $list) {
    ...FrequencyCoefficients
    points @include(if: $withPoints) {
      tokenId
      text
      x
      y
    }
  }
}
    fragment FrequencyCoefficients on FrequencyBias {
  model {
    slug
    displayName
    isDemo
  }
  source
  matchedTokens
  logFrequency {
    estimate
    low
    high
  }
  logFrequencyStandardized {
    estimate
    low
    high
  }
  valence {
    estimate
    low
    high
  }
}`) as unknown as TypedDocumentString<FrequencyQuery, FrequencyQueryVariables>;
export const HeterogeneityDocument = new TypedDocumentString(`
    query Heterogeneity($prompt: String!, $models: [String!], $normalization: VocabNormalization) {
  heterogeneity(
    promptSlug: $prompt
    modelSlugs: $models
    normalization: $normalization
  ) {
    sharedVocabularySize
    models {
      slug
      displayName
      isDemo
    }
    kendallTau
    spearmanRho
    rbo
    pairs {
      a
      b
      kendallTau
      kendallTauInterval {
        estimate
        low
        high
      }
      spearmanRho
      spearmanRhoInterval {
        estimate
        low
        high
      }
      rbo
      aOverB {
        text
        percentileA
        percentileB
      }
      bOverA {
        text
        percentileA
        percentileB
      }
    }
    mds {
      model {
        slug
        displayName
      }
      x
      y
    }
    mdsGoodnessOfFit
    tauNull {
      mean
      low
      high
      permutations
    }
    excludedModels
    notCompared {
      model
      reason
    }
  }
}
    `) as unknown as TypedDocumentString<HeterogeneityQuery, HeterogeneityQueryVariables>;
export const HumanBaselineDocument = new TypedDocumentString(`
    query HumanBaseline($set: String!, $prompt: String!, $top: Int!) {
  humanBaseline(setSlug: $set, promptSlug: $prompt, top: $top) {
    setSlug
    prompt {
      slug
      text
    }
    items
    agreement {
      model {
        slug
        displayName
      }
      spearmanRho
      spearmanRhoInterval {
        estimate
        low
        high
      }
      kendallTau
      kendallTauInterval {
        estimate
        low
        high
      }
    }
    largestDifferences {
      text
      humanRank
      medianModelRank
      difference
      modelRanks
    }
    models {
      slug
      displayName
    }
    excludedModels {
      slug
      displayName
    }
  }
}
    `) as unknown as TypedDocumentString<HumanBaselineQuery, HumanBaselineQueryVariables>;
export const CandidateSetsDocument = new TypedDocumentString(`
    query CandidateSets {
  candidateSets {
    slug
    name
    source
    itemCount
  }
}
    `) as unknown as TypedDocumentString<CandidateSetsQuery, CandidateSetsQueryVariables>;
export const IdentityDocument = new TypedDocumentString(`
    query Identity($prompt: String!, $models: [String!], $list: String!) {
  identityGroups(promptSlug: $prompt, modelSlugs: $models, list: $list) {
    groups {
      category
      group
      groupId
      model {
        slug
        displayName
      }
      matchedTokens
      medianPercentile
      effect {
        estimate
        low
        high
      }
      effectVsWords {
        estimate
        low
        high
      }
      nullVsWords {
        low
        high
      }
      inPessimalTail
      shareInPessimalTail
      terms {
        tokenId
        text
        percentile
      }
    }
  }
}
    `) as unknown as TypedDocumentString<IdentityQuery, IdentityQueryVariables>;
export const IdentityListsDocument = new TypedDocumentString(`
    query IdentityLists {
  analysisLists {
    identityLists
  }
}
    `) as unknown as TypedDocumentString<IdentityListsQuery, IdentityListsQueryVariables>;
export const CatalogDocument = new TypedDocumentString(`
    query Catalog {
  models {
    slug
    displayName
    family
    parameterCount
    vocabSize
    isDemo
    backend
    source
    sweeps {
      id
      status
      mode
      prompt {
        slug
      }
    }
  }
  prompts {
    slug
    text
    framing
    tags
    pair {
      slug
    }
  }
}
    `) as unknown as TypedDocumentString<CatalogQuery, CatalogQueryVariables>;
export const ModelPageDocument = new TypedDocumentString(`
    query ModelPage($slug: String!) {
  model(slug: $slug) {
    slug
    displayName
    source
    family
    architecture
    parameterCount
    vocabSize
    licence
    backend
    notes
    isDemo
    sweeps {
      id
      status
      mode
      prompt {
        slug
        text
      }
      ...SweepProvenance
    }
  }
}
    fragment SweepProvenance on Sweep {
  id
  status
  isRequest
  mode
  prompt {
    slug
    text
  }
  tokenCount
  scoredCount
  roundTripFailures
  backend
  device
  batchSize
  cachedPrefixTokens
  vocabPolicy
  chatTemplate
  renderedTemplate
  prefixIds
  suffixIds
  wallSeconds
  inferenceSeconds
  completionSeconds
  softwareVersions
  createdAt
  finishedAt
}`) as unknown as TypedDocumentString<ModelPageQuery, ModelPageQueryVariables>;
export const ModelDistributionDocument = new TypedDocumentString(`
    query ModelDistribution($model: String!, $prompt: String!) {
  distribution(modelSlug: $model, promptSlug: $prompt) {
    n
    mean
    variance
    skewness
    min
    max
    quantiles
    histogram {
      from
      to
      count
    }
  }
}
    `) as unknown as TypedDocumentString<ModelDistributionQuery, ModelDistributionQueryVariables>;
export const ModelRankingDocument = new TypedDocumentString(`
    query ModelRanking($model: String!, $prompt: String!, $k: Int!, $mode: SweepMode, $tokens: RankingTokens) {
  top: ranking(
    modelSlug: $model
    promptSlug: $prompt
    order: TOP
    first: $k
    mode: $mode
    tokens: $tokens
  ) {
    ...RankedTokens
  }
  bottom: ranking(
    modelSlug: $model
    promptSlug: $prompt
    order: BOTTOM
    first: $k
    mode: $mode
    tokens: $tokens
  ) {
    ...RankedTokens
  }
}
    fragment RankedTokens on RankingConnection {
  totalCount
  sweep {
    id
    mode
    tokenCount
  }
  edges {
    node {
      tokenId
      decoded
      piece
      score
      rank
      percentile
      flags {
        special
        byte
        whitespace
      }
    }
  }
}`) as unknown as TypedDocumentString<ModelRankingQuery, ModelRankingQueryVariables>;
export const ModelIdentityDocument = new TypedDocumentString(`
    query ModelIdentity($model: String!, $prompt: String!) {
  identityGroups(promptSlug: $prompt, modelSlugs: [$model]) {
    groups {
      category
      group
      groupId
      matchedTokens
      medianPercentile
      effect {
        estimate
        low
        high
      }
      inPessimalTail
      terms {
        tokenId
        text
        percentile
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ModelIdentityQuery, ModelIdentityQueryVariables>;
export const PromptRankingDocument = new TypedDocumentString(`
    query PromptRanking($model: String!, $prompt: String!, $k: Int!, $tokens: RankingTokens, $shared: VocabNormalization) {
  top: ranking(
    modelSlug: $model
    promptSlug: $prompt
    order: TOP
    first: $k
    tokens: $tokens
    sharedVocabulary: $shared
  ) {
    ...RankedTokens
  }
  bottom: ranking(
    modelSlug: $model
    promptSlug: $prompt
    order: BOTTOM
    first: $k
    tokens: $tokens
    sharedVocabulary: $shared
  ) {
    ...RankedTokens
  }
}
    fragment RankedTokens on RankingConnection {
  totalCount
  sweep {
    id
    mode
    tokenCount
  }
  edges {
    node {
      tokenId
      decoded
      piece
      score
      rank
      percentile
      flags {
        special
        byte
        whitespace
      }
    }
  }
}`) as unknown as TypedDocumentString<PromptRankingQuery, PromptRankingQueryVariables>;
export const PromptSharedVocabularyDocument = new TypedDocumentString(`
    query PromptSharedVocabulary($prompt: String!, $normalization: VocabNormalization) {
  sharedVocabulary(promptSlug: $prompt, normalization: $normalization) {
    normalization
    size
    droppedAsDuplicates
    notInEveryModel
    sample
    models {
      slug
    }
  }
}
    `) as unknown as TypedDocumentString<PromptSharedVocabularyQuery, PromptSharedVocabularyQueryVariables>;
export const RunsDocument = new TypedDocumentString(`
    query Runs {
  sweepProgress(limit: 30) {
    sweep {
      id
      status
      tokenCount
      scoredCount
      model {
        slug
        displayName
      }
      prompt {
        slug
      }
    }
    shards {
      total
      queued
      running
      done
      parked
    }
    tokensPerSecond
    etaSeconds
    parked {
      index
      startIndex
      endIndex
      attempts
      error
    }
  }
  workers {
    id
    host
    pid
    lastSeenAt
    stale
    shardsDone
    shardsFailed
    tokens
    tokensPerSecond
    currentShard
  }
  sweeps(status: PENDING) {
    id
    isRequest
    mode
    createdAt
    model {
      slug
      displayName
    }
    prompt {
      slug
    }
  }
}
    `) as unknown as TypedDocumentString<RunsQuery, RunsQueryVariables>;
export const StatusPageDocument = new TypedDocumentString(`
    query StatusPage {
  status {
    databaseVersion
    schemaVersion
    models
    demoModels
    prompts
    sweeps
    completedSweeps
    scores
    analyses {
      results
      lastComputedAt
      refreshing
      sweepsNotAnalysed
    }
  }
  models {
    slug
    displayName
    family
    vocabSize
    isDemo
    backend
  }
  prompts {
    slug
    text
    framing
    pair {
      slug
    }
  }
  sweeps {
    id
    status
    mode
    tokenCount
    scoredCount
    progress
    backend
    device
    batchSize
    cachedPrefixTokens
    wallSeconds
    inferenceSeconds
    completionSeconds
    model {
      slug
      displayName
      isDemo
    }
    prompt {
      slug
    }
  }
}
    `) as unknown as TypedDocumentString<StatusPageQuery, StatusPageQueryVariables>;
export const TokenAutocompleteDocument = new TypedDocumentString(`
    query TokenAutocomplete($query: String!, $first: Int!) {
  tokenSearch(
    query: $query
    match: PREFIX
    caseInsensitive: true
    ignoreLeadingSpace: true
    first: $first
  ) {
    tokenId
    decoded
    model {
      slug
      displayName
    }
  }
}
    `) as unknown as TypedDocumentString<TokenAutocompleteQuery, TokenAutocompleteQueryVariables>;
export const TokenExplorerDocument = new TypedDocumentString(`
    query TokenExplorer($text: String!, $exact: Boolean!) {
  token(text: $text, exact: $exact) {
    text
    exact
    truncated
    matches {
      model {
        slug
        displayName
        isDemo
      }
      tokenId
      piece
      decoded
      flags {
        special
        byte
        whitespace
        startsWithSpace
      }
      scores {
        prompt {
          slug
        }
        mode
        score
        rank
        percentile
        tokenCount
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TokenExplorerQuery, TokenExplorerQueryVariables>;
export const TokenNeighboursDocument = new TypedDocumentString(`
    query TokenNeighbours($model: String!, $prompt: String!, $mode: SweepMode, $tokenId: Int!) {
  ranking(
    modelSlug: $model
    promptSlug: $prompt
    mode: $mode
    aroundTokenId: $tokenId
    first: 5
  ) {
    edges {
      node {
        tokenId
        decoded
        piece
        rank
        score
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TokenNeighboursQuery, TokenNeighboursQueryVariables>;