/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Leaderboard {\n    leaderboard {\n      model { slug }\n      meanTau\n      meanTauInterval { estimate low high }\n      valenceAsymmetry { estimate low high }\n      framingSensitivity\n      frequencyBias { estimate low high }\n      identityGap { estimate low high }\n      identityGapGroup\n    }\n  }\n": typeof types.LeaderboardDocument,
    "\n  fragment ValenceSlopes on ValenceAsymmetry {\n    model { slug displayName isDemo }\n    lexicon\n    matchedTokens\n    positive { slope { estimate low high } n }\n    nonPositive { slope { estimate low high } n }\n    difference { estimate low high }\n    standardized { positive { estimate low high } nonPositive { estimate low high } difference { estimate low high } }\n    nullDifference { mean low high permutations }\n  }\n": typeof types.ValenceSlopesFragmentDoc,
    "\n  query AsymmetryLexicons {\n    analysisLists { lexicons }\n  }\n": typeof types.AsymmetryLexiconsDocument,
    "\n  query Asymmetry($prompt: String!, $models: [String!], $withPoints: Boolean!, $lexicon: String!) {\n    valenceAsymmetry(promptSlug: $prompt, modelSlugs: $models, lexicon: $lexicon) {\n      ...ValenceSlopes\n      points @include(if: $withPoints) { tokenId text x y }\n    }\n  }\n": typeof types.AsymmetryDocument,
    "\n  fragment RankedTokens on RankingConnection {\n    totalCount\n    sweep { id mode tokenCount }\n    edges { node { tokenId decoded piece score rank percentile flags { special byte whitespace } } }\n  }\n": typeof types.RankedTokensFragmentDoc,
    "\n  query Framing($model: String!, $k: Int!, $positive: String) {\n    framing(modelSlug: $model, k: $k, positivePromptSlug: $positive) {\n      model { slug displayName isDemo }\n      positive { slug text }\n      negative { slug text }\n      n rankCorrelation lexiconRankCorrelation kendallTau reversalDistance sensitivity\n      positiveValenceSlope { estimate low high }\n      negativeValenceSlope { estimate low high }\n      topSum { tokenId text value }\n      bottomSum { tokenId text value }\n      topDifference { tokenId text value }\n      bottomDifference { tokenId text value }\n      points { tokenId text x y }\n    }\n  }\n": typeof types.FramingDocument,
    "\n  fragment FrequencyCoefficients on FrequencyBias {\n    model { slug displayName isDemo }\n    source\n    matchedTokens\n    logFrequency { estimate low high }\n    logFrequencyStandardized { estimate low high }\n    valence { estimate low high }\n  }\n": typeof types.FrequencyCoefficientsFragmentDoc,
    "\n  query FrequencyLists {\n    analysisLists { frequencyLists }\n  }\n": typeof types.FrequencyListsDocument,
    "\n  query Frequency($prompt: String!, $models: [String!], $withPoints: Boolean!, $list: String!) {\n    frequencyBias(promptSlug: $prompt, modelSlugs: $models, frequencyList: $list) {\n      ...FrequencyCoefficients\n      points @include(if: $withPoints) { tokenId text x y }\n    }\n  }\n": typeof types.FrequencyDocument,
    "\n  query Heterogeneity($prompt: String!, $models: [String!], $normalization: VocabNormalization) {\n    heterogeneity(promptSlug: $prompt, modelSlugs: $models, normalization: $normalization) {\n      sharedVocabularySize\n      models { slug displayName isDemo }\n      kendallTau spearmanRho rbo\n      pairs {\n        a b kendallTau kendallTauInterval { estimate low high } spearmanRho spearmanRhoInterval { estimate low high } rbo\n        aOverB { text percentileA percentileB } bOverA { text percentileA percentileB }\n      }\n      mds { model { slug displayName } x y }\n      mdsGoodnessOfFit\n      tauNull { mean low high permutations }\n      excludedModels\n      notCompared { model reason }\n    }\n  }\n": typeof types.HeterogeneityDocument,
    "\n  query HumanBaseline($set: String!, $prompt: String!, $top: Int!) {\n    humanBaseline(setSlug: $set, promptSlug: $prompt, top: $top) {\n      setSlug\n      prompt { slug text }\n      items\n      agreement { model { slug displayName } spearmanRho spearmanRhoInterval { estimate low high } kendallTau kendallTauInterval { estimate low high } }\n      largestDifferences { text humanRank medianModelRank difference modelRanks }\n      models { slug displayName }\n      excludedModels { slug displayName }\n    }\n  }\n": typeof types.HumanBaselineDocument,
    "\n  query CandidateSets { candidateSets { slug name source itemCount } }\n": typeof types.CandidateSetsDocument,
    "\n  query Identity($prompt: String!, $models: [String!], $list: String!) {\n    identityGroups(promptSlug: $prompt, modelSlugs: $models, list: $list) {\n      groups {\n        category group groupId model { slug displayName } matchedTokens medianPercentile\n        effect { estimate low high } effectVsWords { estimate low high } nullVsWords { low high }\n        inPessimalTail shareInPessimalTail\n        terms { tokenId text percentile }\n      }\n    }\n  }\n": typeof types.IdentityDocument,
    "\n  query IdentityLists {\n    analysisLists { identityLists }\n  }\n": typeof types.IdentityListsDocument,
    "\n  query Catalog {\n    models { slug displayName family parameterCount vocabSize isDemo backend source sweeps { id status mode prompt { slug } } }\n    prompts { slug text framing tags pair { slug } }\n  }\n": typeof types.CatalogDocument,
    "\n  query ModelPage($slug: String!) {\n    model(slug: $slug) {\n      slug displayName source family architecture parameterCount vocabSize licence backend notes isDemo\n      sweeps { id status mode prompt { slug text } ...SweepProvenance }\n    }\n  }\n": typeof types.ModelPageDocument,
    "\n  query ModelDistribution($model: String!, $prompt: String!) {\n    distribution(modelSlug: $model, promptSlug: $prompt) { n mean variance skewness min max quantiles histogram { from to count } }\n  }\n": typeof types.ModelDistributionDocument,
    "\n  query ModelRanking($model: String!, $prompt: String!, $k: Int!, $mode: SweepMode, $tokens: RankingTokens) {\n    top: ranking(modelSlug: $model, promptSlug: $prompt, order: TOP, first: $k, mode: $mode, tokens: $tokens) { ...RankedTokens }\n    bottom: ranking(modelSlug: $model, promptSlug: $prompt, order: BOTTOM, first: $k, mode: $mode, tokens: $tokens) { ...RankedTokens }\n  }\n": typeof types.ModelRankingDocument,
    "\n  query ModelIdentity($model: String!, $prompt: String!) {\n    identityGroups(promptSlug: $prompt, modelSlugs: [$model]) {\n      groups { category group groupId matchedTokens medianPercentile effect { estimate low high } inPessimalTail terms { tokenId text percentile } }\n    }\n  }\n": typeof types.ModelIdentityDocument,
    "\n  fragment SweepProvenance on Sweep {\n    id status isRequest mode prompt { slug text } tokenCount scoredCount roundTripFailures backend device batchSize cachedPrefixTokens vocabPolicy\n    chatTemplate renderedTemplate prefixIds suffixIds wallSeconds inferenceSeconds completionSeconds softwareVersions createdAt finishedAt\n  }\n": typeof types.SweepProvenanceFragmentDoc,
    "\n  query PromptRanking($model: String!, $prompt: String!, $k: Int!, $tokens: RankingTokens, $shared: VocabNormalization) {\n    top: ranking(modelSlug: $model, promptSlug: $prompt, order: TOP, first: $k, tokens: $tokens, sharedVocabulary: $shared) { ...RankedTokens }\n    bottom: ranking(modelSlug: $model, promptSlug: $prompt, order: BOTTOM, first: $k, tokens: $tokens, sharedVocabulary: $shared) { ...RankedTokens }\n  }\n": typeof types.PromptRankingDocument,
    "\n  query PromptSharedVocabulary($prompt: String!, $normalization: VocabNormalization) {\n    sharedVocabulary(promptSlug: $prompt, normalization: $normalization) { normalization size droppedAsDuplicates notInEveryModel sample models { slug } }\n  }\n": typeof types.PromptSharedVocabularyDocument,
    "\n  query Runs {\n    sweepProgress(limit: 30) {\n      sweep { id status tokenCount scoredCount model { slug displayName } prompt { slug } }\n      shards { total queued running done parked }\n      tokensPerSecond\n      etaSeconds\n      parked { index startIndex endIndex attempts error }\n    }\n    workers { id host pid lastSeenAt stale shardsDone shardsFailed tokens tokensPerSecond currentShard }\n    sweeps(status: PENDING) { id isRequest mode createdAt model { slug displayName } prompt { slug } }\n  }\n": typeof types.RunsDocument,
    "\n  query StatusPage {\n    status {\n      databaseVersion schemaVersion models demoModels prompts sweeps completedSweeps scores\n      analyses { results lastComputedAt refreshing sweepsNotAnalysed }\n    }\n    models { slug displayName family vocabSize isDemo backend }\n    prompts { slug text framing pair { slug } }\n    sweeps {\n      id status mode tokenCount scoredCount progress backend device batchSize cachedPrefixTokens wallSeconds inferenceSeconds completionSeconds\n      model { slug displayName isDemo }\n      prompt { slug }\n    }\n  }\n": typeof types.StatusPageDocument,
    "\n  query TokenAutocomplete($query: String!, $first: Int!) {\n    tokenSearch(query: $query, match: PREFIX, caseInsensitive: true, ignoreLeadingSpace: true, first: $first) {\n      tokenId\n      decoded\n      model { slug displayName }\n    }\n  }\n": typeof types.TokenAutocompleteDocument,
    "\n  query TokenExplorer($text: String!, $exact: Boolean!) {\n    token(text: $text, exact: $exact) {\n      text exact truncated\n      matches {\n        model { slug displayName isDemo }\n        tokenId piece decoded\n        flags { special byte whitespace startsWithSpace }\n        scores { prompt { slug } mode score rank percentile tokenCount }\n      }\n    }\n  }\n": typeof types.TokenExplorerDocument,
    "\n  query TokenNeighbours($model: String!, $prompt: String!, $mode: SweepMode, $tokenId: Int!) {\n    ranking(modelSlug: $model, promptSlug: $prompt, mode: $mode, aroundTokenId: $tokenId, first: 5) {\n      edges { node { tokenId decoded piece rank score } }\n    }\n  }\n": typeof types.TokenNeighboursDocument,
};
const documents: Documents = {
    "\n  query Leaderboard {\n    leaderboard {\n      model { slug }\n      meanTau\n      meanTauInterval { estimate low high }\n      valenceAsymmetry { estimate low high }\n      framingSensitivity\n      frequencyBias { estimate low high }\n      identityGap { estimate low high }\n      identityGapGroup\n    }\n  }\n": types.LeaderboardDocument,
    "\n  fragment ValenceSlopes on ValenceAsymmetry {\n    model { slug displayName isDemo }\n    lexicon\n    matchedTokens\n    positive { slope { estimate low high } n }\n    nonPositive { slope { estimate low high } n }\n    difference { estimate low high }\n    standardized { positive { estimate low high } nonPositive { estimate low high } difference { estimate low high } }\n    nullDifference { mean low high permutations }\n  }\n": types.ValenceSlopesFragmentDoc,
    "\n  query AsymmetryLexicons {\n    analysisLists { lexicons }\n  }\n": types.AsymmetryLexiconsDocument,
    "\n  query Asymmetry($prompt: String!, $models: [String!], $withPoints: Boolean!, $lexicon: String!) {\n    valenceAsymmetry(promptSlug: $prompt, modelSlugs: $models, lexicon: $lexicon) {\n      ...ValenceSlopes\n      points @include(if: $withPoints) { tokenId text x y }\n    }\n  }\n": types.AsymmetryDocument,
    "\n  fragment RankedTokens on RankingConnection {\n    totalCount\n    sweep { id mode tokenCount }\n    edges { node { tokenId decoded piece score rank percentile flags { special byte whitespace } } }\n  }\n": types.RankedTokensFragmentDoc,
    "\n  query Framing($model: String!, $k: Int!, $positive: String) {\n    framing(modelSlug: $model, k: $k, positivePromptSlug: $positive) {\n      model { slug displayName isDemo }\n      positive { slug text }\n      negative { slug text }\n      n rankCorrelation lexiconRankCorrelation kendallTau reversalDistance sensitivity\n      positiveValenceSlope { estimate low high }\n      negativeValenceSlope { estimate low high }\n      topSum { tokenId text value }\n      bottomSum { tokenId text value }\n      topDifference { tokenId text value }\n      bottomDifference { tokenId text value }\n      points { tokenId text x y }\n    }\n  }\n": types.FramingDocument,
    "\n  fragment FrequencyCoefficients on FrequencyBias {\n    model { slug displayName isDemo }\n    source\n    matchedTokens\n    logFrequency { estimate low high }\n    logFrequencyStandardized { estimate low high }\n    valence { estimate low high }\n  }\n": types.FrequencyCoefficientsFragmentDoc,
    "\n  query FrequencyLists {\n    analysisLists { frequencyLists }\n  }\n": types.FrequencyListsDocument,
    "\n  query Frequency($prompt: String!, $models: [String!], $withPoints: Boolean!, $list: String!) {\n    frequencyBias(promptSlug: $prompt, modelSlugs: $models, frequencyList: $list) {\n      ...FrequencyCoefficients\n      points @include(if: $withPoints) { tokenId text x y }\n    }\n  }\n": types.FrequencyDocument,
    "\n  query Heterogeneity($prompt: String!, $models: [String!], $normalization: VocabNormalization) {\n    heterogeneity(promptSlug: $prompt, modelSlugs: $models, normalization: $normalization) {\n      sharedVocabularySize\n      models { slug displayName isDemo }\n      kendallTau spearmanRho rbo\n      pairs {\n        a b kendallTau kendallTauInterval { estimate low high } spearmanRho spearmanRhoInterval { estimate low high } rbo\n        aOverB { text percentileA percentileB } bOverA { text percentileA percentileB }\n      }\n      mds { model { slug displayName } x y }\n      mdsGoodnessOfFit\n      tauNull { mean low high permutations }\n      excludedModels\n      notCompared { model reason }\n    }\n  }\n": types.HeterogeneityDocument,
    "\n  query HumanBaseline($set: String!, $prompt: String!, $top: Int!) {\n    humanBaseline(setSlug: $set, promptSlug: $prompt, top: $top) {\n      setSlug\n      prompt { slug text }\n      items\n      agreement { model { slug displayName } spearmanRho spearmanRhoInterval { estimate low high } kendallTau kendallTauInterval { estimate low high } }\n      largestDifferences { text humanRank medianModelRank difference modelRanks }\n      models { slug displayName }\n      excludedModels { slug displayName }\n    }\n  }\n": types.HumanBaselineDocument,
    "\n  query CandidateSets { candidateSets { slug name source itemCount } }\n": types.CandidateSetsDocument,
    "\n  query Identity($prompt: String!, $models: [String!], $list: String!) {\n    identityGroups(promptSlug: $prompt, modelSlugs: $models, list: $list) {\n      groups {\n        category group groupId model { slug displayName } matchedTokens medianPercentile\n        effect { estimate low high } effectVsWords { estimate low high } nullVsWords { low high }\n        inPessimalTail shareInPessimalTail\n        terms { tokenId text percentile }\n      }\n    }\n  }\n": types.IdentityDocument,
    "\n  query IdentityLists {\n    analysisLists { identityLists }\n  }\n": types.IdentityListsDocument,
    "\n  query Catalog {\n    models { slug displayName family parameterCount vocabSize isDemo backend source sweeps { id status mode prompt { slug } } }\n    prompts { slug text framing tags pair { slug } }\n  }\n": types.CatalogDocument,
    "\n  query ModelPage($slug: String!) {\n    model(slug: $slug) {\n      slug displayName source family architecture parameterCount vocabSize licence backend notes isDemo\n      sweeps { id status mode prompt { slug text } ...SweepProvenance }\n    }\n  }\n": types.ModelPageDocument,
    "\n  query ModelDistribution($model: String!, $prompt: String!) {\n    distribution(modelSlug: $model, promptSlug: $prompt) { n mean variance skewness min max quantiles histogram { from to count } }\n  }\n": types.ModelDistributionDocument,
    "\n  query ModelRanking($model: String!, $prompt: String!, $k: Int!, $mode: SweepMode, $tokens: RankingTokens) {\n    top: ranking(modelSlug: $model, promptSlug: $prompt, order: TOP, first: $k, mode: $mode, tokens: $tokens) { ...RankedTokens }\n    bottom: ranking(modelSlug: $model, promptSlug: $prompt, order: BOTTOM, first: $k, mode: $mode, tokens: $tokens) { ...RankedTokens }\n  }\n": types.ModelRankingDocument,
    "\n  query ModelIdentity($model: String!, $prompt: String!) {\n    identityGroups(promptSlug: $prompt, modelSlugs: [$model]) {\n      groups { category group groupId matchedTokens medianPercentile effect { estimate low high } inPessimalTail terms { tokenId text percentile } }\n    }\n  }\n": types.ModelIdentityDocument,
    "\n  fragment SweepProvenance on Sweep {\n    id status isRequest mode prompt { slug text } tokenCount scoredCount roundTripFailures backend device batchSize cachedPrefixTokens vocabPolicy\n    chatTemplate renderedTemplate prefixIds suffixIds wallSeconds inferenceSeconds completionSeconds softwareVersions createdAt finishedAt\n  }\n": types.SweepProvenanceFragmentDoc,
    "\n  query PromptRanking($model: String!, $prompt: String!, $k: Int!, $tokens: RankingTokens, $shared: VocabNormalization) {\n    top: ranking(modelSlug: $model, promptSlug: $prompt, order: TOP, first: $k, tokens: $tokens, sharedVocabulary: $shared) { ...RankedTokens }\n    bottom: ranking(modelSlug: $model, promptSlug: $prompt, order: BOTTOM, first: $k, tokens: $tokens, sharedVocabulary: $shared) { ...RankedTokens }\n  }\n": types.PromptRankingDocument,
    "\n  query PromptSharedVocabulary($prompt: String!, $normalization: VocabNormalization) {\n    sharedVocabulary(promptSlug: $prompt, normalization: $normalization) { normalization size droppedAsDuplicates notInEveryModel sample models { slug } }\n  }\n": types.PromptSharedVocabularyDocument,
    "\n  query Runs {\n    sweepProgress(limit: 30) {\n      sweep { id status tokenCount scoredCount model { slug displayName } prompt { slug } }\n      shards { total queued running done parked }\n      tokensPerSecond\n      etaSeconds\n      parked { index startIndex endIndex attempts error }\n    }\n    workers { id host pid lastSeenAt stale shardsDone shardsFailed tokens tokensPerSecond currentShard }\n    sweeps(status: PENDING) { id isRequest mode createdAt model { slug displayName } prompt { slug } }\n  }\n": types.RunsDocument,
    "\n  query StatusPage {\n    status {\n      databaseVersion schemaVersion models demoModels prompts sweeps completedSweeps scores\n      analyses { results lastComputedAt refreshing sweepsNotAnalysed }\n    }\n    models { slug displayName family vocabSize isDemo backend }\n    prompts { slug text framing pair { slug } }\n    sweeps {\n      id status mode tokenCount scoredCount progress backend device batchSize cachedPrefixTokens wallSeconds inferenceSeconds completionSeconds\n      model { slug displayName isDemo }\n      prompt { slug }\n    }\n  }\n": types.StatusPageDocument,
    "\n  query TokenAutocomplete($query: String!, $first: Int!) {\n    tokenSearch(query: $query, match: PREFIX, caseInsensitive: true, ignoreLeadingSpace: true, first: $first) {\n      tokenId\n      decoded\n      model { slug displayName }\n    }\n  }\n": types.TokenAutocompleteDocument,
    "\n  query TokenExplorer($text: String!, $exact: Boolean!) {\n    token(text: $text, exact: $exact) {\n      text exact truncated\n      matches {\n        model { slug displayName isDemo }\n        tokenId piece decoded\n        flags { special byte whitespace startsWithSpace }\n        scores { prompt { slug } mode score rank percentile tokenCount }\n      }\n    }\n  }\n": types.TokenExplorerDocument,
    "\n  query TokenNeighbours($model: String!, $prompt: String!, $mode: SweepMode, $tokenId: Int!) {\n    ranking(modelSlug: $model, promptSlug: $prompt, mode: $mode, aroundTokenId: $tokenId, first: 5) {\n      edges { node { tokenId decoded piece rank score } }\n    }\n  }\n": types.TokenNeighboursDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Leaderboard {\n    leaderboard {\n      model { slug }\n      meanTau\n      meanTauInterval { estimate low high }\n      valenceAsymmetry { estimate low high }\n      framingSensitivity\n      frequencyBias { estimate low high }\n      identityGap { estimate low high }\n      identityGapGroup\n    }\n  }\n"): typeof import('./graphql').LeaderboardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ValenceSlopes on ValenceAsymmetry {\n    model { slug displayName isDemo }\n    lexicon\n    matchedTokens\n    positive { slope { estimate low high } n }\n    nonPositive { slope { estimate low high } n }\n    difference { estimate low high }\n    standardized { positive { estimate low high } nonPositive { estimate low high } difference { estimate low high } }\n    nullDifference { mean low high permutations }\n  }\n"): typeof import('./graphql').ValenceSlopesFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AsymmetryLexicons {\n    analysisLists { lexicons }\n  }\n"): typeof import('./graphql').AsymmetryLexiconsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Asymmetry($prompt: String!, $models: [String!], $withPoints: Boolean!, $lexicon: String!) {\n    valenceAsymmetry(promptSlug: $prompt, modelSlugs: $models, lexicon: $lexicon) {\n      ...ValenceSlopes\n      points @include(if: $withPoints) { tokenId text x y }\n    }\n  }\n"): typeof import('./graphql').AsymmetryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RankedTokens on RankingConnection {\n    totalCount\n    sweep { id mode tokenCount }\n    edges { node { tokenId decoded piece score rank percentile flags { special byte whitespace } } }\n  }\n"): typeof import('./graphql').RankedTokensFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Framing($model: String!, $k: Int!, $positive: String) {\n    framing(modelSlug: $model, k: $k, positivePromptSlug: $positive) {\n      model { slug displayName isDemo }\n      positive { slug text }\n      negative { slug text }\n      n rankCorrelation lexiconRankCorrelation kendallTau reversalDistance sensitivity\n      positiveValenceSlope { estimate low high }\n      negativeValenceSlope { estimate low high }\n      topSum { tokenId text value }\n      bottomSum { tokenId text value }\n      topDifference { tokenId text value }\n      bottomDifference { tokenId text value }\n      points { tokenId text x y }\n    }\n  }\n"): typeof import('./graphql').FramingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FrequencyCoefficients on FrequencyBias {\n    model { slug displayName isDemo }\n    source\n    matchedTokens\n    logFrequency { estimate low high }\n    logFrequencyStandardized { estimate low high }\n    valence { estimate low high }\n  }\n"): typeof import('./graphql').FrequencyCoefficientsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FrequencyLists {\n    analysisLists { frequencyLists }\n  }\n"): typeof import('./graphql').FrequencyListsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Frequency($prompt: String!, $models: [String!], $withPoints: Boolean!, $list: String!) {\n    frequencyBias(promptSlug: $prompt, modelSlugs: $models, frequencyList: $list) {\n      ...FrequencyCoefficients\n      points @include(if: $withPoints) { tokenId text x y }\n    }\n  }\n"): typeof import('./graphql').FrequencyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Heterogeneity($prompt: String!, $models: [String!], $normalization: VocabNormalization) {\n    heterogeneity(promptSlug: $prompt, modelSlugs: $models, normalization: $normalization) {\n      sharedVocabularySize\n      models { slug displayName isDemo }\n      kendallTau spearmanRho rbo\n      pairs {\n        a b kendallTau kendallTauInterval { estimate low high } spearmanRho spearmanRhoInterval { estimate low high } rbo\n        aOverB { text percentileA percentileB } bOverA { text percentileA percentileB }\n      }\n      mds { model { slug displayName } x y }\n      mdsGoodnessOfFit\n      tauNull { mean low high permutations }\n      excludedModels\n      notCompared { model reason }\n    }\n  }\n"): typeof import('./graphql').HeterogeneityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HumanBaseline($set: String!, $prompt: String!, $top: Int!) {\n    humanBaseline(setSlug: $set, promptSlug: $prompt, top: $top) {\n      setSlug\n      prompt { slug text }\n      items\n      agreement { model { slug displayName } spearmanRho spearmanRhoInterval { estimate low high } kendallTau kendallTauInterval { estimate low high } }\n      largestDifferences { text humanRank medianModelRank difference modelRanks }\n      models { slug displayName }\n      excludedModels { slug displayName }\n    }\n  }\n"): typeof import('./graphql').HumanBaselineDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CandidateSets { candidateSets { slug name source itemCount } }\n"): typeof import('./graphql').CandidateSetsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Identity($prompt: String!, $models: [String!], $list: String!) {\n    identityGroups(promptSlug: $prompt, modelSlugs: $models, list: $list) {\n      groups {\n        category group groupId model { slug displayName } matchedTokens medianPercentile\n        effect { estimate low high } effectVsWords { estimate low high } nullVsWords { low high }\n        inPessimalTail shareInPessimalTail\n        terms { tokenId text percentile }\n      }\n    }\n  }\n"): typeof import('./graphql').IdentityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IdentityLists {\n    analysisLists { identityLists }\n  }\n"): typeof import('./graphql').IdentityListsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Catalog {\n    models { slug displayName family parameterCount vocabSize isDemo backend source sweeps { id status mode prompt { slug } } }\n    prompts { slug text framing tags pair { slug } }\n  }\n"): typeof import('./graphql').CatalogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelPage($slug: String!) {\n    model(slug: $slug) {\n      slug displayName source family architecture parameterCount vocabSize licence backend notes isDemo\n      sweeps { id status mode prompt { slug text } ...SweepProvenance }\n    }\n  }\n"): typeof import('./graphql').ModelPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelDistribution($model: String!, $prompt: String!) {\n    distribution(modelSlug: $model, promptSlug: $prompt) { n mean variance skewness min max quantiles histogram { from to count } }\n  }\n"): typeof import('./graphql').ModelDistributionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelRanking($model: String!, $prompt: String!, $k: Int!, $mode: SweepMode, $tokens: RankingTokens) {\n    top: ranking(modelSlug: $model, promptSlug: $prompt, order: TOP, first: $k, mode: $mode, tokens: $tokens) { ...RankedTokens }\n    bottom: ranking(modelSlug: $model, promptSlug: $prompt, order: BOTTOM, first: $k, mode: $mode, tokens: $tokens) { ...RankedTokens }\n  }\n"): typeof import('./graphql').ModelRankingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModelIdentity($model: String!, $prompt: String!) {\n    identityGroups(promptSlug: $prompt, modelSlugs: [$model]) {\n      groups { category group groupId matchedTokens medianPercentile effect { estimate low high } inPessimalTail terms { tokenId text percentile } }\n    }\n  }\n"): typeof import('./graphql').ModelIdentityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SweepProvenance on Sweep {\n    id status isRequest mode prompt { slug text } tokenCount scoredCount roundTripFailures backend device batchSize cachedPrefixTokens vocabPolicy\n    chatTemplate renderedTemplate prefixIds suffixIds wallSeconds inferenceSeconds completionSeconds softwareVersions createdAt finishedAt\n  }\n"): typeof import('./graphql').SweepProvenanceFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PromptRanking($model: String!, $prompt: String!, $k: Int!, $tokens: RankingTokens, $shared: VocabNormalization) {\n    top: ranking(modelSlug: $model, promptSlug: $prompt, order: TOP, first: $k, tokens: $tokens, sharedVocabulary: $shared) { ...RankedTokens }\n    bottom: ranking(modelSlug: $model, promptSlug: $prompt, order: BOTTOM, first: $k, tokens: $tokens, sharedVocabulary: $shared) { ...RankedTokens }\n  }\n"): typeof import('./graphql').PromptRankingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PromptSharedVocabulary($prompt: String!, $normalization: VocabNormalization) {\n    sharedVocabulary(promptSlug: $prompt, normalization: $normalization) { normalization size droppedAsDuplicates notInEveryModel sample models { slug } }\n  }\n"): typeof import('./graphql').PromptSharedVocabularyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Runs {\n    sweepProgress(limit: 30) {\n      sweep { id status tokenCount scoredCount model { slug displayName } prompt { slug } }\n      shards { total queued running done parked }\n      tokensPerSecond\n      etaSeconds\n      parked { index startIndex endIndex attempts error }\n    }\n    workers { id host pid lastSeenAt stale shardsDone shardsFailed tokens tokensPerSecond currentShard }\n    sweeps(status: PENDING) { id isRequest mode createdAt model { slug displayName } prompt { slug } }\n  }\n"): typeof import('./graphql').RunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StatusPage {\n    status {\n      databaseVersion schemaVersion models demoModels prompts sweeps completedSweeps scores\n      analyses { results lastComputedAt refreshing sweepsNotAnalysed }\n    }\n    models { slug displayName family vocabSize isDemo backend }\n    prompts { slug text framing pair { slug } }\n    sweeps {\n      id status mode tokenCount scoredCount progress backend device batchSize cachedPrefixTokens wallSeconds inferenceSeconds completionSeconds\n      model { slug displayName isDemo }\n      prompt { slug }\n    }\n  }\n"): typeof import('./graphql').StatusPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TokenAutocomplete($query: String!, $first: Int!) {\n    tokenSearch(query: $query, match: PREFIX, caseInsensitive: true, ignoreLeadingSpace: true, first: $first) {\n      tokenId\n      decoded\n      model { slug displayName }\n    }\n  }\n"): typeof import('./graphql').TokenAutocompleteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TokenExplorer($text: String!, $exact: Boolean!) {\n    token(text: $text, exact: $exact) {\n      text exact truncated\n      matches {\n        model { slug displayName isDemo }\n        tokenId piece decoded\n        flags { special byte whitespace startsWithSpace }\n        scores { prompt { slug } mode score rank percentile tokenCount }\n      }\n    }\n  }\n"): typeof import('./graphql').TokenExplorerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TokenNeighbours($model: String!, $prompt: String!, $mode: SweepMode, $tokenId: Int!) {\n    ranking(modelSlug: $model, promptSlug: $prompt, mode: $mode, aroundTokenId: $tokenId, first: 5) {\n      edges { node { tokenId decoded piece rank score } }\n    }\n  }\n"): typeof import('./graphql').TokenNeighboursDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
