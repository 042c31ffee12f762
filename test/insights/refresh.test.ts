// refreshInsights against real demo sweeps: every materialised value equals server/analysis
// applied directly to the Score rows read back here (an independent path through the code), a
// second refresh does nothing, and adding, re-running or deleting a sweep refreshes exactly the
// rows that depend on it.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  afinnLexicon,
  buildSharedVocab,
  classicalMds,
  describe as describeScores,
  frequencyBias,
  framingRankings,
  framingSensitivity,
  gatherScores,
  identityGroupStats,
  kendallTauBJackknife,
  spearmanRhoJackknife,
  largestDisagreements,
  matchValence,
  oneMinus,
  pairwiseStatistics,
  DEFAULT_MATCH_OPTIONS,
  prepareTieRanking,
  quantiles,
  subtlexFrequencies,
  tauShuffleNull,
  valenceAsymmetry,
  valenceSlopeNull,
} from "../../server/analysis";
import { refreshInsights } from "../../server/insights/refresh";
import { REFRESH_LOCK } from "../../server/insights/store";
import type {
  StoredDistribution,
  StoredFraming,
  StoredFrequencyBias,
  StoredHeterogeneity,
  StoredIdentity,
  StoredSharedVocabMapping,
  StoredValenceAsymmetry,
} from "../../server/insights/stored";
import type { TestDatabase } from "../helpers/db";
import { DEMO_SLUGS, expectClose, readSweep, snapshotRows, storedResult, sweepDemo, TEST_OPTIONS, openSeededDatabase } from "./helpers";

const LLAMA = DEMO_SLUGS["llama3.1"];
const QWEN = DEMO_SLUGS.qwen3;
const GEMMA = DEMO_SLUGS.gemma3;
const seed = 20250611; // DEFAULT_SEED: refresh and the direct computations draw the same resamples
const resampling = { resamples: TEST_OPTIONS.resamples, seed };

let t: TestDatabase;
let pool: pg.Pool;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, pool, close } = await openSeededDatabase());
  await sweepDemo(t.db, t.url, "llama3.1", ["greatest", "best", "worst"]);
  await sweepDemo(t.db, t.url, "qwen3", ["greatest", "best", "worst"]);
});
afterAll(() => close());

