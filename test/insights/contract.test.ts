// The insights GraphQL contract (schema.graphql + insights.graphql, resolvers over materialised
// rows), the paper's qualitative findings as properties of what the tool computes on the demo
// models, and the EloEverything human baseline against Spearman computed from the CSV itself.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCandidateTable } from "../../runner/import/candidateTable";
import { slugForModelId } from "../../runner/import/importedModels";
import { kendallTauB, kendallTauBJackknife, prepareTieRanking, spearmanRhoJackknife } from "../../server/analysis";
import { refreshInsights } from "../../server/insights/refresh";
import type { TestDatabase } from "../helpers/db";
import { ELO_FILES, sharedData } from "../helpers/sharedData";
import { DEMO_SLUGS, execute, sweepDemo, TEST_OPTIONS, openSeededDatabase } from "./helpers";

const DEMO = Object.values(DEMO_SLUGS).sort();
const PROMPTS = ["greatest", "best", "worst"];

let t: TestDatabase;
let pool: pg.Pool;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, pool, close } = await openSeededDatabase());
  for (const family of ["llama3.1", "qwen3", "gemma3"] as const) await sweepDemo(t.db, t.url, family, PROMPTS);
  for (const file of ELO_FILES) await importCandidateTable(pool, { file: sharedData("paper-eloeverything", file) });
  const summary = await refreshInsights(pool, TEST_OPTIONS);
  expect(summary.unavailable).toEqual([]);
});
afterAll(() => close());

interface Interval {
  estimate: number;
  low: number;
  high: number;
}

async function query<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await execute<T>(t.db, text, variables);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

const INTERVAL = "{ estimate low high }";

