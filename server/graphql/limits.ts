// Every limit the public API enforces, in one place (README / report document the same numbers).

/** `first` of any paginated field. Larger values fail validation with BAD_USER_INPUT. */
export const MAX_PAGE_SIZE = 500;

/** graphql-armor: selection depth (introspection excluded), aliases, directives per operation. */
export const MAX_DEPTH = 8;
export const MAX_ALIASES = 15;
export const MAX_DIRECTIVES = 10;
/** graphql-js parser token limit (parseOptions.maxTokens): parsing stops at this many tokens. */
export const MAX_TOKENS = 2000;

/**
 * Cost model (server/graphql/hardening/cost.ts): each object field costs 1, scalars 0; a field
 * with `first` multiplies its items by `first` (argument defaults and variables included), other
 * list fields by LIST_SIZE_ESTIMATE.
 */
export const MAX_COST = 10_000;
export const LIST_SIZE_ESTIMATE = 10;

/** Request bodies: anonymous requests, and requests with a valid admin token (uploads). */
export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_ADMIN_BODY_BYTES = 4 * 1024 * 1024;

/** Per-client token bucket (per server instance): sustained rate and burst. */
export const DEFAULT_RATE_PER_SECOND = 20;
export const DEFAULT_RATE_BURST = 60;
/** Bucket cost of one export (a whole sweep is ~30 keyset queries). */
export const EXPORT_RATE_COST = 10;
