// Resolvers of insights.graphql: every Query field reads materialised rows (insights.service.ts);
// model, prompt and sweep objects come from the request's DataLoaders, one batch per kind.
// A plain map for the lead to merge into server/graphql/server.ts's mergeResolvers list.
import type { RewardModel } from "../db/generated/prisma/client";
import type { Loaders } from "../graphql/loaders";
import {
  getAnalysisLists,
  getDistribution,
  getFraming,
  getFrequencyBias,
  getHeterogeneity,
  getHumanBaseline,
  getIdentityGroups,
  getLeaderboard,
  getSharedVocabulary,
  getValenceAsymmetry,
} from "./insights.service";
import type { InsightsResolvers } from "./types";

async function models(loaders: Loaders, ids: readonly number[]): Promise<RewardModel[]> {
  const loaded = await loaders.model.loadMany(ids);
  return loaded.map((m) => {
    if (m instanceof Error) throw m;
    return m;
  });
}

export const insightsResolvers: InsightsResolvers = {
  Query: {
    distribution: (_parent, { modelSlug, promptSlug }, { db }) => getDistribution(db, modelSlug, promptSlug),
    sharedVocabulary: (_parent, { promptSlug, normalization }, { db }) => getSharedVocabulary(db, promptSlug, normalization ?? "PAPER"),
    heterogeneity: (_parent, { promptSlug, modelSlugs, normalization }, { db }) =>
      getHeterogeneity(db, promptSlug, normalization ?? "PAPER", modelSlugs),
    valenceAsymmetry: (_parent, { promptSlug, modelSlugs, lexicon }, { db }) =>
      getValenceAsymmetry(db, promptSlug, modelSlugs, lexicon ?? undefined),
    frequencyBias: (_parent, { promptSlug, modelSlugs, frequencyList }, { db }) => getFrequencyBias(db, promptSlug, modelSlugs, frequencyList ?? undefined),
    framing: (_parent, { modelSlug, k, positivePromptSlug }, { db }) => getFraming(db, modelSlug, k ?? 20, positivePromptSlug),
    identityGroups: (_parent, { promptSlug, modelSlugs, category, list }, { db }) =>
      getIdentityGroups(db, promptSlug, modelSlugs, category, list ?? undefined),
    humanBaseline: (_parent, { setSlug, promptSlug, top }, { db }) => getHumanBaseline(db, setSlug, promptSlug, top ?? 25),
    leaderboard: (_parent, _args, { db }) => getLeaderboard(db),
    analysisLists: (_parent, _args, { db }) => getAnalysisLists(db),
  },
  Distribution: {
    model: (d, _args, { loaders }) => loaders.model.load(d.modelId),
    prompt: (d, _args, { loaders }) => loaders.prompt.load(d.promptId),
    sweep: (d, _args, { loaders }) => loaders.sweep.load(d.sweepId),
  },
  SharedVocabularyInfo: {
    models: (v, _args, { loaders }) => models(loaders, v.modelIds),
  },
  Heterogeneity: {
    prompt: (h, _args, { loaders }) => loaders.prompt.load(h.promptId),
    models: (h, _args, { loaders }) => models(loaders, h.modelIds),
    excludedModels: (h) => h.excludedModelSlugs,
    notCompared: (h) => (h.notCompared ?? []).map((n) => ({ model: n.modelSlug, reason: n.reason })),
  },
  MdsPoint: {
    model: (p, _args, { loaders }) => loaders.model.load(p.modelId),
  },
  ValenceAsymmetry: {
    model: (v, _args, { loaders }) => loaders.model.load(v.modelId),
    prompt: (v, _args, { loaders }) => loaders.prompt.load(v.promptId),
  },
  FrequencyBias: {
    model: (f, _args, { loaders }) => loaders.model.load(f.modelId),
    prompt: (f, _args, { loaders }) => loaders.prompt.load(f.promptId),
  },
  FramingAnalysis: {
    model: (f, _args, { loaders }) => loaders.model.load(f.modelId),
    positive: (f, _args, { loaders }) => loaders.prompt.load(f.positivePromptId),
    negative: (f, _args, { loaders }) => loaders.prompt.load(f.negativePromptId),
  },
  IdentityGroupStat: {
    model: (g, _args, { loaders }) => loaders.model.load(g.modelId),
    prompt: (g, _args, { loaders }) => loaders.prompt.load(g.promptId),
  },
  IdentitySlice: {
    prompt: (s, _args, { loaders }) => loaders.prompt.load(s.promptId),
  },
  HumanBaseline: {
    prompt: (h, _args, { loaders }) => loaders.prompt.load(h.promptId),
    models: (h, _args, { loaders }) => models(loaders, h.modelIds),
    excludedModels: (h, _args, { loaders }) => models(loaders, h.excludedModelIds),
  },
  HumanAgreement: {
    model: (a, _args, { loaders }) => loaders.model.load(a.modelId),
  },
  LeaderboardRow: {
    model: (r, _args, { loaders }) => loaders.model.load(r.modelId),
  },
};
