import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { analysisPercentiles, data, errorCodes, execute, recordingDb, type RecordingDb } from "./helpers";
import { seedApiData, type Seeded } from "./seed";

let t: TestDatabase;
let seeded: Seeded;
let recording: RecordingDb;

beforeAll(async () => {
  t = await createTestDatabase();
  seeded = await seedApiData(t.db);
  recording = recordingDb(t.url);
});
afterAll(async () => {
  await recording.close();
  await t.drop();
});

const TOKEN_QUERY = `query($text: String!, $exact: Boolean) {
  token(text: $text, exact: $exact) {
    text exact truncated
    matches {
      tokenId decoded piece normalized flags { special whitespace startsWithSpace alphabetic }
      model { slug displayName }
      scores { score rank percentile tokenCount mode prompt { slug framing } }
    }
  }
}`;

interface TokenMatch {
  tokenId: number;
  decoded: string;
  model: { slug: string };
  scores: { score: number; rank: number; percentile: number; tokenCount: number; mode: string; prompt: { slug: string } }[];
}
interface TokenData {
  token: { text: string; exact: boolean; truncated: boolean; matches: TokenMatch[] };
}

/** What SQL says, straight from the tables, for every completed sweep of every id decoding to text. */
async function expectedFromSql(text: string) {
  return t.db.$queryRaw<{ slug: string; tokenId: number; prompt: string; score: number; rank: number; tokenCount: number }[]>`
    SELECT m.slug, v."tokenId", p.slug AS prompt, sc.score, sc.rank, s."tokenCount"
      FROM "VocabToken" v JOIN "RewardModel" m ON m.id = v."modelId"
      JOIN "Sweep" s ON s."modelId" = v."modelId" AND s.status = 'COMPLETED'
      JOIN "Score" sc ON sc."sweepId" = s.id AND sc."tokenId" = v."tokenId"
      JOIN "Prompt" p ON p.id = s."promptId"
     WHERE v.decoded = ${text}
     ORDER BY m.slug, v."tokenId", p.slug`;
}

