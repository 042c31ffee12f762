// tokenSearch, tokenById, token(text): vocabulary look-ups and one text across all models.
import type { Resolvers } from "../graphql/generated/resolvers-types";
import { searchTokens, tokenAcrossModels, tokenById } from "./tokens.service";

export const tokenResolvers: Resolvers = {
  Query: {
    tokenSearch: (_parent, args, { db }) =>
      searchTokens(db, {
        query: args.query,
        match: args.match ?? "PREFIX",
        caseInsensitive: args.caseInsensitive ?? true,
        ignoreLeadingSpace: args.ignoreLeadingSpace ?? true,
        modelSlugs: args.modelSlugs,
        first: args.first ?? 20,
      }),
    tokenById: (_parent, { modelSlug, tokenId }, { db }) => tokenById(db, modelSlug, tokenId),
    token: async (_parent, { text, exact }, { db, loaders }) => {
      const result = await tokenAcrossModels(db, text, exact ?? true);
      // The statement already read these rows: later model/prompt fields cost no query.
      for (const model of result.models) loaders.model.prime(model.id, model);
      for (const prompt of result.prompts) loaders.prompt.prime(prompt.id, prompt);
      return result.view;
    },
  },
  VocabToken: {
    // Rows read by token(text)'s statement are returned as they are (no promise per field).
    model: (token, _args, { loaders }) => token.model ?? loaders.model.load(token.modelId),
    scores: (token, _args, { loaders }) => token.scores ?? loaders.tokenScores.load({ modelId: token.modelId, tokenId: token.tokenId }),
  },
  TokenScore: {
    sweep: (score, _args, { loaders }) => loaders.sweep.load(score.sweepId),
    prompt: (score, _args, { loaders }) => score.prompt ?? loaders.prompt.load(score.promptId),
  },
};