describe("the insights GraphQL contract", () => {
  it("distribution, shared vocabulary and heterogeneity (sliced to the requested models)", async () => {
    const data = await query<{
      distribution: { model: { slug: string; isDemo: boolean }; sweep: { status: string }; n: number; quantiles: number[]; histogram: { count: number }[]; min: number; max: number };
      sharedVocabulary: { normalization: string; models: { slug: string }[]; size: number; droppedAsDuplicates: number; sample: string[] };
      all: { sharedVocabularySize: number; models: { slug: string }[]; kendallTau: number[][] };
      two: {
        sharedVocabularySize: number;
        models: { slug: string }[];
        kendallTau: number[][];
        spearmanRho: number[][];
        rbo: number[][];
        pairs: { a: string; b: string; kendallTau: number }[];
        mds: { model: { slug: string }; x: number; y: number }[];
        tauNull: { mean: number; low: number; high: number; permutations: number };
        excludedModels: string[];
      };
    }>(
      `query ($two: [String!]) {
        distribution(modelSlug: "${DEMO_SLUGS.gemma3}", promptSlug: "worst") {
          model { slug isDemo } prompt { slug } sweep { status } n mean variance skewness min max quantiles histogram { from to count }
        }
        sharedVocabulary(promptSlug: "greatest", normalization: STRIP_SPACE) { normalization models { slug } size droppedAsDuplicates sample }
        all: heterogeneity(promptSlug: "greatest") { sharedVocabularySize models { slug } kendallTau }
        two: heterogeneity(promptSlug: "greatest", modelSlugs: $two) {
          prompt { slug } normalization sharedVocabularySize models { slug } kendallTau spearmanRho rbo
          pairs { a b kendallTau spearmanRho rbo } mds { model { slug } x y } tauNull { mean low high permutations } excludedModels
        }
      }`,
      { two: [DEMO_SLUGS.qwen3, DEMO_SLUGS["llama3.1"], "no-such-model"] },
    );
    expect(data.distribution).toMatchObject({ model: { slug: DEMO_SLUGS.gemma3, isDemo: true }, sweep: { status: "COMPLETED" }, n: 20_000 });
    expect(data.distribution.quantiles).toHaveLength(7);
    expect(data.distribution.histogram).toHaveLength(40);
    expect(data.sharedVocabulary).toMatchObject({ normalization: "STRIP_SPACE", models: DEMO.map((slug) => ({ slug })) });
    expect(data.sharedVocabulary.size).toBeGreaterThan(1000);
    expect(data.sharedVocabulary.sample.length).toBeGreaterThan(0);
    expect(data.all.models.map((m) => m.slug)).toEqual(DEMO);
    // The slice keeps the all-model shared vocabulary and the stored order of models.
    const two = data.two;
    expect(two.sharedVocabularySize).toBe(data.all.sharedVocabularySize);
    expect(two.models.map((m) => m.slug)).toEqual([DEMO_SLUGS["llama3.1"], DEMO_SLUGS.qwen3]);
    expect(two.kendallTau).toEqual([
      [1, data.all.kendallTau[1][2]],
      [data.all.kendallTau[2][1], 1],
    ]);
    expect(two.pairs).toEqual([expect.objectContaining({ a: DEMO_SLUGS["llama3.1"], b: DEMO_SLUGS.qwen3, kendallTau: data.all.kendallTau[1][2] })]);
    expect(two.mds.map((p) => p.model.slug)).toEqual([DEMO_SLUGS["llama3.1"], DEMO_SLUGS.qwen3]);
    expect(two.tauNull.permutations).toBe(TEST_OPTIONS.permutations);
    expect(two.excludedModels).toEqual([]);
  });

  it("valence asymmetry, frequency bias, identity groups, framing and the leaderboard", async () => {
    const data = await query<{
      valenceAsymmetry: { model: { slug: string }; lexicon: string; matchedTokens: number; points: { tokenId: number; text: string }[]; difference: Interval; standardized: { difference: Interval } }[];
      frequencyBias: { model: { slug: string }; source: string }[];
      identityGroups: { prompt: { slug: string }; groups: { category: string; group: string; groupId: string; model: { slug: string }; terms: { percentile: number }[] }[] };
      framing: { model: { slug: string }; positive: { slug: string }; negative: { slug: string }; topSum: unknown[]; bottomDifference: { text: string }[]; points: unknown[] };
      leaderboard: { model: { slug: string }; meanTau: number; meanTauInterval: Interval; valenceAsymmetry: Interval; framingSensitivity: number; frequencyBias: Interval; identityGap: Interval; identityGapGroup: string }[];
      greatestGroups: { groups: { group: string; model: { slug: string }; effectVsWords: Interval | null; nullVsWords: { mean: number; low: number; high: number } | null }[] };
    }>(
      `{
        valenceAsymmetry(promptSlug: "greatest", modelSlugs: ["${DEMO_SLUGS.qwen3}", "${DEMO_SLUGS.gemma3}"]) {
          model { slug } prompt { slug } lexicon matchedTokens positive { n slope ${INTERVAL} } nonPositive { n slope ${INTERVAL} }
          difference ${INTERVAL} nullDifference { mean low high permutations } points { tokenId text x y }
          standardized { positive ${INTERVAL} nonPositive ${INTERVAL} difference ${INTERVAL} }
        }
        frequencyBias(promptSlug: "best") { model { slug } prompt { slug } source matchedTokens logFrequency ${INTERVAL} valence ${INTERVAL} points { tokenId text x y } }
        identityGroups(promptSlug: "worst", category: "religion") {
          prompt { slug } groups { category group groupId model { slug } prompt { slug } matchedTokens medianPercentile effect ${INTERVAL} inPessimalTail shareInPessimalTail terms { tokenId text percentile } }
        }
        framing(modelSlug: "${DEMO_SLUGS["llama3.1"]}", k: 5) {
          model { slug } positive { slug } negative { slug } n rankCorrelation lexiconRankCorrelation kendallTau reversalDistance sensitivity
          positiveValenceSlope ${INTERVAL} negativeValenceSlope ${INTERVAL}
          valenceByGroup { positiveWordsUnderPositive ${INTERVAL} nonPositiveWordsUnderNegative ${INTERVAL} positiveFlips nonPositiveFlips positiveSteeperUnderPositive nonPositiveSteeperUnderNegative }
          topSum { tokenId text value } bottomSum { tokenId text value } topDifference { tokenId text value } bottomDifference { tokenId text value } points { tokenId text x y }
        }
        greatestGroups: identityGroups(promptSlug: "greatest") { groups { group model { slug } effectVsWords ${INTERVAL} nullVsWords { mean low high } } }
        leaderboard { model { slug } meanTau meanTauInterval ${INTERVAL} valenceAsymmetry ${INTERVAL} framingSensitivity frequencyBias ${INTERVAL} identityGap ${INTERVAL} identityGapGroup }
      }`,
    );
    expect(data.valenceAsymmetry.map((v) => v.model.slug)).toEqual([DEMO_SLUGS.gemma3, DEMO_SLUGS.qwen3]);
    expect(data.valenceAsymmetry[0]).toMatchObject({ lexicon: "AFINN-165" });
    expect(data.valenceAsymmetry[0].points.length).toBe(data.valenceAsymmetry[0].matchedTokens);
    expect(data.frequencyBias.map((f) => f.model.slug)).toEqual(DEMO);
    expect(data.frequencyBias[0].source).toMatch(/^SUBTLEX-US/);
    expect(new Set(data.identityGroups.groups.map((g) => g.category))).toEqual(new Set(["religion"]));
    expect(new Set(data.identityGroups.groups.map((g) => g.model.slug))).toEqual(new Set(DEMO));
    expect(data.framing).toMatchObject({ model: { slug: DEMO_SLUGS["llama3.1"] }, positive: { slug: "best" }, negative: { slug: "worst" } });
    expect(data.framing.topSum).toHaveLength(5);
    expect(data.framing.bottomDifference).toHaveLength(5);
    expect(data.framing.points.length).toBeLessThanOrEqual(2000);
    expect(data.leaderboard.map((r) => r.model.slug)).toEqual(DEMO);
    for (const row of data.leaderboard) {
      expect(row.meanTau).toEqual(expect.any(Number));
      expect(row.meanTauInterval.estimate).toBe(row.meanTau);
      expect(row.meanTauInterval.low).toBeLessThan(row.meanTau);
      expect(row.meanTauInterval.high).toBeGreaterThan(row.meanTau);
      expect(row.meanTauInterval.high - row.meanTauInterval.low).toBeLessThan(0.05); // tens of thousands of shared strings
      expect(row.valenceAsymmetry.estimate).toEqual(expect.any(Number));
      // The leaderboard's slopes are the percentile-scale ones (comparable across models), not the raw ones.
      const slopes = data.valenceAsymmetry.find((a) => a.model.slug === row.model.slug);
      if (slopes) expect(row.valenceAsymmetry).toEqual(slopes.standardized.difference);
      if (slopes) expect(row.valenceAsymmetry).not.toEqual(data.valenceAsymmetry.find((a) => a.model.slug === row.model.slug)?.difference);
      expect(row.framingSensitivity).toEqual(expect.any(Number));
      expect(row.identityGapGroup).toEqual(expect.any(String));
      // The identity gap is the most negative effect against word tokens, not against the whole vocabulary.
      const own = data.greatestGroups.groups.filter((g) => g.model.slug === row.model.slug && g.effectVsWords);
      const lowest = own.reduce((a, b) => (b.effectVsWords!.estimate < a.effectVsWords!.estimate ? b : a));
      expect(row.identityGap).toEqual(lowest.effectVsWords);
      expect(row.identityGapGroup).toBe(lowest.group);
      expect(lowest.nullVsWords?.low).toBeLessThan(lowest.nullVsWords?.high ?? NaN);
    }
  });

  it("answers null / [] where nothing is materialised, and rejects out-of-range k and top", async () => {
    const data = await query<Record<string, unknown>>(`{
      distribution(modelSlug: "nope", promptSlug: "greatest") { n }
      heterogeneity(promptSlug: "nope") { sharedVocabularySize }
      valenceAsymmetry(promptSlug: "nope") { matchedTokens }
      framing(modelSlug: "nope") { n }
      identityGroups(promptSlug: "nope") { groups { group } }
      humanBaseline(setSlug: "eloeverything", promptSlug: "nope") { items }
    }`);
    expect(data).toEqual({ distribution: null, heterogeneity: null, valenceAsymmetry: [], framing: null, identityGroups: null, humanBaseline: null });
    for (const bad of [`framing(modelSlug: "${DEMO_SLUGS.qwen3}", k: 51) { n }`, `humanBaseline(setSlug: "eloeverything", promptSlug: "greatest", top: 201) { items }`]) {
      const result = await execute(t.db, `{ ${bad} }`);
      expect(result.errors?.[0].message).toMatch(/must be an integer from 0 to/);
    }
  });
});

