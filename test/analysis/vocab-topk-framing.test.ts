import { describe, expect, it } from "vitest";
import {
  afinnLexicon,
  alignByTokenId,
  argsort,
  bottomK,
  buildSharedVocab,
  customLexicon,
  framingRankings,
  framingSensitivity,
  framingValence,
  gatherScores,
  matchValence,
  mulberry32,
  topK,
} from "../../server/analysis";

describe("shared vocabulary", () => {
  const modelA = [
    { tokenId: 0, text: "a" },
    { tokenId: 1, text: "b" },
    { tokenId: 2, text: " c" },
    { tokenId: 3, text: "b" },
    { tokenId: 4, text: "d" },
    { tokenId: 5, text: "A" },
  ];
  const modelB = [
    { tokenId: 10, text: "b" },
    { tokenId: 11, text: "a" },
    { tokenId: 12, text: "c" },
    { tokenId: 13, text: "d" },
    { tokenId: 14, text: "e" },
  ];

  it("keeps strings present once in every model (paper: no normalisation)", () => {
    const v = buildSharedVocab([modelA, modelB]);
    expect(v.strings).toEqual(["a", "d"]);
    expect(Array.from(v.tokenIds[0])).toEqual([0, 4]);
    expect(Array.from(v.tokenIds[1])).toEqual([11, 13]);
    expect(v.droppedAsDuplicates).toBe(1); // "b" is twice in model A
    expect(v.duplicatesPerModel).toEqual([1, 0]);
    expect(v.notInEveryModel).toBe(4); // " c", "A", "c", "e"
  });

  it("stripping the leading space joins ' c' with 'c'; case folding keeps 'a' for 'a'/'A'; 'b' (two ids) stays out", () => {
    const stripped = buildSharedVocab([modelA, modelB], { stripLeadingSpace: true });
    expect(stripped.strings).toEqual(["a", "c", "d"]);
    expect(Array.from(stripped.tokenIds[0])).toEqual([0, 2, 4]);
    const folded = buildSharedVocab([modelA, modelB], { caseFold: true });
    expect(folded.strings).toEqual(["a", "d"]);
    expect(Array.from(folded.tokenIds[0])).toEqual([0, 4]); // "a", not "A"
    expect(folded.droppedAsDuplicates).toBe(1);
  });

  it("keeps a word whose forms meet under normalisation, in the form equal to the normalised text where there is one", () => {
    const llamaLike = [
      { tokenId: 1, text: " good" }, { tokenId: 2, text: "good" }, { tokenId: 3, text: " Good" },
      { tokenId: 4, text: " love" }, { tokenId: 5, text: " Love" },
      { tokenId: 6, text: " x" }, { tokenId: 7, text: " x" }, { tokenId: 8, text: "x" },
    ];
    const gemmaLike = [{ tokenId: 20, text: "Good" }, { tokenId: 21, text: " love" }, { tokenId: 22, text: " x" }];
    const both = buildSharedVocab([llamaLike, gemmaLike], { stripLeadingSpace: true, caseFold: true });
    expect(both.strings).toEqual(["good", "love", "x"]);
    // good: "good" itself; love: no form equals it, so the first in code-unit order (" Love" < " love");
    // x: " x" decodes from two ids, so "x".
    expect(Array.from(both.tokenIds[0])).toEqual([2, 5, 8]);
    expect(Array.from(both.tokenIds[1])).toEqual([20, 21, 22]);
  });

  it("gathers id-indexed scores onto the shared order", () => {
    expect(Array.from(gatherScores([0.1, 0.2, 0.3, 0.4, 0.5], Int32Array.from([4, 0])))).toEqual([0.5, 0.1]);
  });
});

