// The one Apollo Server: SDL from schema.graphql, resolvers from each domain folder.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ApolloServer } from "@apollo/server";
import { mergeResolvers } from "@graphql-tools/merge";
import { makeExecutableSchema } from "@graphql-tools/schema";
import type { GraphQLSchema } from "graphql";
import { catalogResolvers } from "../catalog/catalog.resolvers";
import { statusResolvers } from "../status/status.resolvers";
import type { GraphQLContext } from "./context";
import { DateTimeScalar, JSONScalar } from "./scalars";

export const SCHEMA_FILE = path.join(process.cwd(), "server/graphql/schema.graphql");

let cachedSchema: GraphQLSchema | undefined;

export function buildSchema(): GraphQLSchema {
  cachedSchema ??= makeExecutableSchema({
    typeDefs: readFileSync(SCHEMA_FILE, "utf8"),
    resolvers: mergeResolvers([{ DateTime: DateTimeScalar, JSON: JSONScalar }, statusResolvers, catalogResolvers]),
  });
  return cachedSchema;
}

export interface ServerOptions {
  /** Public mode: no introspection. */
  publicMode?: boolean;
}

export function createApolloServer(options: ServerOptions = {}): ApolloServer<GraphQLContext> {
  return new ApolloServer<GraphQLContext>({
    schema: buildSchema(),
    introspection: !options.publicMode,
  });
}
