import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  afinnLexicon,
  bncWordKeys,
  customLexicon,
  frequencyBias,
  lookupFrequency,
  matchValence,
  mulberry32,
  PAPER_MATCH_OPTIONS,
  parseBncFrequencyList,
  parseVaderLexicon,
  readBncFrequencyFile,
  subtlexFrequencies,
  vaderLexicon,
  valenceAsymmetry,
  type FrequencyTable,
} from "../../server/analysis";
import { findSharedData, normals } from "./helpers";

describe("lexicons and matching", () => {
  it("ships AFINN-165 and VADER", () => {
    expect(afinnLexicon().values.get("good")).toBe(3);
    expect(afinnLexicon().values.get("bad")).toBe(-3);
    expect(afinnLexicon().values.size).toBe(3382);
    expect(vaderLexicon().values.get("good")).toBe(1.9);
    expect(vaderLexicon().values.get("hate")).toBe(-2.7);
    expect(vaderLexicon().values.size).toBeGreaterThan(7000);
    expect(parseVaderLexicon("a\t1.5\t0.1\t[1]\n\nb\tx\n").get("a")).toBe(1.5);
  });

  it("matches word-initial tokens by default; the paper's options keep the leading space (so ' good' does not match)", () => {
    expect(PAPER_MATCH_OPTIONS).toEqual({ lowerCase: true, stripLeadingSpace: false });
    const texts = ["good", " good", "Good", "xyz", "BAD"];
    const byDefault = matchValence(texts, afinnLexicon());
    expect(Array.from(byDefault.indices)).toEqual([0, 1, 2, 4]);
    expect(Array.from(byDefault.valence)).toEqual([3, 3, 3, -3]);
    const paper = matchValence(texts, afinnLexicon(), PAPER_MATCH_OPTIONS);
    expect(Array.from(paper.indices)).toEqual([0, 2, 4]);
    const caseSensitive = matchValence(texts, afinnLexicon(), { lowerCase: false });
    expect(Array.from(caseSensitive.indices)).toEqual([0, 1]);
  });
});

describe("valence asymmetry", () => {
  const lex = customLexicon("toy", [
    ["p1", 1],
    ["p2", 2],
    ["p3", 3],
    ["p4", 4],
    ["n0", 0],
    ["n1", -1],
    ["n2", -2],
    ["n3", -3],
  ]);

  it("recovers separate exact slopes for positive and non-positive words", () => {
    const texts = ["p1", "p2", "p3", "p4", "n0", "n1", "n2", "n3", "other"];
    const match = matchValence(texts, lex);
    // positive: score = 1 + 2v ; non-positive: score = -0.5 v
    const scores = texts.map((t) => {
      const v = lex.values.get(t);
      if (v === undefined) return 100;
      return v > 0 ? 1 + 2 * v : -0.5 * v;
    });
    const res = valenceAsymmetry(scores, match, { resamples: 300, seed: 3 });
    expect(res.positive.n).toBe(4);
    expect(res.nonPositive.n).toBe(4);
    expect(res.positive.slope.estimate).toBeCloseTo(2, 12);
    expect(res.nonPositive.slope.estimate).toBeCloseTo(-0.5, 12);
    expect(res.difference.estimate).toBeCloseTo(2.5, 12);
    expect(res.positive.slope.lower).toBeCloseTo(2, 12);
    expect(res.difference.upper).toBeCloseTo(2.5, 12);
  });

  it("noisy data: intervals cover the true slopes and are reproducible", () => {
    const rng = mulberry32(11);
    const n = 600;
    const v = Array.from({ length: n }, (_, i) => (i % 11) - 5); // -5..5
    const noise = normals(rng, n);
    const texts = v.map((_, i) => `w${i}`);
    const toy = customLexicon("noisy", texts.map((t, i) => [t, v[i]] as const));
    const scores = v.map((x, i) => (x > 0 ? 1.0 * x : 0.2 * x) + 0.5 * noise[i]);
    const match = matchValence(texts, toy, { lowerCase: false });
    const a = valenceAsymmetry(scores, match, { seed: 9 });
    const b = valenceAsymmetry(scores, match, { seed: 9 });
    expect(a).toEqual(b);
    expect(a.positive.slope.lower).toBeLessThan(1);
    expect(a.positive.slope.upper).toBeGreaterThan(1);
    expect(a.nonPositive.slope.lower).toBeLessThan(0.2);
    expect(a.nonPositive.slope.upper).toBeGreaterThan(0.2);
    expect(a.difference.lower).toBeGreaterThan(0); // 0.8 apart, clearly
  });
});