describe("token(text): one text across every model and prompt", () => {
  it("returns every model x completed sweep with the stored score, rank and percentile", async () => {
    const result = await data<TokenData>(t.db, TOKEN_QUERY, { text: "love" });
    const flat = result.token.matches
      .flatMap((m) => m.scores.map((s) => ({ slug: m.model.slug, tokenId: m.tokenId, prompt: s.prompt.slug, score: s.score, rank: s.rank, tokenCount: s.tokenCount, percentile: s.percentile })))
      .sort((a, b) => a.slug.localeCompare(b.slug) || a.tokenId - b.tokenId || a.prompt.localeCompare(b.prompt));
    const expected = await expectedFromSql("love");
    // alpha: 2 ids x 3 prompts, beta: 2 completed prompts (the running sweep is left out), gamma: 1.
    expect(flat).toHaveLength(6 + 2 + 1);
    expect(flat.map(({ percentile: _p, ...rest }) => rest)).toEqual(expected);
    for (const row of flat) {
      const sweepId = seeded.completed[`${row.slug}/${row.prompt}`];
      expect(row.percentile).toBeCloseTo((await analysisPercentiles(t.db, sweepId)).get(row.tokenId)!, 12);
    }
    expect(result.token.matches.every((m) => m.decoded === "love")).toBe(true);
  });

  it("keys duplicate decoded texts by id: alpha's two 'love' ids are two matches", async () => {
    const result = await data<TokenData>(t.db, TOKEN_QUERY, { text: "love" });
    const alpha = result.token.matches.filter((m) => m.model.slug === "alpha").map((m) => m.tokenId);
    expect(alpha).toEqual([seeded.models.alpha.decoded.indexOf("love"), seeded.models.alpha.size - 1]);
  });

  it("exact: false matches the normalized key (case, leading space, NFKC)", async () => {
    const result = await data<TokenData>(t.db, TOKEN_QUERY, { text: " LOVE ", exact: false });
    const texts = new Set(result.token.matches.map((m) => m.decoded));
    expect(texts).toEqual(new Set(["love", " love", "Love", " Love", "LOVE"]));
    const nfkc = await data<TokenData>(t.db, TOKEN_QUERY, { text: "CAFE\u0301", exact: false });
    expect(new Set(nfkc.token.matches.map((m) => m.decoded))).toEqual(new Set(["caf\u00e9", "cafe\u0301"]));
  });

  it("exact: false with a whitespace-only text matches it exactly, not every whitespace token", async () => {
    const space = await data<TokenData>(t.db, TOKEN_QUERY, { text: " ", exact: false });
    expect(space.token.exact).toBe(true);
    expect(space.token.matches.length).toBeGreaterThan(0);
    expect(new Set(space.token.matches.map((m) => m.decoded))).toEqual(new Set([" "]));
    const tab = await data<TokenData>(t.db, TOKEN_QUERY, { text: "\t", exact: false });
    expect(tab.token).toMatchObject({ exact: true, matches: [] });
  });

  it("is ONE SQL round trip, model and prompt fields included", async () => {
    recording.statements.length = 0;
    await data(recording.db, TOKEN_QUERY, { text: "love" });
    expect(recording.statements).toHaveLength(1);
    expect(recording.statements[0]).toMatch(/FROM "VocabToken" v/);
  });

  it("returns hostile text verbatim, as data", async () => {
    for (const text of ["<script>alert(1)</script>", "\u202e", " ", "line\nbreak", 'quote"inside', "=cmd|' /C calc'!A0", "emoji 😀"]) {
      const result = await data<TokenData>(t.db, TOKEN_QUERY, { text });
      expect(result.token.matches.length).toBeGreaterThanOrEqual(3);
      for (const match of result.token.matches) expect(match.decoded).toBe(text);
    }
  });

  it("SQL-looking text is a parameter: no match, tables intact", async () => {
    for (const text of [`'; DROP TABLE "Score"; --`, `love' OR '1'='1`, `\\'; SELECT pg_sleep(10); --`]) {
      const result = await data<TokenData>(t.db, TOKEN_QUERY, { text });
      expect(result.token.matches).toEqual([]);
    }
    const [{ n }] = await t.db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Score"`;
    expect(Number(n)).toBe(5000 * 3 + 5000 * 2 + 3000); // completed sweeps
    const [{ m }] = await t.db.$queryRaw<{ m: bigint }[]>`SELECT count(*) AS m FROM "PendingScore"`;
    expect(Number(m)).toBe(1000); // the running sweep's committed rows
  });

  it("text no stored token can have: lone surrogates match nothing, NUL is looked up as the stored U+2400", async () => {
    expect((await data<TokenData>(t.db, TOKEN_QUERY, { text: "\ud800" })).token.matches).toEqual([]);
    expect((await data<TokenData>(t.db, TOKEN_QUERY, { text: "x\udfffy" })).token.matches).toEqual([]);
    expect((await data<TokenData>(t.db, TOKEN_QUERY, { text: "ab\ud800", exact: false })).token).toMatchObject({ exact: false, matches: [] });
    const nul = await data<TokenData>(t.db, TOKEN_QUERY, { text: "\0" });
    expect(nul.token.matches.map((m) => m.decoded)).toEqual(["\u2400", "\u2400", "\u2400"]);
  });

  it("refuses overlong text with BAD_USER_INPUT", async () => {
    expect(errorCodes(await execute(t.db, TOKEN_QUERY, { text: "x".repeat(257) }))).toEqual(["BAD_USER_INPUT"]);
  });
});

const SEARCH = `query($q: String!, $match: TokenMatch, $ci: Boolean, $ils: Boolean, $models: [String!], $first: Int) {
  tokenSearch(query: $q, match: $match, caseInsensitive: $ci, ignoreLeadingSpace: $ils, modelSlugs: $models, first: $first) {
    tokenId decoded model { slug }
  }
}`;
interface SearchData {
  tokenSearch: { tokenId: number; decoded: string; model: { slug: string } }[];
}
const decodedOf = (r: SearchData) => r.tokenSearch.map((x) => x.decoded);

