import { describe, expect, it } from "vitest";
import {
  customLexicon,
  humanBaseline,
  IDENTITY_GROUPS,
  identityGroupStats,
  kendallTauB,
  matchIdentityGroup,
  matchValence,
  mean,
  mulberry32,
  permutationNull,
  tauShuffleNull,
  termForms,
  valenceAsymmetry,
  valenceSlopeNull,
  type IdentityGroup,
} from "../../server/analysis";
import { normals } from "./helpers";

describe("identity terms", () => {
  it("expands a term to singular/plural, cased and leading-space forms", () => {
    const forms = termForms({ singular: "Muslim", plural: "Muslims" });
    expect(new Set(forms)).toEqual(
      new Set(["Muslim", " Muslim", "muslim", " muslim", "Muslims", " Muslims", "muslims", " muslims"]),
    );
    expect(new Set(termForms({ singular: "LGBT" }))).toEqual(new Set(["LGBT", " LGBT", "lgbt", " lgbt", "Lgbt", " Lgbt"]));
  });

  it("covers the eight categories with unique group ids", () => {
    const categories = new Set(IDENTITY_GROUPS.map((g) => g.category));
    expect(categories.size).toBe(8);
    expect(new Set(IDENTITY_GROUPS.map((g) => g.id)).size).toBe(IDENTITY_GROUPS.length);
  });

  const group: IdentityGroup = {
    id: "g",
    category: "religion",
    label: "Test group",
    terms: [{ singular: "Muslim", plural: "Muslims" }, { singular: "White", ambiguous: true }],
  };

  it("matches exact token forms, optionally without ambiguous terms", () => {
    const texts = ["Muslim", " muslims", "Muslimness", "white", "x"];
    expect(Array.from(matchIdentityGroup(texts, group))).toEqual([0, 1, 3]);
    expect(Array.from(matchIdentityGroup(texts, group, { includeAmbiguous: false }))).toEqual([0, 1]);
  });

  it("percentiles, median, Cliff's delta and the pessimal-tail flag", () => {
    // 100 filler tokens scoring 10..109, two group tokens at the very bottom.
    const texts = [...Array.from({ length: 100 }, (_, i) => `t${i}`), " Muslim", "Muslims"];
    const scores = [...Array.from({ length: 100 }, (_, i) => 10 + i), -1, -2];
    const [res] = identityGroupStats(scores, texts, [group], { resamples: 200 });
    expect(Array.from(res.indices)).toEqual([100, 101]);
    expect(res.percentiles[0]).toBeCloseTo((100 * 1.5) / 102, 12); // rank 2 of 102
    expect(res.percentiles[1]).toBeCloseTo((100 * 0.5) / 102, 12); // rank 1 of 102
    expect(res.medianPercentile).toBeCloseTo(100 / 102, 12);
    // delta = mean over group of (#below - #above) / N = ((1-100) + (0-101)) / 2 / 102
    expect(res.cliffsDelta.estimate).toBeCloseTo(-100 / 102, 12);
    expect(res.cliffsDelta.upper).toBeLessThan(-0.9);
    expect(res.inPessimalTail).toBe(true);
    expect(res.shareInPessimalTail).toBe(1);
    const top = identityGroupStats(scores.map((s) => -s), texts, [group], { resamples: 50 })[0];
    expect(top.inPessimalTail).toBe(false);
    expect(top.cliffsDelta.estimate).toBeCloseTo(100 / 102, 12);
  });

  it("a group with no matches gives NaN statistics, not a crash", () => {
    const [res] = identityGroupStats([1, 2], ["x", "y"], [group], { resamples: 10 });
    expect(res.indices.length).toBe(0);
    expect(res.medianPercentile).toBeNaN();
    expect(res.cliffsDelta.estimate).toBeNaN();
    expect(res.inPessimalTail).toBe(false);
  });
});

describe("human baseline", () => {
  it("agreement, ranks, median rank difference and trajectories", () => {
    const res = humanBaseline([10, 20, 30], [
      { name: "agrees", scores: [1, 2, 3] },
      { name: "reverses", scores: [3, 2, 1] },
    ]);
    expect(res.agreement[0]).toEqual({
      name: "agrees", spearman: expect.closeTo(1, 12), kendall: expect.closeTo(1, 15),
      kendallInterval: expect.objectContaining({ estimate: res.agreement[0].kendall, lower: 1, upper: 1 }), // every item deleted: still 1
      spearmanInterval: expect.objectContaining({ estimate: expect.closeTo(1, 12), lower: 1, upper: 1 }), // every item deleted: still 1
    });
    expect(res.agreement[1].kendall).toBeCloseTo(-1, 15);
    expect(Array.from(res.humanRank)).toEqual([3, 2, 1]);
    expect(Array.from(res.modelRanks[1])).toEqual([1, 2, 3]);
    expect(Array.from(res.medianModelRank)).toEqual([2, 2, 2]);
    expect(Array.from(res.rankDifference)).toEqual([-1, 0, 1]);
  });

  it("human ties share ranks", () => {
    const res = humanBaseline([5, 5, 1], [{ name: "m", scores: [3, 2, 1] }]);
    expect(Array.from(res.humanRank)).toEqual([1.5, 1.5, 3]);
    expect(res.agreement[0].kendall).toBeCloseTo(kendallTauB([5, 5, 1], [3, 2, 1]), 15);
  });
});

describe("null baselines", () => {
  const rng = mulberry32(21);
  const x = normals(rng, 3000);

  it("tau against a shuffled copy centres on 0 with a narrow interval", () => {
    const nul = tauShuffleNull(x, x, { resamples: 100, seed: 5 });
    expect(nul.samples.length).toBe(100);
    expect(Math.abs(nul.estimate)).toBeLessThan(0.01);
    expect(nul.lower).toBeLessThan(0);
    expect(nul.upper).toBeGreaterThan(0);
    // sd of tau under independence ~ sqrt(2(2n+5) / (9n(n-1))) = 0.0122 for n = 3000
    expect(nul.upper - nul.lower).toBeLessThan(0.08);
    expect(tauShuffleNull(x, x, { resamples: 100, seed: 5 }).samples).toEqual(nul.samples);
  });

  it("generic permutation null: a shuffle-invariant statistic has a point null", () => {
    const nul = permutationNull([1, 2, 3, 4], (s) => mean(s), { resamples: 20 });
    expect(nul.lower).toBe(2.5);
    expect(nul.upper).toBe(2.5);
  });

  it("valence slopes under shuffled scores are near 0 while the real slope is outside", () => {
    const n = 2000;
    const texts = Array.from({ length: n }, (_, i) => `w${i}`);
    const v = Array.from({ length: 400 }, (_, i) => (i % 11) - 5);
    const lex = customLexicon("toy", v.map((val, i) => [`w${i}`, val] as const));
    const noise = normals(mulberry32(8), n);
    const scores = texts.map((_, i) => (i < 400 ? 0.8 * v[i] : 0) + noise[i]);
    const match = matchValence(texts, lex, { lowerCase: false });
    const observed = valenceAsymmetry(scores, match, { resamples: 100 });
    const nul = valenceSlopeNull(scores, match, { resamples: 100, seed: 2 });
    expect(nul.positive.lower).toBeLessThan(0);
    expect(nul.positive.upper).toBeGreaterThan(0);
    expect(observed.positive.slope.estimate).toBeGreaterThan(nul.positive.upper);
    expect(observed.nonPositive.slope.estimate).toBeGreaterThan(nul.nonPositive.upper);
  });
});
