// Admin mutations through the real route handler (POST /api/graphql with NextRequest): refused
// without a token, with a wrong one, and when admin is disabled; done with the right one.
import { NextRequest } from "next/server";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkAdminCredential } from "../../server/admin/auth";
import { createApolloServer } from "../../server/graphql/server";
import { handleGraphQLRequest, type ApiDeps } from "../../server/graphql/http";
import { apiConfigFromEnv } from "../../server/graphql/config";
import { refreshInsights } from "../../server/insights/refresh";
import { data } from "./helpers";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { seedApiData, type Seeded } from "./seed";

const ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
let t: TestDatabase;
let seeded: Seeded;
let POST: (request: NextRequest) => Promise<Response>;

beforeAll(async () => {
  t = await createTestDatabase();
  seeded = await seedApiData(t.db);
  process.env.DATABASE_URL = t.url;
  process.env.RA_ADMIN_TOKEN = ADMIN_TOKEN;
  process.env.RA_RATE_LIMIT_PER_SECOND = "0";
  ({ POST } = await import("../../app/api/graphql/route"));
});
afterAll(async () => t.drop());

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: { code: string } }[];
}

async function call(query: string, variables: Record<string, unknown> = {}, authorization?: string): Promise<{ status: number; body: Body }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (authorization) headers.authorization = authorization;
  const response = await POST(new NextRequest("http://localhost/api/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) }));
  return { status: response.status, body: (await response.json()) as Body };
}

const admin = (query: string, variables: Record<string, unknown> = {}) => call(query, variables, `Bearer ${ADMIN_TOKEN}`);
const codes = (body: Body) => (body.errors ?? []).map((e) => e.extensions.code);

const MUTATIONS: [string, Record<string, unknown>][] = [
  [`mutation { registerModel(input: { slug: "m1", displayName: "M1", source: "org/m1", family: "llama3", vocabSize: 10, backend: "onnx" }) { id } }`, {}],
  [`mutation { addPrompt(input: { slug: "p1", text: "What?" }) { id } }`, {}],
  [`mutation { requestSweep(modelSlug: "alpha", promptSlug: "best") { id } }`, {}],
  [`mutation($id: Int!) { cancelSweep(id: $id) { id } }`, { id: 1 }],
  [`mutation($id: Int!) { deleteSweep(id: $id) { id } }`, { id: 1 }],
  [`mutation { uploadIdentityTerms(listName: "x", terms: [{ category: "c", group: "g", term: "t" }]) { count } }`, {}],
  [`mutation { uploadLexicon(name: "x", entries: [{ word: "w", valence: 1 }]) { count } }`, {}],
];

describe("admin authentication", () => {
  it("refuses every mutation without a token (UNAUTHENTICATED) and with a wrong one (FORBIDDEN), writing nothing", async () => {
    const before = await t.db.sweep.count();
    for (const [query, variables] of MUTATIONS) {
      const anonymous = await call(query, variables);
      expect(codes(anonymous.body), query).toEqual(["UNAUTHENTICATED"]);
      expect(anonymous.body.data).toBeNull();
      for (const wrong of ["Bearer wrong-token", `Bearer ${ADMIN_TOKEN}x`, `Bearer ${ADMIN_TOKEN.slice(0, -1)}`, `Basic ${ADMIN_TOKEN}`, ADMIN_TOKEN]) {
        expect(codes((await call(query, variables, wrong)).body), `${query} ${wrong}`).toEqual(["FORBIDDEN"]);
      }
    }
    expect(await t.db.sweep.count()).toBe(before);
    expect(await t.db.rewardModel.count({ where: { slug: "m1" } })).toBe(0);
  });

  it("a wrong token does not break public reads", async () => {
    const result = await call(`{ models { slug } }`, {}, "Bearer wrong-token");
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
  });

  it("checks credentials in constant time over digests and refuses admin on a public site or without a configured token", () => {
    const config = { adminToken: ADMIN_TOKEN, publicMode: false };
    expect(checkAdminCredential(`Bearer ${ADMIN_TOKEN}`, config)).toBe("admin");
    expect(checkAdminCredential(`bearer   ${ADMIN_TOKEN}`, config)).toBe("admin");
    expect(checkAdminCredential("Bearer " + "x".repeat(10_000), config)).toBe("invalid");
    expect(checkAdminCredential(null, config)).toBe("none");
    expect(checkAdminCredential(`Bearer ${ADMIN_TOKEN}`, { ...config, publicMode: true })).toBe("disabled");
    expect(checkAdminCredential(`Bearer ${ADMIN_TOKEN}`, { adminToken: null, publicMode: false })).toBe("disabled");
    expect(checkAdminCredential("Bearer short", { adminToken: "short", publicMode: false })).toBe("disabled");
  });

  it("answers FORBIDDEN when the server runs as a public site, even with the right token", async () => {
    const config = apiConfigFromEnv({ PUBLIC_SITE: "1", RA_ADMIN_TOKEN: ADMIN_TOKEN, RA_RATE_LIMIT_PER_SECOND: "0" });
    const server = createApolloServer({ publicMode: true });
    await server.start();
    const deps: ApiDeps = { server, db: t.db, config, limiter: null };
    const response = await handleGraphQLRequest(
      new Request("http://localhost/api/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({ query: MUTATIONS[0][0] }),
      }),
      deps,
    );
    expect(((await response.json()) as Body).errors?.[0].extensions.code).toBe("FORBIDDEN");
    await server.stop();
  });
});