describe("tokenSearch", () => {
  it("case-insensitive prefix (default) matches every casing and spacing, exact text first", async () => {
    const result = await data<SearchData>(t.db, SEARCH, { q: "Lov", models: ["alpha"] });
    expect(new Set(decodedOf(result))).toEqual(new Set(["love", " love", "Love", " Love", "LOVE", "lovely", " lovely"]));
    expect(decodedOf(result).slice(-2).sort()).toEqual([" lovely", "lovely"]);
  });

  it("case-insensitive with the leading space significant", async () => {
    const spaced = await data<SearchData>(t.db, SEARCH, { q: " love", match: "EXACT", ils: false, models: ["beta"] });
    expect(new Set(decodedOf(spaced))).toEqual(new Set([" love", " Love"]));
    const bare = await data<SearchData>(t.db, SEARCH, { q: "love", match: "EXACT", ils: false, models: ["beta"] });
    expect(new Set(decodedOf(bare))).toEqual(new Set(["love", "Love", "LOVE"]));
  });

  it("case-sensitive, with and without the leading space", async () => {
    const both = await data<SearchData>(t.db, SEARCH, { q: "Love", match: "EXACT", ci: false, models: ["gamma"] });
    expect(decodedOf(both)).toEqual(["Love", " Love"]);
    const exact = await data<SearchData>(t.db, SEARCH, { q: "love", match: "EXACT", ci: false, ils: false });
    expect(exact.tokenSearch.map((x) => x.model.slug)).toEqual(["alpha", "alpha", "beta", "gamma"]);
    const prefix = await data<SearchData>(t.db, SEARCH, { q: "lov", ci: false, models: ["beta"] });
    expect(decodedOf(prefix)).toEqual(["love", " love", "lovely", " lovely"]);
  });

  it("LIKE metacharacters are literal", async () => {
    expect(decodedOf(await data<SearchData>(t.db, SEARCH, { q: "100%", ci: false, models: ["alpha"] }))).toEqual(["100%"]);
    expect(decodedOf(await data<SearchData>(t.db, SEARCH, { q: "a_", ci: false, models: ["alpha"] }))).toEqual(["a_b"]);
    expect(decodedOf(await data<SearchData>(t.db, SEARCH, { q: "%", models: ["alpha"] }))).toEqual([]);
  });

  it("hostile and SQL-looking queries just search", async () => {
    expect(decodedOf(await data<SearchData>(t.db, SEARCH, { q: "<scr", models: ["beta"] }))).toEqual(["<script>alert(1)</script>"]);
    expect(decodedOf(await data<SearchData>(t.db, SEARCH, { q: `'; DROP TABLE "Score"; --` }))).toEqual([]);
    expect(decodedOf(await data<SearchData>(t.db, SEARCH, { q: "\ud800" }))).toEqual([]);
  });

  it("first bounds the result; scores of every hit come in one batched statement", async () => {
    const result = await data<SearchData>(t.db, SEARCH, { q: "w1", first: 7 });
    expect(result.tokenSearch).toHaveLength(7);
    recording.statements.length = 0;
    await data(recording.db, `{ tokenSearch(query: "w1", first: 30) { tokenId scores { rank percentile prompt { slug } } } }`);
    // search, scores (one batch), prompts (one batch)
    expect(recording.statements).toHaveLength(3);
  });

  it("rejects empty queries and page sizes over the cap with BAD_USER_INPUT", async () => {
    expect(errorCodes(await execute(t.db, SEARCH, { q: "" }))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await execute(t.db, SEARCH, { q: "a", first: 501 }))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await execute(t.db, SEARCH, { q: "a", first: 0 }))).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("tokenById", () => {
  it("finds an id, or null", async () => {
    const id = seeded.models.beta.decoded.indexOf("<script>alert(1)</script>");
    const query = `query($m: String!, $id: Int!) { tokenById(modelSlug: $m, tokenId: $id) { tokenId decoded piece flags { special } scores { prompt { slug } rank } } }`;
    const found = await data<{ tokenById: { decoded: string; scores: unknown[] } }>(t.db, query, { m: "beta", id });
    expect(found.tokenById.decoded).toBe("<script>alert(1)</script>");
    expect(found.tokenById.scores).toHaveLength(2);
    expect((await data<{ tokenById: null }>(t.db, query, { m: "beta", id: 999_999 })).tokenById).toBeNull();
    expect((await data<{ tokenById: null }>(t.db, query, { m: "nope", id: 1 })).tokenById).toBeNull();
  });
});