describe("refreshInsights", () => {
  it("materialises every analysis, and the values equal server/analysis applied to the Score rows", async () => {
    const analyzed = async () =>
      (await pool.query<{ relname: string }>(`SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NOT NULL AND relname IN ('Score', 'VocabToken', 'CandidateScore') ORDER BY relname`)).rows.map((r) => r.relname);
    expect(await analyzed()).toEqual([]); // freshly loaded: no planner statistics yet
    const summary = await refreshInsights(pool, TEST_OPTIONS);
    expect(await analyzed()).toEqual(["CandidateScore", "Score", "VocabToken"]); // refreshed first
    // 6 sweeps x 4 + 3 prompts x 3 normalisations x 3 + 2 framings + leaderboard
    expect(summary).toMatchObject({ upToDate: false, sweeps: 6, rowsPlanned: 24 + 27 + 2 + 1, rowsComputed: 54, unavailable: [] });

    const llama = await readSweep(pool, LLAMA, "greatest");
    const distribution = await storedResult<StoredDistribution>(pool, "distribution", { modelSlug: LLAMA, promptSlug: "greatest" });
    const d = describeScores(llama.scores);
    expect(distribution).toMatchObject({ sweepId: llama.sweepId, n: 20_000, min: d.min, max: d.max });
    expectClose(distribution.mean, d.mean);
    expectClose(distribution.variance, d.varianceSample);
    expectClose(distribution.skewness, d.skewness, 1e-7);
    expect(distribution.quantiles).toEqual(Array.from(quantiles(llama.scores, [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99])));
    expect(distribution.histogram).toHaveLength(40);
    expect(distribution.histogram.reduce((s, b) => s + b.count, 0)).toBe(20_000);

    const match = matchValence(llama.texts, afinnLexicon(), DEFAULT_MATCH_OPTIONS);
    const asym = valenceAsymmetry(llama.scores, match, resampling);
    const nullDist = valenceSlopeNull(llama.scores, match, { resamples: TEST_OPTIONS.permutations, seed });
    const valence = await storedResult<StoredValenceAsymmetry>(pool, "valence-asymmetry", { modelSlug: LLAMA, promptSlug: "greatest" });
    expect(valence).toMatchObject({
      matchedTokens: match.indices.length,
      positive: { n: asym.positive.n, slope: { estimate: asym.positive.slope.estimate, low: asym.positive.slope.lower, high: asym.positive.slope.upper } },
      nonPositive: { n: asym.nonPositive.n, slope: { estimate: asym.nonPositive.slope.estimate } },
      difference: { estimate: asym.difference.estimate, low: asym.difference.lower, high: asym.difference.upper },
      nullDifference: { mean: nullDist.difference.estimate, low: nullDist.difference.lower, permutations: TEST_OPTIONS.permutations },
    });
    expect(valence.points).toHaveLength(match.indices.length); // fewer than 2,000: all kept
    // The cross-model scale: scores divided by the sweep's interquartile range, so every slope and
    // bound is the raw one divided by it (the same resamples), and the asymmetry keeps its sign.
    const [q1, q3] = quantiles(llama.scores, [0.25, 0.75]);
    const iqr = q3 - q1;
    const scaled = (raw: { estimate: number; lower: number; upper: number }, stored: { estimate: number; low: number; high: number } | null) => {
      expect(stored!.estimate).toBeCloseTo(raw.estimate / iqr, 9);
      expect(stored!.low).toBeCloseTo(raw.lower / iqr, 9);
      expect(stored!.high).toBeCloseTo(raw.upper / iqr, 9);
    };
    scaled(asym.positive.slope, valence.standardized.positive);
    scaled(asym.nonPositive.slope, valence.standardized.nonPositive);
    scaled(asym.difference, valence.standardized.difference);
    expect(Math.sign(valence.standardized.difference!.estimate)).toBe(Math.sign(asym.difference.estimate));

    const bias = frequencyBias(llama.scores, llama.texts, afinnLexicon(), subtlexFrequencies(), { ...DEFAULT_MATCH_OPTIONS, ...resampling });
    const frequency = await storedResult<StoredFrequencyBias>(pool, "frequency-bias", { modelSlug: LLAMA, promptSlug: "greatest" });
    expect(frequency).toMatchObject({
      matchedTokens: bias.n,
      logFrequency: { estimate: bias.logFrequency.estimate, low: bias.logFrequency.lower, high: bias.logFrequency.upper },
      valence: { estimate: bias.valence.estimate },
    });
    scaled(bias.logFrequency, frequency.logFrequencyStandardized);

    const groups = identityGroupStats(llama.scores, llama.texts, undefined, resampling);
    const identity = await storedResult<StoredIdentity>(pool, "identity-groups", { modelSlug: LLAMA, promptSlug: "greatest" });
    expect(identity.groups.map((g) => [g.groupId, g.matchedTokens, g.medianPercentile, g.effect?.estimate ?? null])).toEqual(
      groups.map((g) => [g.id, g.indices.length, g.indices.length ? g.medianPercentile : null, g.indices.length ? g.cliffsDelta.estimate : null]),
    );
    const matched = groups.find((g) => g.indices.length > 0);
    expect(identity.groups.find((g) => g.groupId === matched?.id)?.terms.map((h) => h.tokenId)).toEqual(Array.from(matched?.indices ?? [], (i) => llama.ids[i]));
  });

  it("stores the shared vocabulary mapping and heterogeneity equal to a direct computation", async () => {
    const sweeps = [await readSweep(pool, LLAMA, "best"), await readSweep(pool, QWEN, "best")];
    const entries = sweeps.map((s) => Array.from(s.ids, (tokenId, k) => ({ tokenId, text: s.texts[k] })));
    const vocab = buildSharedVocab(entries, { stripLeadingSpace: true });
    const mapping = await storedResult<StoredSharedVocabMapping>(pool, "shared-vocab-mapping", { promptSlug: "best", normalization: "STRIP_SPACE" });
    expect(mapping.strings).toEqual(vocab.strings);
    expect(mapping.tokenIds).toEqual(vocab.tokenIds.map((ids) => Array.from(ids)));

    const byId = sweeps.map((s) => {
      const out = new Float64Array(s.ids[s.ids.length - 1] + 1).fill(NaN);
      s.ids.forEach((id, k) => (out[id] = s.scores[k]));
      return out;
    });
    const gathered = byId.map((scores, m) => gatherScores(scores, vocab.tokenIds[m]));
    const matrices = pairwiseStatistics(gathered);
    const het = await storedResult<StoredHeterogeneity>(pool, "heterogeneity", { promptSlug: "best", normalization: "STRIP_SPACE" });
    expect(het.modelSlugs).toEqual([LLAMA, QWEN]);
    expect(het.sharedVocabularySize).toBe(vocab.strings.length);
    const jackknife = kendallTauBJackknife(prepareTieRanking(gathered[0]), prepareTieRanking(gathered[1]));
    const rhoInterval = spearmanRhoJackknife(prepareTieRanking(gathered[0]), prepareTieRanking(gathered[1]));
    const apart = largestDisagreements(gathered[0], gathered[1], 20);
    const strings = (indices: Int32Array) =>
      Array.from(indices, (i) => ({ text: vocab.strings[i], percentileA: apart.percentileA[i], percentileB: apart.percentileB[i] }));
    expect(het.pairs).toEqual([{
      a: LLAMA, b: QWEN, kendallTau: matrices.tau?.[1], spearmanRho: matrices.rho?.[1], rbo: matrices.rbo?.[1],
      kendallTauInterval: { estimate: matrices.tau?.[1], low: jackknife.lower, high: jackknife.upper },
      spearmanRhoInterval: { estimate: rhoInterval.estimate, low: rhoInterval.lower, high: rhoInterval.upper },
      aOverB: strings(apart.aOverB), bOverA: strings(apart.bOverA),
    }]);
    // Two models: each one's mean tau is the pair's tau, with the pair's interval.
    expect(het.meanTauIntervals).toEqual([het.pairs[0].kendallTauInterval, het.pairs[0].kendallTauInterval]);
    expect(het.pairs[0].aOverB).toHaveLength(20);
    expect(het.pairs[0].aOverB[0].percentileA - het.pairs[0].aOverB[0].percentileB).toBeGreaterThan(50); // demo models disagree a lot
    expect(jackknife.lower).toBeLessThan(jackknife.upper);
    const mds = classicalMds(oneMinus(matrices.tau as Float64Array), 2);
    expect(het.mds.map((p) => [p.x, p.y])).toEqual([Array.from(mds.coords.subarray(0, 2)), Array.from(mds.coords.subarray(2, 4))]);
    const tauNull = tauShuffleNull(gathered[0], gathered[0], { resamples: TEST_OPTIONS.permutations, seed });
    expect(het.tauNull).toEqual({ mean: tauNull.estimate, low: tauNull.lower, high: tauNull.upper, permutations: TEST_OPTIONS.permutations });
  });

  it("stores framing equal to a direct computation on the best and worst sweeps joined by token id", async () => {
    const joined = await pool.query<{ tokenId: number; best: number; worst: number }>(
      `SELECT b."tokenId", b.score AS best, w.score AS worst
         FROM "Score" b JOIN "Score" w ON w."tokenId" = b."tokenId"
        WHERE b."sweepId" = $1 AND w."sweepId" = $2 ORDER BY b."tokenId"`,
      [(await readSweep(pool, QWEN, "best")).sweepId, (await readSweep(pool, QWEN, "worst")).sweepId],
    );
    const ids = Int32Array.from(joined.rows, (r) => r.tokenId);
    const best = Float64Array.from(joined.rows, (r) => Math.fround(r.best));
    const worst = Float64Array.from(joined.rows, (r) => Math.fround(r.worst));
    const sensitivity = framingSensitivity(best, worst);
    const rankings = framingRankings({ tokenIds: ids, scores: best }, { tokenIds: ids, scores: worst }, 50);
    const framing = await storedResult<StoredFraming>(pool, "framing", { modelSlug: QWEN, positivePromptSlug: "best" });
    expect(framing).toMatchObject({
      n: ids.length,
      rankCorrelation: sensitivity.spearmanBestWorst,
      kendallTau: sensitivity.kendallBestWorst,
      reversalDistance: sensitivity.reversalDistance,
      sensitivity: 1 - 2 * sensitivity.reversalDistance,
    });
    expect(framing.topSum.map((r) => r.tokenId)).toEqual(Array.from(rankings.topSum, (i) => ids[i]));
    expect(framing.bottomDifference.map((r) => r.value)).toEqual(Array.from(rankings.bottomDifference, (i) => rankings.difference[i]));
    // Down-sampled to 2,000 points, keeping every labelled token and the axes' extremes.
    expect(framing.points).toHaveLength(2000);
    const plotted = new Set(framing.points.map((p) => p.tokenId));
    for (const list of [framing.topSum, framing.bottomSum, framing.topDifference, framing.bottomDifference]) {
      for (const token of list) expect(plotted.has(token.tokenId)).toBe(true);
    }
    const highestBest = ids[best.indexOf(Math.max(...best))];
    expect(plotted.has(highestBest)).toBe(true);
  });

  it("is idempotent: a second refresh with unchanged inputs writes nothing", async () => {
    const before = await snapshotRows(pool);
    const logs: string[] = [];
    const summary = await refreshInsights(pool, { ...TEST_OPTIONS, log: (line) => logs.push(line) });
    expect(summary).toMatchObject({ upToDate: true, rowsComputed: 0, rowsRemoved: 0, rowsUnchanged: 54 });
    expect(logs.join("\n")).toContain("up to date");
    expect(await snapshotRows(pool)).toEqual(before);
  });

  it("stores the same results, byte for byte, from worker threads and from the calling thread", async () => {
    const results = async () =>
      (await pool.query<{ kind: string; inputsKey: string; params: string; result: string }>(
        `SELECT kind, "inputsKey", params::text, result::text FROM "AnalysisResult" ORDER BY kind, "inputsKey"`,
      )).rows;
    await pool.query(`DELETE FROM "AnalysisResult"`);
    const threaded = await refreshInsights(pool, { ...TEST_OPTIONS, threads: 3 });
    const fromThreads = await results();
    await pool.query(`DELETE FROM "AnalysisResult"`);
    const inProcess = await refreshInsights(pool, { ...TEST_OPTIONS, threads: 0 });
    expect(inProcess.rowsComputed).toBe(54);
    expect(threaded.rowsComputed).toBe(54);
    expect(fromThreads).toHaveLength(54);
    expect(await results()).toEqual(fromThreads);
  });

  it("refreshes exactly what depends on a new, a re-run or a deleted sweep", async () => {
    const before = new Map((await snapshotRows(pool)).map((r) => [`${r.kind}|${r.scope}`, r]));
    await sweepDemo(t.db, t.url, "gemma3", ["greatest"]);
    const added = await refreshInsights(pool, TEST_OPTIONS);
    // gemma3 x greatest: 4 per-sweep rows; greatest's 9 vocabulary rows; the leaderboard.
    expect(added).toMatchObject({ upToDate: false, rowsComputed: 4 + 9 + 1, rowsRemoved: 9 + 1 });
    const after = await snapshotRows(pool);
    const changed = after.filter((r) => before.get(`${r.kind}|${r.scope}`)?.inputsKey !== r.inputsKey);
    expect(new Set(changed.map((r) => r.kind))).toEqual(
      new Set(["distribution", "valence-asymmetry", "frequency-bias", "identity-groups", "shared-vocab", "shared-vocab-mapping", "heterogeneity", "leaderboard"]),
    );
    const het = await storedResult<StoredHeterogeneity>(pool, "heterogeneity", { promptSlug: "greatest", normalization: "PAPER" });
    expect(het.modelSlugs).toEqual([GEMMA, LLAMA, QWEN]);
    expect(het.pairs).toHaveLength(3);
    // One row per (kind, scope), always.
    expect(new Set(after.map((r) => `${r.kind}|${r.scope}`)).size).toBe(after.length);

    // Re-running a sweep (new finishedAt) refreshes its rows, its prompt's and its framing.
    await sweepDemo(t.db, t.url, "qwen3", ["worst"], { force: true });
    const rerun = await refreshInsights(pool, TEST_OPTIONS);
    expect(rerun.rowsComputed).toBe(4 + 9 + 1 + 1);

    // Deleting a sweep removes its rows and the framing that needed it.
    const worst = await readSweep(pool, LLAMA, "worst");
    await pool.query(`DELETE FROM "Score" WHERE "sweepId" = $1`, [worst.sweepId]);
    await pool.query(`DELETE FROM "Sweep" WHERE id = $1`, [worst.sweepId]);
    const removed = await refreshInsights(pool, TEST_OPTIONS);
    expect(removed.rowsRemoved).toBe(4 + 1 + 9 + 1);
    const framings = await pool.query(`SELECT params->>'modelSlug' AS slug FROM "AnalysisResult" WHERE kind = 'framing'`);
    expect(framings.rows.map((r) => r.slug)).toEqual([QWEN]);
    expect((await refreshInsights(pool, TEST_OPTIONS)).upToDate).toBe(true);
  });

  it("serialises concurrent refreshes: both finish, and the rows are one consistent set", async () => {
    await sweepDemo(t.db, t.url, "gemma3", ["best"]);
    const [a, b] = await Promise.all([refreshInsights(pool, TEST_OPTIONS), refreshInsights(pool, TEST_OPTIONS)]);
    expect([a.upToDate, b.upToDate].sort()).toEqual([false, true]);
    const rows = await snapshotRows(pool);
    expect(new Set(rows.map((r) => `${r.kind}|${r.scope}`)).size).toBe(rows.length);
  });

  it("queues refreshes asked for while one runs: later callers share one further refresh", async () => {
    await sweepDemo(t.db, t.url, "gemma3", ["worst"]);
    const [a, b, c] = [refreshInsights(pool, TEST_OPTIONS), refreshInsights(pool, TEST_OPTIONS), refreshInsights(pool, TEST_OPTIONS)];
    expect(b).toBe(c);
    const [first, second] = await Promise.all([a, b]);
    expect(first.upToDate).toBe(false);
    expect(second.upToDate).toBe(true);
    // The queue drains: a later call runs at once.
    expect((await refreshInsights(pool, TEST_OPTIONS)).upToDate).toBe(true);
  });

  it("waits for a refresh holding the lock in another process (advisory lock on the database)", async () => {
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query("SELECT pg_advisory_lock($1)", [REFRESH_LOCK]);
      let settled = false;
      const waiting = refreshInsights(pool, TEST_OPTIONS).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settled).toBe(false);
      await other.query("SELECT pg_advisory_unlock($1)", [REFRESH_LOCK]);
      expect((await waiting).upToDate).toBe(true);
    } finally {
      await other.end();
    }
  });
});
