// The one Apollo Server: SDL from schema.graphql, resolvers from each domain folder, hardening
// (armor depth/alias/directive rules, page-size cost limit, parser token limit, error masking).
import { readFileSync } from "node:fs";
import path from "node:path";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { mergeResolvers } from "@graphql-tools/merge";
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import { adminResolvers } from "../admin/admin.resolvers";
import { catalogResolvers } from "../catalog/catalog.resolvers";
import { insightsResolvers } from "../insights/insights.resolvers";
import { queueResolvers } from "../queue/queue.resolvers";
import { formatGraphQLError, type ErrorLogger } from "../errors";
import { rankingResolvers } from "../rankings/rankings.resolvers";
import { statusResolvers } from "../status/status.resolvers";
import { tokenResolvers } from "../tokens/tokens.resolvers";
import type { GraphQLContext } from "./context";
import { armorProtection } from "./hardening/armor";
import { costLimitPlugin, type CostOptions } from "./hardening/cost";
import { MAX_TOKENS } from "./limits";
import { requestErrorsPlugin } from "./requestErrors.plugin";
import { DateTimeScalar, JSONScalar } from "./scalars";

/** The SDL: the core schema, then each domain's extension of it (same list as codegen.ts). */
export const SCHEMA_FILES = ["server/graphql/schema.graphql", "server/insights/insights.graphql", "server/queue/queue.graphql"].map((file) =>
  path.join(/*turbopackIgnore: true*/ process.cwd(), file),
);

let cachedSchema: GraphQLSchema | undefined;

export function buildSchema(): GraphQLSchema {
  cachedSchema ??= makeExecutableSchema({
    typeDefs: SCHEMA_FILES.map((file) => readFileSync(/*turbopackIgnore: true*/ file, "utf8")),
    // Later maps win per field: admin field access overrides the plain Sweep/RewardModel fields.
    resolvers: mergeResolvers([
      { DateTime: DateTimeScalar, JSON: JSONScalar },
      statusResolvers,
      catalogResolvers,
      tokenResolvers,
      rankingResolvers,
      insightsResolvers,
      queueResolvers,
      adminResolvers,
    ]),
  });
  return cachedSchema;
}

export interface ServerOptions {
  /** Public mode: no introspection, no field suggestions in errors. */
  publicMode?: boolean;
  /** Where internal errors are logged (with the request id). */
  log?: ErrorLogger;
  cost?: CostOptions;
}

export function createApolloServer(options: ServerOptions = {}): ApolloServer<GraphQLContext> {
  const publicMode = options.publicMode ?? false;
  const armor = armorProtection<GraphQLContext>({ publicMode });
  return new ApolloServer<GraphQLContext>({
    schema: buildSchema(),
    introspection: !publicMode,
    hideSchemaDetailsFromClientErrors: publicMode,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules: armor.validationRules,
    plugins: [
      ...armor.plugins,
      costLimitPlugin<GraphQLContext>(options.cost),
      requestErrorsPlugin(options.log),
      // No cache hints are used; the implicit cache-control plugin would wrap every resolver.
      ApolloServerPluginCacheControlDisabled(),
      // The default landing page loads Apollo's hosted explorer: not on a public site.
      ...(publicMode ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
    formatError: formatGraphQLError,
  });
}