describe("top-k / bottom-k", () => {
  it("orders by score with ties broken by token id", () => {
    const scores = [1, 3, 3, 2, 0];
    expect(Array.from(topK(scores, 3))).toEqual([1, 2, 3]);
    expect(Array.from(topK(scores, 3, [50, 40, 30, 20, 10]))).toEqual([2, 1, 3]);
    expect(Array.from(bottomK(scores, 2))).toEqual([4, 0]);
    expect(Array.from(topK(scores, 10))).toEqual([1, 2, 3, 0, 4]);
    expect(topK(scores, 0).length).toBe(0);
  });

  it("heap selection equals a full stable sort on tied random data", () => {
    const rng = mulberry32(4);
    const scores = Float64Array.from({ length: 2000 }, () => Math.floor(rng() * 50));
    const full = argsort(scores, "desc");
    expect(Array.from(topK(scores, 75))).toEqual(Array.from(full.slice(0, 75)));
    const asc = argsort(scores, "asc");
    expect(Array.from(bottomK(scores, 75))).toEqual(Array.from(asc.slice(0, 75)));
  });

  it("aligns two sweeps by token id and ranks best+worst / best-worst", () => {
    const best = { tokenIds: [1, 2, 3], scores: [3, 1, 2] };
    const worst = { tokenIds: [3, 2, 4, 1], scores: [0, 5, 9, 1] };
    const aligned = alignByTokenId(best, worst);
    expect(Array.from(aligned.tokenIds)).toEqual([1, 2, 3]);
    expect(Array.from(aligned.b)).toEqual([1, 5, 0]);
    const r = framingRankings(best, worst, 2);
    expect(Array.from(r.sum)).toEqual([4, 6, 2]);
    expect(Array.from(r.difference)).toEqual([2, -4, 2]);
    expect(Array.from(r.topSum)).toEqual([1, 0]);
    expect(Array.from(r.topDifference)).toEqual([0, 2]);
    expect(Array.from(r.bottomDifference)).toEqual([1, 0]);
  });
});

describe("framing", () => {
  it("perfect reversal: rho -1, reversal distance 0", () => {
    const s = framingSensitivity([1, 2, 3, 4], [4, 3, 2, 1]);
    expect(s.spearmanBestWorst).toBeCloseTo(-1, 14);
    expect(s.kendallBestWorst).toBeCloseTo(-1, 15);
    expect(s.reversalDistance).toBe(0);
  });

  it("framing ignored: rho +1, reversal distance (3+1+1+3)/16 = 0.5", () => {
    const s = framingSensitivity([1, 2, 3, 4], [1, 2, 3, 4]);
    expect(s.spearmanBestWorst).toBeCloseTo(1, 14);
    expect(s.reversalDistance).toBe(0.5);
  });

  it("valence slopes flip sign between framings", () => {
    const texts = ["cool", "like", "good", "fantastic", "superb", "sad", "bad", "torture", "table"];
    const match = matchValence(texts, afinnLexicon());
    const v = texts.map((t) => afinnLexicon().values.get(t) ?? 0);
    const best = v.map((x) => x);
    const worst = v.map((x) => -x);
    const f = framingValence(best, worst, match, { resamples: 100 });
    expect(f.best.positive.slope.estimate).toBeCloseTo(1, 12);
    expect(f.worst.positive.slope.estimate).toBeCloseTo(-1, 12);
    expect(f.positiveFlips).toBe(true);
    expect(f.nonPositiveFlips).toBe(true);
    expect(f.positiveFlipsConfidently).toBe(true);
    const same = framingValence(best, best, match, { resamples: 50 });
    expect(same.positiveFlips).toBe(false);
    const steeper = framingValence(best, v.map((x) => (x > 0 ? -0.1 * x : -3 * x)), match, { resamples: 50 });
    expect(steeper.positiveSteeperUnderBest).toBe(true);
    expect(steeper.nonPositiveSteeperUnderWorst).toBe(true);
    // The steepness differences: |1| - |-0.1| and |-3| - |1|, exact here (no noise), so the
    // paired bootstrap's interval is that point; the same framing twice differs by exactly 0.
    expect(steeper.positiveSteepness.estimate).toBeCloseTo(0.9, 12);
    expect(steeper.nonPositiveSteepness.estimate).toBeCloseTo(2, 12);
    expect(steeper.positiveSteepness.lower).toBeCloseTo(0.9, 9);
    expect(same.positiveSteepness).toMatchObject({ estimate: 0, lower: 0, upper: 0 });
  });

  it("gives the steepness difference an interval that covers 0 when the two framings differ only by noise", () => {
    const rng = mulberry32(9);
    const texts = Array.from({ length: 300 }, (_, i) => `w${i}`);
    const lexicon = customLexicon("toy", texts.map((w, i) => [w, (i % 11) - 5] as const));
    const match = matchValence(texts, lexicon);
    const noisy = () => texts.map((_, i) => ((i % 11) - 5) + 4 * (rng() - 0.5));
    const f = framingValence(noisy(), noisy(), match, { resamples: 400 });
    expect(f.positiveSteepness.lower).toBeLessThan(0);
    expect(f.positiveSteepness.upper).toBeGreaterThan(0);
    expect(f.positiveSteepness.estimate).toBeCloseTo(Math.abs(f.best.positive.slope.estimate) - Math.abs(f.worst.positive.slope.estimate), 12);
  });
});
