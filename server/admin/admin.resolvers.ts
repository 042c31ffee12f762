// Mutations (admin only) and the admin-only fields of public types.
import type { Resolvers } from "../graphql/generated/resolvers-types";
import { requireAdmin } from "./auth";
import { importResults } from "./importResults";
import { refreshAfterChange } from "./refreshAfterChange";
import { addPrompt, cancelSweep, deleteSweep, registerModel, requestSweep, uploadIdentityTerms, uploadLexicon } from "./admin.service";

/** Hugging Face ids (owner/name) and http(s) URLs are public provenance; anything else may be a
 * local filesystem path and is shown to admins only. */
export function isPublicSource(source: string): boolean {
  return /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(source) || /^https?:\/\/[^\s]+$/.test(source);
}

export const adminResolvers: Resolvers = {
  Mutation: {
    registerModel: (_parent, { input }, context) => {
      requireAdmin(context);
      return registerModel(context.db, input);
    },
    addPrompt: (_parent, { input }, context) => {
      requireAdmin(context);
      return addPrompt(context.db, input);
    },
    requestSweep: (_parent, { modelSlug, promptSlug, mode }, context) => {
      requireAdmin(context);
      return requestSweep(context.db, modelSlug, promptSlug, mode ?? "ID");
    },
    cancelSweep: (_parent, { id }, context) => {
      requireAdmin(context);
      return cancelSweep(context.db, id);
    },
    deleteSweep: async (_parent, { id }, context) => {
      requireAdmin(context);
      const deleted = await deleteSweep(context.db, id);
      await refreshAfterChange(process.env.DATABASE_URL);
      return deleted;
    },
    uploadIdentityTerms: (_parent, args, context) => {
      requireAdmin(context);
      return uploadIdentityTerms(context.db, args);
    },
    importResults: (_parent, args, context) => {
      requireAdmin(context);
      return importResults(process.env.DATABASE_URL, args);
    },
    uploadLexicon: (_parent, args, context) => {
      requireAdmin(context);
      return uploadLexicon(context.db, args);
    },
  },
  // Anonymous clients get null, not an error: public pages keep working and learn nothing.
  Sweep: {
    error: (sweep, _args, { isAdmin }) => (isAdmin ? sweep.error : null),
    softwareVersions: (sweep, _args, { isAdmin }) => (isAdmin ? sweep.softwareVersions : null),
  },
  RewardModel: {
    source: (model, _args, { isAdmin }) => (isAdmin || isPublicSource(model.source) ? model.source : "local bundle"),
  },
};