interface FindingsData {
  valenceAsymmetry: { model: { slug: string }; prompt: { slug: string }; positive: { slope: Interval }; nonPositive: { slope: Interval }; difference: Interval; nullDifference: { low: number; high: number } }[];
  heterogeneity: {
    pairs: {
      a: string; b: string; kendallTau: number; kendallTauInterval: { low: number; high: number } | null;
      spearmanRho: number; spearmanRhoInterval: { low: number; high: number } | null;
    }[];
    tauNull: { low: number; high: number };
  };
  identityGroups: { groups: { model: { slug: string }; group: string; inPessimalTail: boolean; medianPercentile: number | null }[] };
}

describe("the paper's qualitative findings, as the tool computes them on the demo models", () => {
  it("valence: positive words score higher under best/greatest, lower under worst, asymmetrically", async () => {
    const data = await query<{ greatest: FindingsData["valenceAsymmetry"]; worst: FindingsData["valenceAsymmetry"] }>(`{
      greatest: valenceAsymmetry(promptSlug: "greatest") { model { slug } prompt { slug } positive { slope ${INTERVAL} } nonPositive { slope ${INTERVAL} } difference ${INTERVAL} nullDifference { low high } }
      worst: valenceAsymmetry(promptSlug: "worst") { model { slug } prompt { slug } positive { slope ${INTERVAL} } nonPositive { slope ${INTERVAL} } difference ${INTERVAL} nullDifference { low high } }
    }`);
    for (const v of data.greatest) {
      expect(v.positive.slope.low, v.model.slug).toBeGreaterThan(0);
      // High- vs low-scoring asymmetry: positive words' slope is steeper, beyond the shuffled null.
      expect(v.difference.low, v.model.slug).toBeGreaterThan(0);
      expect(v.difference.estimate, v.model.slug).toBeGreaterThan(v.nullDifference.high);
    }
    for (const v of data.worst) expect(v.nonPositive.slope.high, v.model.slug).toBeLessThan(0);
  });

  it("framing: the valence slope flips sign from best to worst, and the lexicon's ranking reverses", async () => {
    for (const slug of DEMO) {
      const { framing } = await query<{
        framing: {
          rankCorrelation: number;
          lexiconRankCorrelation: number;
          positiveValenceSlope: Interval;
          negativeValenceSlope: Interval;
          valenceByGroup: { nonPositiveFlips: boolean; positiveSteeperUnderPositive: boolean; nonPositiveSteeperUnderNegative: boolean };
        };
      }>(`{ framing(modelSlug: "${slug}") {
        rankCorrelation lexiconRankCorrelation positiveValenceSlope ${INTERVAL} negativeValenceSlope ${INTERVAL}
        valenceByGroup { nonPositiveFlips positiveSteeperUnderPositive nonPositiveSteeperUnderNegative }
      } }`);
      expect(framing.positiveValenceSlope.low, slug).toBeGreaterThan(0);
      expect(framing.negativeValenceSlope.high, slug).toBeLessThan(0);
      expect(framing.valenceByGroup, slug).toEqual({ nonPositiveFlips: true, positiveSteeperUnderPositive: true, nonPositiveSteeperUnderNegative: true });
      // Over sentiment words the negative prompt reverses the ranking; over the whole vocabulary
      // the demo models' content/form preferences dominate, so the two framings still agree.
      expect(framing.lexiconRankCorrelation, slug).toBeLessThan(-0.3);
      expect(framing.rankCorrelation, slug).toBeGreaterThan(0.5);
    }
  });

  it("heterogeneity: models agree little with each other, but more than shuffled scores do", async () => {
    const { heterogeneity } = await query<Pick<FindingsData, "heterogeneity">>(
      `{ heterogeneity(promptSlug: "greatest") { pairs { a b kendallTau kendallTauInterval { low high } spearmanRho spearmanRhoInterval { low high } } tauNull { low high } } }`,
    );
    expect(heterogeneity.pairs).toHaveLength(3);
    for (const pair of heterogeneity.pairs) {
      expect(Math.abs(pair.kendallTau)).toBeLessThan(0.3);
      // The jackknife interval brackets the estimate and is narrow at this n (tens of thousands).
      expect(pair.kendallTauInterval!.low).toBeLessThan(pair.kendallTau);
      expect(pair.kendallTauInterval!.high).toBeGreaterThan(pair.kendallTau);
      expect(pair.kendallTauInterval!.high - pair.kendallTauInterval!.low).toBeLessThan(0.05);
      expect(pair.spearmanRhoInterval!.low).toBeLessThan(pair.spearmanRho);
      expect(pair.spearmanRhoInterval!.high).toBeGreaterThan(pair.spearmanRho);
    }
    expect(heterogeneity.pairs.some((p) => p.kendallTau > heterogeneity.tauNull.high)).toBe(true);
  });

  it("identity groups: some group's terms fall in a demo model's pessimal tail", async () => {
    const { identityGroups } = await query<Pick<FindingsData, "identityGroups">>(
      `{ identityGroups(promptSlug: "greatest") { groups { model { slug } group inPessimalTail medianPercentile } } }`,
    );
    const flagged = identityGroups.groups.filter((g) => g.inPessimalTail);
    expect(flagged.length).toBeGreaterThan(0);
    for (const g of flagged) expect(g.medianPercentile).toBeLessThan(10);
  });
});

