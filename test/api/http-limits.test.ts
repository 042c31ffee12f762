// The HTTP route with hostile requests: each limit fails fast, with the right status and code.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/db/prisma";
import { apiConfigFromEnv } from "../../server/graphql/config";
import { TokenBucketLimiter, clientKey } from "../../server/graphql/hardening/rateLimit";
import { handleGraphQLRequest, type ApiDeps } from "../../server/graphql/http";
import { MAX_TOKENS } from "../../server/graphql/limits";
import { createApolloServer } from "../../server/graphql/server";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedApiData } from "./seed";

let t: TestDatabase;
let POST: (request: NextRequest) => Promise<Response>;
let GET: (request: NextRequest) => Promise<Response>;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedApiData(t.db);
  process.env.DATABASE_URL = t.url;
  process.env.RA_RATE_LIMIT_PER_SECOND = "0";
  ({ POST, GET } = await import("../../app/api/graphql/route"));
});
afterAll(async () => t.drop());

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: Record<string, unknown> & { code: string } }[];
}

function post(body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new NextRequest("http://localhost/api/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
    ...(typeof body === "string" ? {} : { duplex: "half" }),
  } as ConstructorParameters<typeof NextRequest>[1]);
}

async function graphql(query: string, variables: Record<string, unknown> = {}) {
  const started = performance.now();
  const response = await POST(post(JSON.stringify({ query, variables })));
  const body = (await response.json()) as Body;
  return { status: response.status, body, ms: performance.now() - started, headers: response.headers };
}

const code = (body: Body) => body.errors?.[0]?.extensions.code;

