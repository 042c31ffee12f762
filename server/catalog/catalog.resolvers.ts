// Models, prompts and sweeps: the catalogue every view starts from.
import type { Resolvers } from "../graphql/generated/resolvers-types";
import { isSweepRequest } from "./sweepRequest";

export const catalogResolvers: Resolvers = {
  Query: {
    models: (_parent, _args, { db }) => db.rewardModel.findMany({ orderBy: [{ isDemo: "asc" }, { slug: "asc" }] }),
    model: (_parent, { slug }, { db }) => db.rewardModel.findUnique({ where: { slug } }),
    prompts: (_parent, _args, { db }) => db.prompt.findMany({ orderBy: { id: "asc" } }),
    sweeps: (_parent, { modelSlug, status }, { db }) =>
      db.sweep.findMany({
        where: { ...(modelSlug ? { model: { slug: modelSlug } } : {}), ...(status ? { status } : {}) },
        orderBy: { id: "asc" },
      }),
  },
  RewardModel: {
    parameterCount: (model) => (model.parameterCount === null ? null : Number(model.parameterCount)),
    sweeps: (model, _args, { loaders }) => loaders.sweepsByModel.load(model.id),
  },
  Prompt: {
    pair: (prompt, _args, { loaders }) => (prompt.pairId === null ? null : loaders.prompt.load(prompt.pairId)),
  },
  Sweep: {
    model: (sweep, _args, { loaders }) => loaders.model.load(sweep.modelId),
    prompt: (sweep, _args, { loaders }) => loaders.prompt.load(sweep.promptId),
    progress: (sweep) => (sweep.tokenCount === 0 ? 0 : sweep.scoredCount / sweep.tokenCount),
    isRequest: (sweep) => isSweepRequest(sweep.settingsKey),
  },
};