const BNC_SNIPPET = [
  "\tWord\tPoS\t\tFreq\tRa\tDisp",
  "\tabandon\tVerb\t%\t44\t99\t0.96",
  "\t@\t@\tabandon\t12\t98\t0.94",
  "\t@\t@\tabandoned\t26\t97\t0.96",
  "\t@\t@\tabandoning\t5\t90\t0.93",
  "\t@\t@\tabandons\t1\t47\t0.87",
  "\tbest\tAdv\t:\t81\t100\t0.96",
  "\tfurther*\tAdj\t[see far]",
  "\tgood\tAdj\t%\t1276\t100\t0.97",
  "\t@\t@\tbest\t266\t100\t0.97",
  "\t@\t@\tbetter\t214\t100\t0.97",
  "\t@\t@\tgood\t795\t100\t0.95",
  "\tgood*\tNoC\t%\t25\t100\t0.94",
  "\t@\t@\tgood\t25\t100\t0.94",
  "\tgod\tNoC\t%\t49\t98\t0.87",
  "\t@\t@\tgod\t36\t95\t0.85",
  "\t@\t@\tgods\t14\t94\t0.88",
  "\tGod\tNoP\t:\t202\t100\t0.90",
  "lie (/lay)\tVerb\t%\t187\t100\t0.94#",
  "@\t@\tlie\t41#\t100#\t0.95#",
  "\tA / a\tLett\t:\t268\t100\t0.93",
].join("\n");

describe("BNC frequency list", () => {
  it("cleans Word cells", () => {
    expect(bncWordKeys("be*")).toEqual(["be"]);
    expect(bncWordKeys("lie (/lay)")).toEqual(["lie"]);
    expect(bncWordKeys("A / a")).toEqual(["A", "a"]);
    expect(bncWordKeys("and/or")).toEqual(["and/or"]);
  });

  it("lemmaHeads: sums head rows per word across parts of speech, ignores variants", () => {
    const t = parseBncFrequencyList(BNC_SNIPPET);
    expect(t.perMillion.get("abandon")).toBe(44);
    expect(t.perMillion.get("abandoned")).toBeUndefined();
    expect(t.perMillion.get("good")).toBe(1276 + 25);
    expect(t.perMillion.get("best")).toBe(81);
    expect(t.perMillion.get("god")).toBe(49);
    expect(t.perMillion.get("God")).toBe(202);
    expect(t.perMillion.get("lie")).toBe(187); // row without the leading tab
    expect(t.perMillion.get("a")).toBe(268);
    expect(t.perMillion.has("further")).toBe(false);
    expect(t.perMillion.has("Word")).toBe(false);
  });

  it("wordForms: single-form heads plus variant rows", () => {
    const t = parseBncFrequencyList(BNC_SNIPPET, { aggregation: "wordForms" });
    expect(t.perMillion.get("abandoned")).toBe(26);
    expect(t.perMillion.get("best")).toBe(81 + 266);
    expect(t.perMillion.get("good")).toBe(795 + 25);
    expect(t.perMillion.get("lie")).toBe(41); // "41#" footnote mark dropped
  });

  it("case folding sums case variants", () => {
    const t = parseBncFrequencyList(BNC_SNIPPET, { caseFold: true });
    expect(t.perMillion.get("god")).toBe(49 + 202);
    expect(lookupFrequency(t, "God")).toBe(251);
  });

  const data = findSharedData();
  const bnc = data ? path.join(data, "bnc-frequency", "1_1_all_alpha.txt") : "";
  it.skipIf(!data || !existsSync(bnc))("parses the real Latin-1 file", () => {
    const t = readBncFrequencyFile(bnc);
    expect(t.perMillion.get("the")).toBe(61847);
    expect(t.perMillion.get("abandon")).toBe(44);
    expect(t.perMillion.size).toBeGreaterThan(5000);
    const forms = readBncFrequencyFile(bnc, { aggregation: "wordForms" });
    expect(forms.perMillion.get("abandoned")).toBe(26);
  });
});

describe("SUBTLEX-US and frequency bias", () => {
  it("SUBTLEX is per million and case-folded by default", () => {
    const t = subtlexFrequencies();
    expect(t.perMillion.get("the")).toBeCloseTo((1501908 / 49719560) * 1e6, 6);
    expect(lookupFrequency(t, "God")).toBeGreaterThan(0);
    expect(subtlexFrequencies({ caseFold: false }).perMillion.get("god")).toBeUndefined();
  });

  it("recovers exact log10-frequency and valence coefficients", () => {
    const words = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta"];
    const valence = [3, -2, 1, 0, -4, 2, -1, 5];
    const freq = [1, 10, 100, 1000, 5, 50, 500, 2];
    const table: FrequencyTable = { name: "toy", perMillion: new Map(words.map((w, i) => [w, freq[i]])), caseFolded: false };
    const lex = customLexicon("toy", words.map((w, i) => [w, valence[i]] as const));
    const texts = [...words, "unmatched"];
    const scores = [...words.map((_, i) => 0.5 * Math.log10(freq[i]) + 0.2 * valence[i] - 1), 99];
    const res = frequencyBias(scores, texts, lex, table, { resamples: 200 });
    expect(res.n).toBe(8);
    expect(res.logFrequency.estimate).toBeCloseTo(0.5, 12);
    expect(res.valence.estimate).toBeCloseTo(0.2, 12);
    expect(res.fit.intercept).toBeCloseTo(-1, 12);
    expect(res.logFrequency.lower).toBeCloseTo(0.5, 10);
    const natural = frequencyBias(scores, texts, lex, table, { resamples: 10, logBase: "e" });
    expect(natural.logFrequency.estimate).toBeCloseTo(0.5 / Math.LN10, 12);
  });
});