describe("admin mutations with the admin token", () => {
  it("registerModel stores metadata and refuses a duplicate slug or bad input", async () => {
    const q = `mutation($input: RegisterModelInput!) { registerModel(input: $input) { slug displayName parameterCount vocabSize isDemo source } }`;
    const input = { slug: "new-rm.v2", displayName: "New RM", source: "org/new-rm", family: "gemma2", vocabSize: 256000, parameterCount: 2.6e9, backend: "vllm" };
    const created = await admin(q, { input });
    expect(created.body.data?.registerModel).toEqual({ slug: "new-rm.v2", displayName: "New RM", parameterCount: 2.6e9, vocabSize: 256000, isDemo: false, source: "org/new-rm" });
    expect(codes((await admin(q, { input })).body)).toEqual(["BAD_USER_INPUT"]);
    for (const bad of [{ slug: "Bad Slug" }, { vocabSize: 0 }, { backend: "tensorflow" }, { displayName: "x\0y" }, { displayName: "\ud800" }]) {
      const result = await admin(q, { input: { ...input, slug: "other", ...bad } });
      expect(codes(result.body), JSON.stringify(bad)).toEqual(["BAD_USER_INPUT"]);
    }
  });

  it("addPrompt pairs the two prompts both ways, refusing an already paired one", async () => {
    const q = `mutation($input: AddPromptInput!) { addPrompt(input: $input) { slug framing tags pair { slug pair { slug } } } }`;
    const result = await admin(q, { input: { slug: "most-beautiful", text: "What, in one word, is the most beautiful thing?", framing: "POSITIVE", tags: ["user"] } });
    expect(result.body.data?.addPrompt).toEqual({ slug: "most-beautiful", framing: "POSITIVE", tags: ["user"], pair: null });
    const paired = await admin(q, { input: { slug: "ugliest", text: "What, in one word, is the ugliest thing?", framing: "NEGATIVE", pairSlug: "most-beautiful" } });
    expect(paired.body.data?.addPrompt).toMatchObject({ pair: { slug: "most-beautiful", pair: { slug: "ugliest" } } });
    const again = await admin(q, { input: { slug: "third", text: "?", pairSlug: "most-beautiful" } });
    expect(codes(again.body)).toEqual(["BAD_USER_INPUT"]);
    expect(await t.db.prompt.count({ where: { slug: "third" } })).toBe(0);
    expect(codes((await admin(q, { input: { slug: "fourth", text: "?", pairSlug: "nope" } })).body)).toEqual(["NOT_FOUND"]);
  });

  it("requestSweep records one PENDING sweep per request, idempotently", async () => {
    const q = `mutation { requestSweep(modelSlug: "gamma", promptSlug: "best", mode: PAPER) { id status isRequest mode tokenCount model { slug } prompt { slug } } }`;
    const first = await admin(q);
    const second = await admin(q);
    expect(first.body.data?.requestSweep).toMatchObject({ status: "PENDING", isRequest: true, mode: "PAPER", tokenCount: 3000, model: { slug: "gamma" }, prompt: { slug: "best" } });
    expect(second.body.data?.requestSweep).toEqual(first.body.data?.requestSweep);
    expect(codes((await admin(`mutation { requestSweep(modelSlug: "nope", promptSlug: "best") { id } }`)).body)).toEqual(["NOT_FOUND"]);
  });

  it("requestSweep finds a prompt by the longest slug an import gives (the paper's file names: 66 characters)", async () => {
    const slug = "what-is-the-single-thing-person-or-concept-that-humans-most-prefer";
    await t.db.prompt.create({ data: { slug, text: "What is the single thing, person or concept that humans most prefer?" } });
    const result = await admin(`mutation($p: String!) { requestSweep(modelSlug: "gamma", promptSlug: $p, mode: PAPER) { status prompt { slug } } }`, { p: slug });
    expect(result.body.data?.requestSweep).toEqual({ status: "PENDING", prompt: { slug } });
    expect(codes((await admin(`mutation($p: String!) { requestSweep(modelSlug: "gamma", promptSlug: $p) { id } }`, { p: "x".repeat(201) })).body)).toEqual(["BAD_USER_INPUT"]);
  });

  it("cancelSweep cancels a RUNNING sweep and refuses a completed one", async () => {
    const q = `mutation($id: Int!) { cancelSweep(id: $id) { id status } }`;
    const sweep = await t.db.sweep.create({
      data: { modelId: seeded.models.alpha.id, promptId: seeded.prompts.best, mode: "PAPER", settingsKey: "to-cancel", tokenCount: 5000, backend: "onnx", status: "RUNNING" },
    });
    expect((await admin(q, { id: sweep.id })).body.data?.cancelSweep).toEqual({ id: sweep.id, status: "CANCELLED" });
    expect(codes((await admin(q, { id: seeded.completed["alpha/best"] })).body)).toEqual(["BAD_USER_INPUT"]);
    expect(codes((await admin(q, { id: 999_999 })).body)).toEqual(["NOT_FOUND"]);
  });

  it("deleteSweep removes the sweep and its scores together, refreshes the analyses, and refuses a RUNNING sweep", async () => {
    const q = `mutation($id: Int!) { deleteSweep(id: $id) { id deletedScores } }`;
    const id = seeded.completed["beta/greatest"];
    const pool = new pg.Pool({ connectionString: t.url });
    await refreshInsights(pool).finally(() => pool.end());
    const pairs = async () => (await data<{ heterogeneity: { pairs: { a: string; b: string }[] } | null }>(t.db, `{ heterogeneity(promptSlug: "greatest") { pairs { a b } } }`)).heterogeneity?.pairs ?? [];
    expect((await pairs()).some((p) => p.a === "beta" || p.b === "beta")).toBe(true);
    expect((await admin(q, { id })).body.data?.deleteSweep).toEqual({ id, deletedScores: 5000 });
    expect((await pairs()).some((p) => p.a === "beta" || p.b === "beta")).toBe(false); // not computed from deleted scores
    expect(await t.db.sweep.count({ where: { id } })).toBe(0);
    const [{ n }] = await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Score" WHERE "sweepId" = ${id}`;
    expect(n).toBe(0n);
    expect(codes((await admin(q, { id: seeded.runningSweepId })).body)).toEqual(["BAD_USER_INPUT"]);
    const [{ m }] = await t.db.$queryRaw<{ m: bigint }[]>`SELECT count(*) AS m FROM "PendingScore" WHERE "sweepId" = ${seeded.runningSweepId}`;
    expect(m).toBe(1000n);
  });

  it("uploadIdentityTerms replaces a list atomically; a bad row leaves the old list", async () => {
    const q = `mutation($name: String!, $terms: [IdentityTermInput!]!) { uploadIdentityTerms(listName: $name, terms: $terms) { name count replaced } }`;
    const terms = [
      { category: "religion", group: "muslim", term: "Muslim" },
      { category: "religion", group: "muslim", term: " Muslims" },
      { category: "religion", group: "muslim", term: "Muslim" },
    ];
    expect((await admin(q, { name: "mine", terms })).body.data?.uploadIdentityTerms).toEqual({ name: "mine", count: 2, replaced: 0 });
    expect((await admin(q, { name: "mine", terms: [{ category: "age", group: "old", term: "elderly" }] })).body.data?.uploadIdentityTerms).toEqual({ name: "mine", count: 1, replaced: 2 });
    const bad = await admin(q, { name: "mine", terms: [{ category: "age", group: "young", term: "" }] });
    expect(codes(bad.body)).toEqual(["BAD_USER_INPUT"]);
    expect(await t.db.identityTerm.findMany({ where: { listName: "mine" }, select: { term: true } })).toEqual([{ term: "elderly" }]);
    expect(codes((await admin(q, { name: "../etc", terms })).body)).toEqual(["BAD_USER_INPUT"]);
  });

  it("uploadLexicon validates valences and duplicate words", async () => {
    const q = `mutation($name: String!, $entries: [LexiconEntryInput!]!) { uploadLexicon(name: $name, entries: $entries) { name count replaced } }`;
    expect((await admin(q, { name: "tiny", entries: [{ word: "good", valence: 3 }, { word: "bad", valence: -3 }] })).body.data?.uploadLexicon).toEqual({ name: "tiny", count: 2, replaced: 0 });
    expect(codes((await admin(q, { name: "tiny", entries: [{ word: "good", valence: 3 }, { word: "good", valence: 1 }] })).body)).toEqual(["BAD_USER_INPUT"]);
    expect(codes((await admin(q, { name: "tiny", entries: [{ word: "good", valence: 1e9 }] })).body)).toEqual(["BAD_USER_INPUT"]);
    expect(await t.db.lexiconEntry.count({ where: { lexicon: "tiny" } })).toBe(2);
  });

  it("accepts an admin upload above the anonymous 64 KB body limit", async () => {
    const entries = Array.from({ length: 4000 }, (_, i) => ({ word: `word-${i}-${"x".repeat(20)}`, valence: (i % 11) - 5 }));
    const q = `mutation($entries: [LexiconEntryInput!]!) { uploadLexicon(name: "big", entries: $entries) { count } }`;
    expect(JSON.stringify(entries).length).toBeGreaterThan(64 * 1024);
    const result = await admin(q, { entries });
    expect(result.body.data?.uploadLexicon).toEqual({ count: 4000 });
    expect((await call(q, { entries })).status).toBe(413);
  });
});
