// graphql-armor: depth, aliases and directives as validation rules, reported as
// QUERY_TOO_COMPLEX (400) instead of armor's default BAD_USER_INPUT; field suggestions hidden on a
// public site. Not used from armor, each for a reason:
// - costLimit: it multiplies by `first` only when written as a literal (not variables or argument
//   defaults); hardening/cost.ts replaces it.
// - maxTokens: its plugin throws inside parsingDidStart, outside Apollo's error handling (the
//   request ends as an unexplained 500); graphql-js' own parse limit (parseOptions.maxTokens)
//   does the same counting inside the parser.
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type ValidationContext, type ValidationRule } from "graphql";
import { QueryTooComplexError } from "../../errors";
import { MAX_ALIASES, MAX_DEPTH, MAX_DIRECTIVES } from "../limits";

const reportTooComplex = (context: ValidationContext | null, error: GraphQLError): void => {
  const message = error.message.replace(/^Syntax Error: /, "");
  context?.reportError(new GraphQLError(message, { originalError: new QueryTooComplexError(message) }));
};

const reject = { onReject: [reportTooComplex], propagateOnRejection: false };

export function armorProtection<TContext extends object>(options: { publicMode: boolean }): {
  plugins: ApolloServerPlugin<TContext>[];
  validationRules: ValidationRule[];
} {
  const armor = new ApolloArmor({
    maxDepth: { n: MAX_DEPTH, ignoreIntrospection: true, ...reject },
    maxAliases: { n: MAX_ALIASES, ...reject },
    maxDirectives: { n: MAX_DIRECTIVES, ...reject },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: options.publicMode },
  });
  const protection = armor.protect();
  return { plugins: protection.plugins as ApolloServerPlugin<TContext>[], validationRules: protection.validationRules };
}
