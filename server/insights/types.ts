// Hand-written resolver types for insights.graphql (the lead switches to the codegen'd types when
// wiring): query arguments as the SDL declares them, the parent object each GraphQL type is
// resolved from (a stored shape, see stored.ts), and the resolver map's signature.
import type { Prompt, RewardModel, Sweep } from "../db/generated/prisma/client";
import type { GraphQLContext } from "../graphql/context";
import type {
  StoredDistribution,
  StoredFraming,
  StoredFrequencyBias,
  StoredHeterogeneity,
  StoredHumanBaseline,
  StoredIdentityGroup,
  StoredLeaderboardRow,
  StoredSharedVocab,
  StoredValenceAsymmetry,
  VocabNormalization,
} from "./stored";

export type Resolver<TParent, TArgs, TResult> = (parent: TParent, args: TArgs, context: GraphQLContext) => TResult | Promise<TResult>;
type NoArgs = Record<string, never>;

// Query arguments (optional SDL arguments arrive as null or absent).
export interface DistributionArgs {
  modelSlug: string;
  promptSlug: string;
}
export interface SharedVocabularyArgs {
  promptSlug: string;
  normalization?: VocabNormalization | null;
}
export interface HeterogeneityArgs {
  promptSlug: string;
  modelSlugs?: readonly string[] | null;
  normalization?: VocabNormalization | null;
}
export interface PromptModelsArgs {
  promptSlug: string;
  modelSlugs?: readonly string[] | null;
}
export interface FramingArgs {
  modelSlug: string;
  k?: number | null;
  positivePromptSlug?: string | null;
}
export interface ValenceAsymmetryArgs extends PromptModelsArgs {
  /** "afinn-165" (the SDL default) or an uploaded lexicon's name. */
  lexicon?: string | null;
}
export interface FrequencyBiasArgs extends PromptModelsArgs {
  /** "subtlex-us" (the SDL default) or an imported frequency list's name. */
  frequencyList?: string | null;
}
export interface IdentityGroupsArgs extends PromptModelsArgs {
  category?: string | null;
  /** "reward-atlas" (the SDL default) or an uploaded identity list's name. */
  list?: string | null;
}
export interface HumanBaselineArgs {
  setSlug: string;
  promptSlug: string;
  top?: number | null;
}

// Parents: what each object type is resolved from.
export type DistributionParent = StoredDistribution;
export type SharedVocabularyParent = StoredSharedVocab;
/** Heterogeneity, already sliced to the requested models. */
export type HeterogeneityParent = StoredHeterogeneity;
export type MdsPointParent = StoredHeterogeneity["mds"][number];
export type ValenceAsymmetryParent = StoredValenceAsymmetry;
export type FrequencyBiasParent = StoredFrequencyBias;
/** Framing with its top/bottom lists cut to k. */
export type FramingParent = StoredFraming;
export interface IdentityGroupStatParent extends StoredIdentityGroup {
  modelId: number;
  promptId: number;
}
export interface IdentitySliceParent {
  promptId: number;
  groups: IdentityGroupStatParent[];
}
export type HumanBaselineParent = StoredHumanBaseline;
export type HumanAgreementParent = StoredHumanBaseline["agreement"][number];
export type LeaderboardRowParent = StoredLeaderboardRow;
export interface AnalysisListsParent {
  lexicons: string[];
  identityLists: string[];
  frequencyLists: string[];
}

interface WithModelAndPrompt<TParent> {
  model: Resolver<TParent, NoArgs, RewardModel>;
  prompt: Resolver<TParent, NoArgs, Prompt>;
}

// A type alias, not an interface: it then fits @graphql-tools' IResolvers (index signature).
export type InsightsResolvers = {
  Query: {
    distribution: Resolver<unknown, DistributionArgs, DistributionParent | null>;
    sharedVocabulary: Resolver<unknown, SharedVocabularyArgs, SharedVocabularyParent | null>;
    heterogeneity: Resolver<unknown, HeterogeneityArgs, HeterogeneityParent | null>;
    valenceAsymmetry: Resolver<unknown, ValenceAsymmetryArgs, ValenceAsymmetryParent[]>;
    frequencyBias: Resolver<unknown, FrequencyBiasArgs, FrequencyBiasParent[]>;
    framing: Resolver<unknown, FramingArgs, FramingParent | null>;
    identityGroups: Resolver<unknown, IdentityGroupsArgs, IdentitySliceParent | null>;
    humanBaseline: Resolver<unknown, HumanBaselineArgs, HumanBaselineParent | null>;
    leaderboard: Resolver<unknown, NoArgs, LeaderboardRowParent[]>;
    analysisLists: Resolver<unknown, NoArgs, AnalysisListsParent>;
  };
  Distribution: WithModelAndPrompt<DistributionParent> & { sweep: Resolver<DistributionParent, NoArgs, Sweep> };
  SharedVocabularyInfo: { models: Resolver<SharedVocabularyParent, NoArgs, RewardModel[]> };
  Heterogeneity: {
    prompt: Resolver<HeterogeneityParent, NoArgs, Prompt>;
    models: Resolver<HeterogeneityParent, NoArgs, RewardModel[]>;
    excludedModels: Resolver<HeterogeneityParent, NoArgs, string[]>;
    notCompared: Resolver<HeterogeneityParent, NoArgs, { model: string; reason: string }[]>;
  };
  MdsPoint: { model: Resolver<MdsPointParent, NoArgs, RewardModel> };
  ValenceAsymmetry: WithModelAndPrompt<ValenceAsymmetryParent>;
  FrequencyBias: WithModelAndPrompt<FrequencyBiasParent>;
  FramingAnalysis: {
    model: Resolver<FramingParent, NoArgs, RewardModel>;
    positive: Resolver<FramingParent, NoArgs, Prompt>;
    negative: Resolver<FramingParent, NoArgs, Prompt>;
  };
  IdentityGroupStat: WithModelAndPrompt<IdentityGroupStatParent>;
  IdentitySlice: { prompt: Resolver<IdentitySliceParent, NoArgs, Prompt> };
  HumanBaseline: {
    prompt: Resolver<HumanBaselineParent, NoArgs, Prompt>;
    models: Resolver<HumanBaselineParent, NoArgs, RewardModel[]>;
    excludedModels: Resolver<HumanBaselineParent, NoArgs, RewardModel[]>;
  };
  HumanAgreement: { model: Resolver<HumanAgreementParent, NoArgs, RewardModel> };
  LeaderboardRow: { model: Resolver<LeaderboardRowParent, NoArgs, RewardModel> };
};
