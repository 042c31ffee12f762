// Domain errors of the API. Services and resolvers throw these; server/errors/format.ts turns
// them (and everything else) into the GraphQL error codes and HTTP statuses clients see.

export const ERROR_CODES = [
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "RATE_LIMITED",
  "QUERY_TOO_COMPLEX",
  "PAYLOAD_TOO_LARGE",
  "INTERNAL_SERVER_ERROR",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** HTTP status for a request that fails as a whole with this code (route handlers, exports). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL_SERVER_ERROR: 500,
};

/** Extra, client-safe facts about an error (never internals). */
export type ErrorDetails = Record<string, string | number | boolean | null>;

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadInputError extends DomainError {
  readonly code = "BAD_USER_INPUT" as const;
}

export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND" as const;
}

/** No credentials where credentials are needed. */
export class UnauthenticatedError extends DomainError {
  readonly code = "UNAUTHENTICATED" as const;
}

/** Credentials given but not good enough (wrong token, admin disabled on this site). */
export class ForbiddenError extends DomainError {
  readonly code = "FORBIDDEN" as const;
}

export class RateLimitedError extends DomainError {
  readonly code = "RATE_LIMITED" as const;
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests: retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

export class QueryTooComplexError extends DomainError {
  readonly code = "QUERY_TOO_COMPLEX" as const;
}

export class PayloadTooLargeError extends DomainError {
  readonly code = "PAYLOAD_TOO_LARGE" as const;
  constructor(readonly limitBytes: number) {
    super(`Request body larger than ${limitBytes} bytes`, { limitBytes });
  }
}
