// Which sweep stands for a model x prompt (server/catalog/representativeSweep.ts), everywhere one is
// shown: a `--limit` smoke test or a paper-mode run that finishes after the whole-vocabulary id
// sweep must not replace it in the rankings, the token pages or the stored analyses.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../server/insights/load";
import { refreshInsights } from "../../server/insights/refresh";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { data } from "./helpers";
import { insertScores, seedApiData, writeRanks, type Seeded } from "./seed";

let t: TestDatabase;
let seeded: Seeded;
let whole: number;
let smokeTest: number;
let paper: number;
let gammaImport: number;
let gammaSmokeTest: number;

beforeAll(async () => {
  t = await createTestDatabase();
  seeded = await seedApiData(t.db);
  whole = seeded.completed["alpha/greatest"];
  const later = async (mode: "ID" | "PAPER", vocabPolicy: string, count: number, minutes: number, model = seeded.models.alpha) => {
    const sweep = await t.db.sweep.create({
      data: {
        modelId: model.id, promptId: seeded.prompts.greatest, mode, settingsKey: `${model.slug}/greatest/${mode}/${vocabPolicy}`, vocabPolicy,
        tokenCount: count, scoredCount: count, backend: "onnx", status: "COMPLETED", finishedAt: new Date(Date.now() + minutes * 60_000),
      },
    });
    await insertScores(t.db, sweep.id, model.size, 77 + minutes, count);
    await writeRanks(t.db, sweep.id);
    return sweep.id;
  };
  smokeTest = await later("ID", "all;first:50", 50, 1); // finished after the whole sweep
  paper = await later("PAPER", "all", seeded.models.alpha.size, 2); // and this one after both
  gammaImport = seeded.completed["gamma/greatest"]; // gamma's whole vocabulary, imported
  gammaSmokeTest = await later("ID", "all;first:50", 50, 3, seeded.models.gamma); // an id-mode smoke test after it
});
afterAll(async () => t.drop());

describe("the representative sweep of a model x prompt", () => {
  it("is the whole-vocabulary id-mode sweep for rankings, whatever finished later", async () => {
    expect(whole).toEqual(expect.any(Number));
    const ranking = (mode: string | null) =>
      data<{ ranking: { sweep: { id: number } } }>(t.db, `query($mode: SweepMode) { ranking(modelSlug: "${seeded.models.alpha.slug}", promptSlug: "greatest", mode: $mode, first: 1) { sweep { id } } }`, { mode });
    expect((await ranking(null)).ranking.sweep.id).toBe(whole);
    expect((await ranking("ID")).ranking.sweep.id).toBe(whole);
    expect((await ranking("PAPER")).ranking.sweep.id).toBe(paper); // asked for by mode
    const gammaRanking = await data<{ ranking: { sweep: { id: number } } }>(t.db, `{ ranking(modelSlug: "${seeded.models.gamma.slug}", promptSlug: "greatest", first: 1) { sweep { id } } }`);
    expect(gammaRanking.ranking.sweep.id).toBe(gammaImport);
  });

  it("gives the token pages one score per prompt and mode, from the same sweeps", async () => {
    const result = await data<{ token: { matches: { model: { slug: string }; scores: { sweep: { id: number }; prompt: { slug: string }; mode: string }[] }[] } }>(
      t.db,
      `{ token(text: "love") { matches { model { slug } scores { sweep { id } prompt { slug } mode } } } }`,
    );
    const alpha = result.token.matches.filter((m) => m.model.slug === seeded.models.alpha.slug);
    expect(alpha.length).toBeGreaterThan(0);
    for (const match of alpha) {
      const greatest = match.scores.filter((s) => s.prompt.slug === "greatest");
      expect(greatest.map((s) => [s.mode, s.sweep.id]).sort()).toEqual([["ID", whole], ["PAPER", paper]]);
    }
  });

  it("is the sweep the stored analyses are computed from", async () => {
    const pool = new pg.Pool({ connectionString: t.url });
    try {
      const catalogue = await loadCatalogue(pool);
      const chosen = catalogue.sweeps.find((s) => s.model.id === seeded.models.alpha.id && s.prompt.id === seeded.prompts.greatest);
      expect(chosen?.sweepId).toBe(whole);
      expect([smokeTest, paper]).not.toContain(chosen?.sweepId);
      // A whole vocabulary in another mode (an import) beats an id-mode sweep of the first N ids.
      const gamma = catalogue.sweeps.find((s) => s.model.id === seeded.models.gamma.id && s.prompt.id === seeded.prompts.greatest);
      expect(gamma?.sweepId).toBe(gammaImport);
      expect(gamma?.sweepId).not.toBe(gammaSmokeTest);
    } finally {
      await pool.end();
    }
  });

  it("keeps the demo model out of the real models' shared vocabulary, saying why", async () => {
    const pool = new pg.Pool({ connectionString: t.url });
    await refreshInsights(pool, { resamples: 20, permutations: 20 }).finally(() => pool.end());
    const { heterogeneity } = await data<{ heterogeneity: { models: { slug: string }[]; notCompared: { model: string; reason: string }[] } }>(
      t.db,
      `{ heterogeneity(promptSlug: "greatest") { models { slug } notCompared { model reason } } }`,
    );
    expect(heterogeneity.models.map((m) => m.slug)).toEqual([seeded.models.alpha.slug, seeded.models.beta.slug]);
    expect(heterogeneity.notCompared).toEqual([{ model: seeded.models.gamma.slug, reason: expect.stringMatching(/^demo model: compared only with other demo models/) }]);
  });
});
