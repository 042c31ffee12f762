// GraphQLError recognised by shape, not by class: under vitest (and any loader that resolves
// graphql's ESM and CJS builds separately) Apollo's errors come from another copy of `graphql`,
// and `instanceof GraphQLError` would silently be false.
export interface GraphQLErrorLike extends Error {
  extensions: Record<string, unknown>;
  originalError?: unknown;
}

export function isGraphQLErrorLike(error: unknown): error is GraphQLErrorLike {
  if (!(error instanceof Error) || !("originalError" in error)) return false;
  const extensions = (error as { extensions?: unknown }).extensions;
  return typeof extensions === "object" && extensions !== null;
}

/** Innermost cause: GraphQL wraps resolver errors (originalError), Apollo wraps those again. */
export function rootCause(error: unknown): unknown {
  let current = error;
  for (let i = 0; i < 10 && isGraphQLErrorLike(current) && current.originalError; i++) current = current.originalError;
  return current;
}