describe("/api/graphql limits", () => {
  it("answers a plain query with a request id", async () => {
    const result = await graphql(`{ status { models } }`);
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({ status: { models: 3 } });
    expect(result.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("deep nesting -> 400 QUERY_TOO_COMPLEX", async () => {
    let selection = "slug";
    for (let i = 0; i < 12; i++) selection = i % 2 ? `model { ${selection} }` : `sweeps { ${selection} }`;
    const result = await graphql(`{ models { ${selection} } }`);
    expect(result.status).toBe(400);
    expect(code(result.body)).toBe("QUERY_TOO_COMPLEX");
    expect(result.body.errors?.[0].message).toMatch(/depth/i);
  });

  it("alias flood -> 400 QUERY_TOO_COMPLEX", async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `a${i}: status { models }`).join(" ");
    const result = await graphql(`{ ${aliases} }`);
    expect(result.status).toBe(400);
    expect(code(result.body)).toBe("QUERY_TOO_COMPLEX");
  });

  it("directive flood -> 400 QUERY_TOO_COMPLEX", async () => {
    const fields = ["id", "slug", "displayName", "source", "family", "architecture", "parameterCount", "vocabSize", "licence", "backend", "notes", "isDemo"];
    const result = await graphql(`{ models { ${fields.map((f) => `${f} @include(if: true)`).join(" ")} } }`);
    expect(result.status).toBe(400);
    expect(code(result.body)).toBe("QUERY_TOO_COMPLEX");
  });

  it("token flood (a long document under the body limit) -> 400 QUERY_TOO_COMPLEX", async () => {
    const result = await graphql(`{ models { ${"slug ".repeat(MAX_TOKENS + 10)} } }`);
    expect(result.status).toBe(400);
    expect(code(result.body)).toBe("QUERY_TOO_COMPLEX");
  });

  it("huge first -> 400 BAD_USER_INPUT, literal or variable, before any SQL", async () => {
    const literal = await graphql(`{ tokenSearch(query: "w", first: 100000000) { tokenId } }`);
    expect([literal.status, code(literal.body)]).toEqual([400, "BAD_USER_INPUT"]);
    const variable = await graphql(`query($n: Int) { ranking(modelSlug: "alpha", promptSlug: "best", first: $n) { totalCount } }`, { n: 2_000_000_000 });
    expect([variable.status, code(variable.body)]).toEqual([400, "BAD_USER_INPUT"]);
  });

  it("page size x nested lists over the cost limit -> 400 QUERY_TOO_COMPLEX (variables counted)", async () => {
    const query = `query($n: Int) { tokenSearch(query: "w", first: $n) { scores { sweep { model { slug } } prompt { slug } } } }`;
    const result = await graphql(query, { n: 500 });
    expect([result.status, code(result.body)]).toEqual([400, "QUERY_TOO_COMPLEX"]);
    expect(result.body.errors?.[0].extensions).toMatchObject({ cost: 20_500, maxCost: 10_000 });
    expect((await graphql(query, { n: 50 })).status).toBe(200);
  });

  it("SQL-looking search text just finds nothing", async () => {
    const result = await graphql(`query($q: String!) { tokenSearch(query: $q) { tokenId } token(text: $q) { matches { tokenId } } }`, {
      q: `'; DROP TABLE "Score"; --`,
    });
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({ tokenSearch: [], token: { matches: [] } });
  });

  it("a 1 MB body -> 413 PAYLOAD_TOO_LARGE, declared or streamed without a length", async () => {
    const huge = JSON.stringify({ query: `{ status { models } }`, variables: { pad: "x".repeat(1024 * 1024) } });
    const declared = await POST(post(huge, { "content-length": String(huge.length) }));
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as Body).errors?.[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 1024 * 1024) return controller.close();
        sent += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const chunked = await POST(post(stream));
    expect(chunked.status).toBe(413);
    expect(sent).toBeLessThan(1024 * 1024);
  });

  it("malformed JSON -> 400", async () => {
    const response = await POST(post(`{"query": "{ status { models } }"`));
    expect(response.status).toBe(400);
    expect(((await response.json()) as Body).errors?.[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("GET serves queries (with a CSRF preflight header), refuses mutations and unflagged requests", async () => {
    const url = `http://localhost/api/graphql?query=${encodeURIComponent("{ status { models } }")}`;
    const ok = await GET(new NextRequest(url, { headers: { "apollo-require-preflight": "1" } }));
    expect(ok.status).toBe(200);
    const mutation = `http://localhost/api/graphql?query=${encodeURIComponent('mutation { addPrompt(input: { slug: "x", text: "y" }) { id } }')}`;
    expect((await GET(new NextRequest(mutation, { headers: { "apollo-require-preflight": "1" } }))).status).toBe(405);
    expect((await GET(new NextRequest(url))).status).toBe(400);
  });
});

describe("rate limit, public mode, internal errors", () => {
  async function depsWith(overrides: Partial<ApiDeps> & { publicMode?: boolean }): Promise<ApiDeps> {
    const server = createApolloServer({ publicMode: overrides.publicMode ?? false, log: overrides.log });
    await server.start();
    return { server, db: t.db, config: apiConfigFromEnv({ PUBLIC_SITE: overrides.publicMode ? "1" : "0" }), limiter: null, ...overrides };
  }
  const request = (query: string, headers: Record<string, string> = {}) =>
    new Request("http://localhost/api/graphql", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query }) });

  it("a client over its token bucket gets 429 RATE_LIMITED with Retry-After; others are unaffected", async () => {
    let now = 0;
    const deps = await depsWith({ limiter: new TokenBucketLimiter({ perSecond: 1, burst: 3, now: () => now }) });
    const from = (ip: string) => request(`{ status { models } }`, { "x-forwarded-for": ip });
    for (let i = 0; i < 3; i++) expect((await handleGraphQLRequest(from("203.0.113.7"), deps)).status).toBe(200);
    const limited = await handleGraphQLRequest(from("203.0.113.7"), deps);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(((await limited.json()) as Body).errors?.[0].extensions.code).toBe("RATE_LIMITED");
    expect((await handleGraphQLRequest(from("198.51.100.1"), deps)).status).toBe(200);
    now += 1000;
    expect((await handleGraphQLRequest(from("203.0.113.7"), deps)).status).toBe(200);
    await deps.server.stop();
  });

  it("keys clients by the right-most forwarded address (or the socket), and bounds the buckets", () => {
    const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 10.0.0.1" });
    expect(clientKey(headers, undefined, 0)).toBe("10.0.0.1");
    expect(clientKey(headers, undefined, 1)).toBe("6.6.6.6");
    expect(clientKey(headers, "::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
    const limiter = new TokenBucketLimiter({ perSecond: 1, burst: 1, maxClients: 100 });
    for (let i = 0; i < 1000; i++) limiter.take(`client-${i}`);
    expect(limiter.clients).toBe(100);
  });

  it("public mode: no introspection, no field suggestions", async () => {
    const deps = await depsWith({ publicMode: true });
    const introspection = (await (await handleGraphQLRequest(request(`{ __schema { types { name } } }`), deps)).json()) as Body;
    expect(introspection.errors?.[0].message).toMatch(/introspection/i);
    const typo = (await (await handleGraphQLRequest(request(`{ modls { slug } }`), deps)).json()) as Body;
    expect(typo.errors?.[0].message).not.toMatch(/Did you mean/);
    expect(typo.errors?.[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    await deps.server.stop();
    const open = await depsWith({});
    const suggested = (await (await handleGraphQLRequest(request(`{ modls { slug } }`), open)).json()) as Body;
    expect(suggested.errors?.[0].message).toMatch(/Did you mean "models"/);
    await open.server.stop();
  });

  it("every hostile request fails before touching the database", async () => {
    let touched = 0;
    const untouchable = new Proxy(t.db, {
      get() {
        touched++;
        throw new Error("the database was used");
      },
    }) as Db;
    const deps = await depsWith({ db: untouchable });
    let nested = "slug";
    for (let i = 0; i < 12; i++) nested = i % 2 ? `model { ${nested} }` : `sweeps { ${nested} }`;
    const hostile: [string, string][] = [
      [`{ models { ${nested} } }`, "QUERY_TOO_COMPLEX"],
      [`{ ${Array.from({ length: 200 }, (_, i) => `a${i}: status { models }`).join(" ")} }`, "QUERY_TOO_COMPLEX"],
      [`{ models { ${"slug ".repeat(MAX_TOKENS + 10)} } }`, "QUERY_TOO_COMPLEX"],
      [`{ tokenSearch(query: "w", first: 100000000) { tokenId } }`, "BAD_USER_INPUT"],
      [`{ tokenSearch(query: "w", first: 500) { scores { sweep { model { slug } } prompt { slug } } } }`, "QUERY_TOO_COMPLEX"],
    ];
    for (const [query, expected] of hostile) {
      const started = performance.now();
      const response = await handleGraphQLRequest(request(query), deps);
      const body = (await response.json()) as Body;
      expect(body.errors?.[0].extensions.code).toBe(expected);
      expect(response.status).toBe(400);
      expect(performance.now() - started).toBeLessThan(500);
    }
    expect(touched).toBe(0);
    await deps.server.stop();
  });

  it("internal errors: logged with the request id, returned without internals", async () => {
    const logged: string[] = [];
    const failing = new Proxy(t.db, {
      get(target, property, receiver) {
        if (property === "$queryRaw") return () => Promise.reject(new Error('syntax error at or near "SELECT passwd FROM pg_shadow"'));
        return Reflect.get(target, property, receiver);
      },
    }) as Db;
    const deps = await depsWith({ db: failing, log: (line) => logged.push(line) });
    const response = await handleGraphQLRequest(request(`{ token(text: "love") { text } }`), deps);
    const text = await response.text();
    expect(text).not.toMatch(/pg_shadow|SELECT|stack|at /);
    const body = JSON.parse(text) as Body;
    expect(body.errors?.[0]).toMatchObject({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
    const requestId = response.headers.get("x-request-id");
    expect(body.errors?.[0].extensions.requestId).toBe(requestId);
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0])).toMatchObject({ requestId, message: expect.stringContaining("pg_shadow"), stack: expect.any(String) });
    await deps.server.stop();
  });
});
