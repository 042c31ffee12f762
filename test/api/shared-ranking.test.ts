// Top-k and bottom-k over a prompt's shared vocabulary (METHOD: "raw and shared vocabulary"):
// ranking(tokens: SHARED) lists exactly the model's ids in the stored mapping, in score order, with
// the whole sweep's ranks; a model left out of the comparison (the demo model beside two real ones)
// is told so.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSharedVocab } from "../../server/analysis";
import { refreshInsights } from "../../server/insights/refresh";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { data, errorCodes, execute } from "./helpers";
import { seedApiData, type Seeded } from "./seed";

let t: TestDatabase;
let seeded: Seeded;

beforeAll(async () => {
  t = await createTestDatabase();
  seeded = await seedApiData(t.db);
  const pool = new pg.Pool({ connectionString: t.url });
  await refreshInsights(pool, { resamples: 20, permutations: 20 }).finally(() => pool.end());
});
afterAll(async () => t.drop());

const QUERY = `query($model: String!, $after: String, $order: RankOrder) {
  ranking(modelSlug: $model, promptSlug: "greatest", tokens: SHARED, order: $order, first: 400, after: $after) {
    totalCount edges { node { tokenId rank } } pageInfo { hasNextPage endCursor }
  }
}`;
type Page = { ranking: { totalCount: number; edges: { node: { tokenId: number; rank: number } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };

describe("ranking over the shared vocabulary", () => {
  it("lists the model's shared-vocabulary ids in score order, with whole-sweep ranks", async () => {
    // The shared vocabulary of alpha and beta, built here from the seeded vocabularies.
    const { alpha, beta } = seeded.models;
    const entries = (m: typeof alpha) => m.decoded.map((text, tokenId) => ({ tokenId, text }));
    const shared = buildSharedVocab([entries(alpha), entries(beta)]);
    const expectedIds = new Set(shared.tokenIds[0]);
    expect(expectedIds.size).toBeGreaterThan(100);
    const nodes: { tokenId: number; rank: number }[] = [];
    let after: string | null = null;
    let total = 0;
    for (;;) {
      const page: Page = await data<Page>(t.db, QUERY, { model: alpha.slug, after });
      total = page.ranking.totalCount;
      nodes.push(...page.ranking.edges.map((e) => e.node));
      if (!page.ranking.pageInfo.hasNextPage) break;
      after = page.ranking.pageInfo.endCursor;
    }
    expect(new Set(nodes.map((n) => n.tokenId))).toEqual(expectedIds);
    expect(nodes).toHaveLength(expectedIds.size);
    expect(total).toBe(expectedIds.size);
    const sql = await t.db.$queryRaw<{ tokenId: number; rank: number }[]>`
      SELECT "tokenId", rank FROM "Score" WHERE "sweepId" = ${seeded.completed["alpha/greatest"]} AND "tokenId" = ANY(${[...expectedIds]}::int[])
       ORDER BY score DESC, "tokenId" DESC`;
    expect(nodes).toEqual(sql);
    expect(nodes.some((n, i) => n.rank > i + 1)).toBe(true); // gaps: ranks stay the whole sweep's
  });

  it("keeps the shared vocabulary of the normalisation asked for", async () => {
    const { alpha, beta } = seeded.models;
    const entries = (m: typeof alpha) => m.decoded.map((text, tokenId) => ({ tokenId, text }));
    const paper = new Set(buildSharedVocab([entries(alpha), entries(beta)]).tokenIds[0]);
    const folded = new Set(buildSharedVocab([entries(alpha), entries(beta)], { stripLeadingSpace: true, caseFold: true }).tokenIds[0]);
    expect(folded.size).not.toBe(paper.size); // the seeded vocabularies tell the two apart
    const query = `query($model: String!) {
      ranking(modelSlug: $model, promptSlug: "greatest", tokens: SHARED, sharedVocabulary: STRIP_SPACE_CASEFOLD, first: 500) {
        totalCount sharedIds: edges { node { tokenId } } pageInfo { hasNextPage }
      }
    }`;
    const page = await data<{ ranking: { totalCount: number; sharedIds: { node: { tokenId: number } }[]; pageInfo: { hasNextPage: boolean } } }>(t.db, query, { model: alpha.slug });
    expect(page.ranking.totalCount).toBe(folded.size);
    if (!page.ranking.pageInfo.hasNextPage) expect(new Set(page.ranking.sharedIds.map((e) => e.node.tokenId))).toEqual(folded);
    else for (const { node } of page.ranking.sharedIds) expect(folded.has(node.tokenId)).toBe(true);
  });

  it("says so for a model that is not in the comparison", async () => {
    const result = await execute(t.db, QUERY, { model: seeded.models.gamma.slug });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(JSON.stringify(result.errors)).toMatch(/not in the prompt's shared vocabulary/);
  });

  it("keeps exactly a small shared set's ids, with the sweep's other ids past the end of its bitmap", async () => {
    // A stored mapping (a new version) in which alpha shares only ids 3 and 10: every other id of
    // alpha's 5,000 lies beyond the 16 ids the membership bitmap covers.
    await t.db.$executeRaw`
      UPDATE "AnalysisResult" r
         SET "inputsKey" = r."inputsKey" || ':small',
             result = jsonb_set(r.result, ARRAY['tokenIds', (m.position - 1)::text], '[10, 3]'::jsonb)
        FROM "AnalysisResult" r2, LATERAL jsonb_array_elements(r2.result->'modelIds') WITH ORDINALITY AS m(id, position)
       WHERE r.id = r2.id AND r.kind = 'shared-vocab-mapping' AND r.params @> '{"normalization": "PAPER"}'::jsonb
         AND r.params @> ${JSON.stringify({ promptId: seeded.prompts.greatest })}::jsonb AND m.id = to_jsonb(${seeded.models.alpha.id}::int)`;
    const page = await data<Page>(t.db, QUERY, { model: seeded.models.alpha.slug, after: null, order: "BOTTOM" });
    expect(page.ranking.totalCount).toBe(2);
    expect(page.ranking.edges.map((e) => e.node.tokenId).sort((a, b) => a - b)).toEqual([3, 10]);
  });
});
