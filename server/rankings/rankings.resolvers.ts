// ranking(...): keyset-paged ranked token lists per sweep; candidate sets; sweep look-ups.
import type { Resolvers } from "../graphql/generated/resolvers-types";
import { candidateItemsPage } from "./candidateSets.service";
import { countRankedTokens, findRankedSweep, rankingPage } from "./rankings.service";

export const rankingResolvers: Resolvers = {
  Query: {
    ranking: async (_parent, args, { db, loaders }) => {
      const sweep = await findRankedSweep(db, { modelSlug: args.modelSlug, promptSlug: args.promptSlug, mode: args.mode });
      loaders.sweep.prime(sweep.id, sweep);
      return rankingPage(db, sweep, {
        order: args.order ?? "TOP", first: args.first ?? 50, after: args.after, around: args.around, aroundTokenId: args.aroundTokenId, tokens: args.tokens ?? "ALL",
        sharedVocabulary: args.sharedVocabulary ?? "PAPER",
      });
    },
    sweep: (_parent, { id }, { db }) => db.sweep.findUnique({ where: { id } }),
    candidateSets: (_parent, _args, { db }) => db.candidateSet.findMany({ orderBy: { id: "asc" } }),
    candidateSet: (_parent, { slug }, { db }) => db.candidateSet.findUnique({ where: { slug } }),
  },
  CandidateSet: {
    itemCount: (set, _args, { loaders }) => loaders.candidateItemCount.load(set.id),
    items: async (set, { first, after }, { db, loaders }) =>
      candidateItemsPage(db, set, await loaders.candidateItemCount.load(set.id), { first: first ?? 50, after }),
  },
  CandidateItem: {
    scores: async (item, { modelSlugs, promptSlugs }, { loaders }) => {
      const scores = await loaders.candidateScores.load(item.id);
      if (!modelSlugs && !promptSlugs) return scores;
      const [models, prompts] = await Promise.all([
        loaders.model.loadMany(scores.map((s) => s.modelId)),
        loaders.prompt.loadMany(scores.map((s) => s.promptId)),
      ]);
      return scores.filter((_score, i) => {
        const model = models[i];
        const prompt = prompts[i];
        const modelOk = !modelSlugs || (!(model instanceof Error) && modelSlugs.includes(model.slug));
        const promptOk = !promptSlugs || (!(prompt instanceof Error) && promptSlugs.includes(prompt.slug));
        return modelOk && promptOk;
      });
    },
  },
  CandidateScore: {
    model: (score, _args, { loaders }) => loaders.model.load(score.modelId),
    prompt: (score, _args, { loaders }) => loaders.prompt.load(score.promptId),
  },
  RankingConnection: {
    totalCount: (page, _args, { db }) => countRankedTokens(db, page.sweep, page.tokens, page.sharedVocabulary),
  },
  Sweep: {
    etaSeconds: (sweep) => {
      if (sweep.status !== "RUNNING" || !sweep.startedAt || sweep.scoredCount === 0) return null;
      const elapsed = (Date.now() - sweep.startedAt.getTime()) / 1000;
      return Math.max(0, (elapsed / sweep.scoredCount) * (sweep.tokenCount - sweep.scoredCount));
    },
  },
};
