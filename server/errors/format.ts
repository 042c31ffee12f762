// The one place that decides what a client learns about a failure. Every error, whatever threw it,
// becomes { message, extensions: { code } } with a code from errors.ts or one of GraphQL's own
// request-shape codes; anything unexpected becomes INTERNAL_SERVER_ERROR with a fixed message
// (no stack, no SQL, no driver text). The caller logs internal errors with the request id.
import type { GraphQLFormattedError } from "graphql";
import { ZodError } from "zod";
import { DomainError, HTTP_STATUS, type ErrorCode, type ErrorDetails } from "./errors";
import { isGraphQLErrorLike, rootCause } from "./graphqlErrorLike";

/** Codes Apollo/graphql-js assign to malformed requests; their messages describe the client's own
 * document or variables, so they are passed through. */
const REQUEST_SHAPE_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

export const INTERNAL_MESSAGE = "Internal server error";

export interface ClassifiedError {
  code: ErrorCode | string;
  message: string;
  details: ErrorDetails;
  /** true: a bug or an outage, not the client's doing; log it, show nothing of it. */
  internal: boolean;
}

/** PostgreSQL SQLSTATE carried by pg errors, or by Prisma's driver-adapter errors in meta. */
export function sqlState(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): string | undefined => {
    if (!value || typeof value !== "object" || seen.has(value) || depth > 6) return undefined;
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const key of ["originalCode", "code"]) {
      const code = record[key];
      if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !code.startsWith("P")) return code;
    }
    for (const key of ["cause", "meta", "driverAdapterError", "originalError"]) {
      const found = visit(record[key], depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return visit(error, 0);
}

function prismaCode(error: unknown): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === "PrismaClientKnownRequestError" && typeof code === "string" ? code : undefined;
}

/** A unique-constraint violation from Prisma (P2002) or pg (23505). */
export function isUniqueViolation(error: unknown): boolean {
  return prismaCode(error) === "P2002" || sqlState(error) === "23505";
}

function zodSummary(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

const internal = (): ClassifiedError => ({ code: "INTERNAL_SERVER_ERROR", message: INTERNAL_MESSAGE, details: {}, internal: true });

export function classifyError(error: unknown): ClassifiedError {
  const cause = rootCause(error);
  if (cause instanceof DomainError) return { code: cause.code, message: cause.message, details: cause.details, internal: false };
  if (cause instanceof ZodError) return { code: "BAD_USER_INPUT", message: zodSummary(cause), details: {}, internal: false };
  const state = sqlState(cause);
  if (state === "57014") {
    return { code: "QUERY_TOO_COMPLEX", message: "The query ran longer than the server allows (statement timeout)", details: {}, internal: false };
  }
  // 22021 (invalid byte sequence: NUL) / 22P05 (untranslatable character): PostgreSQL text cannot
  // hold U+0000, and stored text never has it, so only a client's argument gets here (model(slug:
  // "\u0000")). Its path names the field.
  if (state === "22021" || state === "22P05") {
    return { code: "BAD_USER_INPUT", message: "A text argument contains a character that cannot be stored or matched (NUL)", details: {}, internal: false };
  }
  switch (prismaCode(cause)) {
    case "P2002":
      return { code: "BAD_USER_INPUT", message: "A record with this key already exists", details: {}, internal: false };
    case "P2025":
      return { code: "NOT_FOUND", message: "No such record", details: {}, internal: false };
  }
  if (isGraphQLErrorLike(cause)) {
    const outer = isGraphQLErrorLike(error) ? error.extensions.code : undefined;
    const code = (cause.extensions.code ?? outer) as string | undefined;
    if (code && REQUEST_SHAPE_CODES.has(code)) {
      // graphql-js' own parse limit (parseOptions.maxTokens) reports as a syntax error.
      // (graphql-js 16 words it "Document contains more that N tokens. Parsing aborted.")
      const tokenLimit = /Document contains more tha[nt] (\d+) tokens/.exec(cause.message);
      if (tokenLimit) {
        const maxTokens = Number(tokenLimit[1]);
        return { code: "QUERY_TOO_COMPLEX", message: `Query has more than ${maxTokens} tokens`, details: { maxTokens }, internal: false };
      }
      return { code, message: cause.message, details: {}, internal: false };
    }
  }
  return internal();
}

/** Apollo's formatError: the formatted error keeps its locations/path; message and extensions are
 * replaced by the classification (Apollo's stacktrace and any exception data are dropped). */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const classified = classifyError(error);
  return {
    message: classified.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { ...classified.details, code: classified.code },
  };
}

/** The JSON body route handlers send when a whole request fails (same shape as GraphQL errors). */
export function errorResponseBody(classified: ClassifiedError, requestId: string): string {
  return JSON.stringify({
    errors: [{ message: classified.message, extensions: { ...classified.details, code: classified.code, requestId } }],
  });
}

export function httpStatusOf(classified: ClassifiedError): number {
  if (Object.hasOwn(HTTP_STATUS, classified.code)) return HTTP_STATUS[classified.code as ErrorCode];
  return REQUEST_SHAPE_CODES.has(classified.code) ? 400 : 500;
}
