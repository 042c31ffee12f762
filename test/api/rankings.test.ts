import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { encodeRankingCursor } from "../../server/rankings/cursor";
import { analysisPercentiles, data, errorCodes, execute } from "./helpers";
import { seedApiData, type Seeded } from "./seed";

let t: TestDatabase;
let seeded: Seeded;

beforeAll(async () => {
  t = await createTestDatabase();
  seeded = await seedApiData(t.db);
});
afterAll(async () => t.drop());

const RANKING = `query($model: String!, $prompt: String!, $order: RankOrder, $first: Int, $after: String, $around: Int, $aroundTokenId: Int, $tokens: RankingTokens) {
  ranking(modelSlug: $model, promptSlug: $prompt, order: $order, first: $first, after: $after, around: $around, aroundTokenId: $aroundTokenId, tokens: $tokens) {
    order totalCount sweep { id status }
    edges { cursor node { tokenId decoded piece score rank percentile flags { special startsWithSpace } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

interface Node {
  tokenId: number;
  decoded: string | null;
  score: number;
  rank: number;
  percentile: number;
}
interface RankingData {
  ranking: {
    order: string;
    totalCount: number;
    sweep: { id: number };
    edges: { cursor: string; node: Node }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  };
}

async function sqlOrder(sweepId: number, order: "TOP" | "BOTTOM") {
  const rows =
    order === "TOP"
      ? await t.db.$queryRaw<{ tokenId: number; rank: number }[]>`
          SELECT "tokenId", rank FROM "Score" WHERE "sweepId" = ${sweepId} ORDER BY score DESC, "tokenId" DESC`
      : await t.db.$queryRaw<{ tokenId: number; rank: number }[]>`
          SELECT "tokenId", rank FROM "Score" WHERE "sweepId" = ${sweepId} ORDER BY score ASC, "tokenId" ASC`;
  return rows;
}

async function walk(model: string, prompt: string, order: "TOP" | "BOTTOM", first: number, tokens: "ALL" | "WORDS" = "ALL") {
  const nodes: Node[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const page: RankingData = await data<RankingData>(t.db, RANKING, { model, prompt, order, first, after, tokens });
    nodes.push(...page.ranking.edges.map((e) => e.node));
    pages++;
    expect(page.ranking.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!page.ranking.pageInfo.hasNextPage) break;
    after = page.ranking.pageInfo.endCursor;
  }
  return { nodes, pages };
}

describe("ranking: keyset pagination", () => {
  it("walks a whole TOP ranking with no duplicates or gaps, in SQL's ORDER BY", async () => {
    const { nodes, pages } = await walk("alpha", "greatest", "TOP", 500);
    expect(pages).toBe(10);
    const expected = await sqlOrder(seeded.completed["alpha/greatest"], "TOP");
    expect(nodes.map((n) => n.tokenId)).toEqual(expected.map((r) => r.tokenId));
    expect(new Set(nodes.map((n) => n.tokenId)).size).toBe(5000);
    expect(nodes.map((n) => n.rank)).toEqual(expected.map((r) => r.rank));
    for (let i = 1; i < nodes.length; i++) expect(nodes[i].score).toBeLessThanOrEqual(nodes[i - 1].score);
    // The analyses' mid-rank percentile: tied tokens (the seed has many) share their group's middle.
    const analysis = await analysisPercentiles(t.db, seeded.completed["alpha/greatest"]);
    for (const n of nodes) expect(n.percentile).toBeCloseTo(analysis.get(n.tokenId)!, 12);
    expect(nodes.filter((n) => n.rank === nodes[nodes.length - 1].rank).length).toBeGreaterThan(1); // a tie group, checked too
    expect(nodes[0].rank).toBe(1);
  });

  it("walks BOTTOM with uneven pages (ties across page boundaries)", async () => {
    const { nodes } = await walk("beta", "worst", "BOTTOM", 333);
    const expected = await sqlOrder(seeded.completed["beta/worst"], "BOTTOM");
    expect(nodes.map((n) => n.tokenId)).toEqual(expected.map((r) => r.tokenId));
    const analysis = await analysisPercentiles(t.db, seeded.completed["beta/worst"]);
    for (const n of nodes) expect(n.percentile).toBeCloseTo(analysis.get(n.tokenId)!, 12);
  });

  it.each(["TOP", "BOTTOM"] as const)("keeps tie-group percentiles exact when pages of 7 split the groups of 5 (%s)", async (order) => {
    // Each page's tie groups are sized from the page's own rows and one probe below its lowest score.
    const { nodes } = await walk("alpha", "best", order, 7);
    expect(nodes).toHaveLength(5000);
    const analysis = await analysisPercentiles(t.db, seeded.completed["alpha/best"]);
    for (const n of nodes) expect(n.percentile).toBeCloseTo(analysis.get(n.tokenId)!, 12);
  });

  it("returns hostile decoded text verbatim in nodes", async () => {
    const { nodes } = await walk("gamma", "greatest", "TOP", 500);
    const script = nodes.find((n) => n.decoded === "<script>alert(1)</script>");
    expect(script?.tokenId).toBe(seeded.models.gamma.decoded.indexOf("<script>alert(1)</script>"));
  });

  it("plans every page as an index scan on (sweepId, score, tokenId): no sort, no offset", async () => {
    const sweepId = seeded.completed["alpha/greatest"];
    await t.db.$executeRawUnsafe(`ANALYZE "Score"`);
    const plan = await t.db.$queryRaw<{ "QUERY PLAN": string }[]>`
      EXPLAIN SELECT sc."tokenId" FROM "Score" sc WHERE sc."sweepId" = ${sweepId}
        AND (sc.score, sc."tokenId") < (${"1.5"}::float8::real, ${100}::int)
        ORDER BY sc.score DESC, sc."tokenId" DESC LIMIT 51`;
    const text = plan.map((r) => r["QUERY PLAN"]).join("\n");
    expect(text).toMatch(/Index (Only )?Scan Backward using "Score_sweepId_score_tokenId_idx"/);
    expect(text).not.toMatch(/Sort/);
  });

  it("around: a window centred on a rank, from either end of the ranking", async () => {
    const expected = await sqlOrder(seeded.completed["alpha/best"], "TOP");
    for (const rank of [1, 2, 2500, 4990, 5000]) {
      const result = await data<RankingData>(t.db, RANKING, { model: "alpha", prompt: "best", around: rank, first: 11 });
      const ids = result.ranking.edges.map((e) => e.node.tokenId);
      expect(ids).toHaveLength(11);
      // The anchor: the last row in TOP order whose rank <= r.
      const anchorIndex = expected.findLastIndex((r) => r.rank <= rank);
      const start = Math.max(0, Math.min(anchorIndex - 5, expected.length - 11));
      expect(ids).toEqual(expected.slice(start, start + 11).map((r) => r.tokenId));
      expect(result.ranking.pageInfo.hasPreviousPage).toBe(start > 0);
      expect(result.ranking.pageInfo.hasNextPage).toBe(start + 11 < expected.length);
    }
  });

  it("aroundTokenId: a window centred on a known token", async () => {
    const expected = await sqlOrder(seeded.completed["beta/greatest"], "TOP");
    for (const index of [0, 3, 2600, 4999]) {
      const tokenId = expected[index].tokenId;
      const result = await data<RankingData>(t.db, RANKING, { model: "beta", prompt: "greatest", aroundTokenId: tokenId, first: 7 });
      const start = Math.max(0, Math.min(index - 3, expected.length - 7));
      expect(result.ranking.edges.map((e) => e.node.tokenId)).toEqual(expected.slice(start, start + 7).map((r) => r.tokenId));
    }
    const missing = await execute(t.db, RANKING, { model: "gamma", prompt: "greatest", aroundTokenId: 3000 });
    expect(errorCodes(missing)).toEqual(["NOT_FOUND"]);
  });

  it("around then after: the window's end cursor continues the ranking", async () => {
    const around = await data<RankingData>(t.db, RANKING, { model: "alpha", prompt: "best", around: 1000, first: 5, order: "BOTTOM" });
    const next = await data<RankingData>(t.db, RANKING, { model: "alpha", prompt: "best", first: 5, order: "BOTTOM", after: around.ranking.pageInfo.endCursor });
    const expected = await sqlOrder(seeded.completed["alpha/best"], "BOTTOM");
    const start = expected.findIndex((r) => r.tokenId === around.ranking.edges[0].node.tokenId);
    expect([...around.ranking.edges, ...next.ranking.edges].map((e) => e.node.tokenId)).toEqual(expected.slice(start, start + 10).map((r) => r.tokenId));
  });

  it("rejects foreign, forged and conflicting cursors and out-of-range ranks with BAD_USER_INPUT", async () => {
    const other = encodeRankingCursor(seeded.completed["beta/greatest"], "TOP", { score: 1, tokenId: 1 });
    const cases = [
      { after: other },
      { after: encodeRankingCursor(seeded.completed["alpha/greatest"], "BOTTOM", { score: 1, tokenId: 1 }) },
      { after: "not-a-cursor" },
      { after: Buffer.from(`{"v":1,"s":1,"o":"T","c":"1); DROP TABLE x; --","t":1}`).toString("base64url") },
      { around: 0 },
      { around: 5001 },
      { around: 10, after: other },
      { around: 10, aroundTokenId: 3 },
      { first: 0 },
    ];
    for (const variables of cases) {
      const result = await execute(t.db, RANKING, { model: "alpha", prompt: "greatest", ...variables });
      expect(errorCodes(result), JSON.stringify(variables)).toEqual(["BAD_USER_INPUT"]);
    }
  });

  it("NOT_FOUND for an unknown model or prompt, or a model x prompt without a completed sweep", async () => {
    for (const [model, prompt] of [["nope", "greatest"], ["alpha", "nope"], ["gamma", "worst"], ["beta", "best"]]) {
      expect(errorCodes(await execute(t.db, RANKING, { model, prompt }))).toEqual(["NOT_FOUND"]);
    }
  });
});

describe("sweeps: progress, settings, admin-only fields", () => {
  const SWEEP = `query($id: Int!) { sweep(id: $id) { id status progress etaSeconds scoredCount tokenCount settingsKey mode vocabPolicy prefixIds suffixIds error softwareVersions model { slug source } } }`;

  it("a running sweep reports progress and an ETA", async () => {
    const result = await data<{ sweep: { progress: number; etaSeconds: number; status: string } }>(t.db, SWEEP, { id: seeded.runningSweepId });
    expect(result.sweep).toMatchObject({ status: "RUNNING", progress: 0.2 });
    expect(result.sweep.etaSeconds).toBeGreaterThan(30);
  });

  it("hides error, softwareVersions and local source paths from anonymous clients, shows them to admins", async () => {
    const anonymous = await data<{ sweep: Record<string, unknown> & { model: { source: string } } }>(t.db, SWEEP, { id: seeded.failedSweepId });
    expect(anonymous.sweep).toMatchObject({ status: "FAILED", error: null, softwareVersions: null, model: { source: "local bundle" } });
    const admin = await data<{ sweep: Record<string, unknown> & { model: { source: string } } }>(t.db, SWEEP, { id: seeded.failedSweepId }, "admin");
    expect(admin.sweep.error).toMatch(/ENOENT/);
    expect(admin.sweep.softwareVersions).toEqual({ node: "20", onnxruntime: "1.30" });
    expect(admin.sweep.model.source).toBe("/home/someone/private/gamma-bundle");
    const models = await data<{ models: { slug: string; source: string }[] }>(t.db, `{ models { slug source } }`);
    expect(models.models.map((m) => m.source)).toEqual(["org/alpha-rm", "https://example.org/beta", "local bundle"]);
  });
});

describe("ranking: tokens WORDS", () => {
  /** The words of a seeded model's sweep in TOP order: one optional leading space, then letters. */
  async function expectedWords(sweepId: number, model: "alpha" | "beta" | "gamma") {
    const decoded = seeded.models[model].decoded;
    return (await sqlOrder(sweepId, "TOP"))
      .map((r) => ({ ...r, decoded: decoded[r.tokenId] }))
      .filter((r) => /^ ?\p{L}[\p{L}\p{M}]*$/u.test(r.decoded));
  }

  it("pages through the words only, keeping whole-sweep ranks, and counts them", async () => {
    const sweepId = seeded.completed["alpha/greatest"];
    const expected = await expectedWords(sweepId, "alpha");
    expect(expected.length).toBeGreaterThan(5); // love, Love, LOVE, lovely, ab, café, ...
    expect(seeded.models.alpha.decoded).toContain("\ttab"); // letters after a tab: not a word
    const { nodes, pages } = await walk("alpha", "greatest", "TOP", 3, "WORDS");
    expect(pages).toBe(Math.ceil(expected.length / 3));
    expect(nodes.map((n) => n.tokenId)).toEqual(expected.map((r) => r.tokenId));
    expect(nodes.map((n) => n.rank)).toEqual(expected.map((r) => r.rank)); // gaps: ranks among all ids
    const page = await data<RankingData>(t.db, RANKING, { model: "alpha", prompt: "greatest", first: 1, tokens: "WORDS" });
    expect(page.ranking.totalCount).toBe(expected.length);
    const all = await data<RankingData>(t.db, RANKING, { model: "alpha", prompt: "greatest", first: 1 });
    expect(all.ranking.totalCount).toBe(5000);
    const bottom = await walk("alpha", "greatest", "BOTTOM", 4, "WORDS");
    expect(bottom.nodes.map((n) => n.tokenId)).toEqual(expected.map((r) => r.tokenId).reverse());
  });

  it("a window around a rank holds words only", async () => {
    const sweepId = seeded.completed["alpha/greatest"];
    const expected = await expectedWords(sweepId, "alpha");
    const middle = expected[Math.floor(expected.length / 2)];
    const result = await data<RankingData>(t.db, RANKING, { model: "alpha", prompt: "greatest", aroundTokenId: middle.tokenId, first: 3, tokens: "WORDS" });
    const index = expected.findIndex((r) => r.tokenId === middle.tokenId);
    expect(result.ranking.edges.map((e) => e.node.tokenId)).toEqual(expected.slice(index - 1, index + 2).map((r) => r.tokenId));
  });
});

describe("candidate sets", () => {
  const ITEMS = `query($slug: String!, $first: Int, $after: String, $models: [String!], $prompts: [String!]) {
    candidateSet(slug: $slug) {
      slug name itemCount
      items(first: $first, after: $after) {
        totalCount
        edges { cursor node { position text humanScore humanRank scores(modelSlugs: $models, promptSlugs: $prompts) { score model { slug } prompt { slug } } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }`;
  interface ItemsData {
    candidateSet: {
      itemCount: number;
      items: {
        totalCount: number;
        edges: { node: { position: number; text: string; scores: { score: number; model: { slug: string }; prompt: { slug: string } }[] } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
  }

  it("lists sets and pages through items with their per model x prompt scores", async () => {
    const sets = await data<{ candidateSets: { slug: string; itemCount: number }[] }>(t.db, `{ candidateSets { slug itemCount } }`);
    expect(sets.candidateSets).toEqual([{ slug: "elo", itemCount: 120 }]);
    const positions: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: ItemsData = await data<ItemsData>(t.db, ITEMS, { slug: "elo", first: 50, after });
      for (const edge of page.candidateSet.items.edges) {
        positions.push(edge.node.position);
        expect(edge.node.scores).toHaveLength(3);
      }
      if (!page.candidateSet.items.pageInfo.hasNextPage) break;
      after = page.candidateSet.items.pageInfo.endCursor;
    }
    expect(positions).toEqual(Array.from({ length: 120 }, (_, i) => i));
  });

  it("filters scores by model and prompt slugs", async () => {
    const page = await data<ItemsData>(t.db, ITEMS, { slug: "elo", first: 5, models: ["beta"], prompts: ["worst"] });
    const item = page.candidateSet.items.edges[4].node;
    expect(item.scores).toEqual([{ score: 4, model: { slug: "beta" }, prompt: { slug: "worst" } }]);
    expect(page.candidateSet.items.edges[3].node.text).toBe('=HYPERLINK("x")');
  });

  it("rejects a cursor of another set and oversized pages", async () => {
    const bad = Buffer.from(JSON.stringify({ v: 1, s: 999, p: 3 })).toString("base64url");
    expect(errorCodes(await execute(t.db, ITEMS, { slug: "elo", after: bad }))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await execute(t.db, ITEMS, { slug: "elo", first: 501 }))).toEqual(["BAD_USER_INPUT"]);
  });
});
