import type { Resolvers } from "../graphql/generated/resolvers-types";
import { readAnalysesStatus, readStatus } from "./status.service";

export const statusResolvers: Resolvers = {
  Query: {
    status: (_parent, _args, { db }) => readStatus(db),
  },
  Status: {
    analyses: (_parent, _args, { db }) => readAnalysesStatus(db),
  },
};
