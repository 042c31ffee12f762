// server/errors on its own: every kind of failure -> code, message, HTTP status; internals masked.
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createPrismaClient } from "../../server/db/prisma";
import {
  BadInputError,
  ForbiddenError,
  INTERNAL_MESSAGE,
  NotFoundError,
  PayloadTooLargeError,
  QueryTooComplexError,
  RateLimitedError,
  UnauthenticatedError,
  classifyError,
  errorResponseBody,
  formatGraphQLError,
  httpStatusOf,
  logInternalError,
} from "../../server/errors";
import { createTestDatabase } from "../helpers/db";

describe("classifyError", () => {
  it("maps each domain error to its code and HTTP status", () => {
    const cases = [
      [new BadInputError("bad"), "BAD_USER_INPUT", 400],
      [new NotFoundError("missing"), "NOT_FOUND", 404],
      [new UnauthenticatedError("who?"), "UNAUTHENTICATED", 401],
      [new ForbiddenError("no"), "FORBIDDEN", 403],
      [new RateLimitedError(3), "RATE_LIMITED", 429],
      [new QueryTooComplexError("big"), "QUERY_TOO_COMPLEX", 400],
      [new PayloadTooLargeError(65536), "PAYLOAD_TOO_LARGE", 413],
    ] as const;
    for (const [error, code, status] of cases) {
      const classified = classifyError(error);
      expect(classified).toMatchObject({ code, message: error.message, internal: false });
      expect(httpStatusOf(classified)).toBe(status);
    }
    expect(classifyError(new RateLimitedError(3)).details).toEqual({ retryAfterSeconds: 3 });
  });

  it("unwraps GraphQL's wrapping of resolver errors", () => {
    const wrapped = new GraphQLError("ignored", { originalError: new GraphQLError("inner", { originalError: new NotFoundError("deep") }) });
    expect(classifyError(wrapped)).toMatchObject({ code: "NOT_FOUND", message: "deep" });
  });

  it("zod errors become BAD_USER_INPUT naming the path, not the value", () => {
    const result = z.object({ slug: z.string().regex(/^[a-z]+$/) }).safeParse({ slug: "SECRET-VALUE" });
    const classified = classifyError(result.error);
    expect(classified.code).toBe("BAD_USER_INPUT");
    expect(classified.message).toMatch(/^slug: /);
    expect(classified.message).not.toMatch(/SECRET-VALUE/);
  });

  it("keeps GraphQL's own request-shape codes and messages", () => {
    const validation = new GraphQLError('Cannot query field "x" on type "Query".', { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    expect(classifyError(validation)).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", internal: false });
    const parse = new GraphQLError("Syntax Error: Document contains more that 2000 tokens. Parsing aborted.", { extensions: { code: "GRAPHQL_PARSE_FAILED" } });
    expect(classifyError(parse)).toMatchObject({ code: "QUERY_TOO_COMPLEX", details: { maxTokens: 2000 } });
  });

  it("masks everything else as INTERNAL_SERVER_ERROR", () => {
    for (const error of [
      new Error('relation "Score" does not exist: SELECT * FROM "Score"'),
      new TypeError("Cannot read properties of undefined"),
      new GraphQLError("Cannot return null for non-nullable field Query.x."),
      "a string",
      null,
    ]) {
      expect(classifyError(error)).toEqual({ code: "INTERNAL_SERVER_ERROR", message: INTERNAL_MESSAGE, details: {}, internal: true });
    }
  });

  it("maps Prisma's unique violation, missing record and a real statement timeout", async () => {
    const p2002 = Object.assign(new Error("Unique constraint failed"), { name: "PrismaClientKnownRequestError", code: "P2002" });
    expect(classifyError(p2002)).toMatchObject({ code: "BAD_USER_INPUT", message: "A record with this key already exists" });
    const p2025 = Object.assign(new Error("not found"), { name: "PrismaClientKnownRequestError", code: "P2025" });
    expect(classifyError(p2025).code).toBe("NOT_FOUND");

    const t = await createTestDatabase();
    const slow = createPrismaClient(t.url, { statementTimeoutMs: 50 });
    const error = await slow.$queryRaw`SELECT pg_sleep(1)`.then(
      () => null,
      (e: unknown) => e,
    );
    await slow.$disconnect();
    await t.drop();
    const classified = classifyError(new GraphQLError("wrapped", { originalError: error as Error }));
    expect(classified).toMatchObject({ code: "QUERY_TOO_COMPLEX", internal: false });
    expect(classified.message).not.toMatch(/pg_sleep|57014/);
  });
});

describe("NUL in a text argument", () => {
  it("is BAD_USER_INPUT at the argument's field, not an internal error, for every slug lookup", async () => {
    const t = await createTestDatabase();
    try {
      const { execute } = await import("./helpers");
      for (const query of [
        "query($s: String!) { model(slug: $s) { slug } }",
        "query($s: String!) { candidateSet(slug: $s) { slug } }",
        "query($s: String!) { sweeps(modelSlug: $s) { id } }",
      ]) {
        const result = await execute(t.db, query, { s: "a\u0000b" });
        expect(result.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
          ["BAD_USER_INPUT", "A text argument contains a character that cannot be stored or matched (NUL)"],
        ]);
        expect(result.errors?.[0].path?.length).toBe(1);
      }
    } finally {
      await t.drop();
    }
  });
});

describe("formatGraphQLError and error bodies", () => {
  it("keeps locations and path, replaces message and extensions (no stacktrace, no exception data)", () => {
    const formatted = formatGraphQLError(
      { message: "SELECT secret", locations: [{ line: 1, column: 3 }], path: ["token"], extensions: { code: "INTERNAL_SERVER_ERROR", stacktrace: ["at x"], exception: { sql: "SELECT" } } },
      new GraphQLError("SELECT secret", { originalError: new Error("SELECT secret") }),
    );
    expect(formatted).toEqual({ message: INTERNAL_MESSAGE, locations: [{ line: 1, column: 3 }], path: ["token"], extensions: { code: "INTERNAL_SERVER_ERROR" } });
    const domain = formatGraphQLError({ message: "x" }, new GraphQLError("x", { originalError: new QueryTooComplexError("too big", { cost: 12 }) }));
    expect(domain).toEqual({ message: "too big", extensions: { code: "QUERY_TOO_COMPLEX", cost: 12 } });
  });

  it("route-level bodies carry the code and request id", () => {
    expect(JSON.parse(errorResponseBody(classifyError(new NotFoundError("no sweep")), "req-1"))).toEqual({
      errors: [{ message: "no sweep", extensions: { code: "NOT_FOUND", requestId: "req-1" } }],
    });
  });

  it("logs internal errors as one JSON line with the request id and the root cause's stack", () => {
    const lines: string[] = [];
    logInternalError("req-42", new GraphQLError("outer", { originalError: new Error("db exploded") }), (line) => lines.push(line));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: "error", requestId: "req-42", name: "Error", message: "db exploded", stack: expect.stringContaining("db exploded") });
  });
});