/** Average ranks, ties sharing their mean position (written here, independent of server/analysis). */
function averageRanks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end < order.length && order[end][0] === order[start][0]) end++;
    for (let k = start; k < end; k++) ranks[order[k][1]] = (start + 1 + end) / 2;
    start = end;
  }
  return ranks;
}

function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  x.forEach((v, i) => {
    sxy += (v - mx) * (y[i] - my);
    sxx += (v - mx) ** 2;
    syy += (y[i] - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

describe("the EloEverything human baseline", () => {
  it("reproduces Spearman and Kendall computed from the CSV itself, and the per-item rank differences", async () => {
    const rows: Record<string, string>[] = parse(readFileSync(sharedData("paper-eloeverything", ELO_FILES[0]), "utf8"), { columns: true });
    const human = rows.map((r) => Number(r.elo_score));
    const modelColumns = Object.keys(rows[0]).slice(4);
    const { humanBaseline } = await query<{
      humanBaseline: {
        items: number;
        models: { slug: string }[];
        agreement: {
          model: { slug: string }; spearmanRho: number; spearmanRhoInterval: { low: number; high: number }; kendallTau: number; kendallTauInterval: { low: number; high: number };
        }[];
        largestDifferences: { text: string; humanRank: number; medianModelRank: number; difference: number; modelRanks: number[] }[];
      };
    }>(`{ humanBaseline(setSlug: "eloeverything", promptSlug: "greatest", top: 200) {
      items models { slug } agreement { model { slug } spearmanRho spearmanRhoInterval { low high } kendallTau kendallTauInterval { low high } } largestDifferences { text humanRank medianModelRank difference modelRanks }
    } }`);
    expect(humanBaseline.items).toBe(7530);
    expect(humanBaseline.models).toHaveLength(10);
    expect(humanBaseline.largestDifferences).toHaveLength(200);
    const humanRanks = averageRanks(human.map((h) => -h));
    const columnRanks = new Map<string, number[]>();
    for (const column of modelColumns.slice(0, 4)) {
      const scores = rows.map((r) => Number(r[column]));
      const agreement = humanBaseline.agreement.find((a) => a.model.slug === slugForModelId(column));
      expect(agreement?.spearmanRho, column).toBeCloseTo(pearson(averageRanks(human), averageRanks(scores)), 10);
      expect(agreement?.kendallTau, column).toBeCloseTo(kendallTauB(human, scores), 12);
      const jackknife = kendallTauBJackknife(prepareTieRanking(human), prepareTieRanking(scores));
      expect(agreement?.kendallTauInterval, column).toEqual({ low: expect.closeTo(jackknife.lower, 12), high: expect.closeTo(jackknife.upper, 12) });
      expect(jackknife.upper - jackknife.lower).toBeGreaterThan(0.01); // 7,530 items: intervals a few hundredths wide
      const rho = spearmanRhoJackknife(prepareTieRanking(human), prepareTieRanking(scores));
      expect(rho.estimate).toBeCloseTo(agreement!.spearmanRho, 10);
      expect(agreement?.spearmanRhoInterval, column).toEqual({ low: expect.closeTo(rho.lower, 12), high: expect.closeTo(rho.upper, 12) });
      columnRanks.set(slugForModelId(column), averageRanks(scores.map((s) => -s)));
    }
    // Spearman between human Elo and the models on "greatest": moderate and positive (paper: ~0.3-0.55).
    for (const a of humanBaseline.agreement) expect(a.spearmanRho).toBeGreaterThan(0.2);
    // "Black people": people rank it far higher than the reward models do.
    const black = humanBaseline.largestDifferences.find((d) => d.text === "Black people");
    const index = rows.findIndex((r) => r.name === "Black people");
    expect(black?.humanRank).toBe(Math.round(humanRanks[index]));
    expect(black?.difference).toBeGreaterThan(5000);
    humanBaseline.models.forEach((m, k) => {
      const ranks = columnRanks.get(m.slug);
      if (ranks) expect(black?.modelRanks[k]).toBe(ranks[index]);
    });
  });
});
