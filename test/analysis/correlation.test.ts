import { describe, expect, it } from "vitest";
import {
  countInversions,
  kendallTauB,
  mulberry32,
  pearson,
  rankBiasedOverlap,
  rboFromScores,
  spearmanRho,
} from "../../server/analysis";

/** Independent O(n^2) tau-b straight from the definition, for cross-checking. */
function bruteTauB(x: number[], y: number[]): number {
  let c = 0;
  let d = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      const sx = Math.sign(x[i] - x[j]);
      const sy = Math.sign(y[i] - y[j]);
      if (sx === 0 && sy === 0) continue;
      if (sx === 0) tx++;
      else if (sy === 0) ty++;
      else if (sx === sy) c++;
      else d++;
    }
  }
  return (c - d) / Math.sqrt((c + d + tx) * (c + d + ty));
}

describe("Kendall tau-b", () => {
  it("is 1 for identical and -1 for reversed orderings", () => {
    // scipy also returns 0.9999999999999999 here: 10 / sqrt(10) / sqrt(10) in float64.
    expect(kendallTauB([1, 2, 3, 4, 5], [10, 20, 30, 40, 50])).toBe(10 / Math.sqrt(10) / Math.sqrt(10));
    expect(kendallTauB([1, 2, 3, 4, 5], [10, 20, 30, 40, 50])).toBeCloseTo(1, 15);
    expect(kendallTauB([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).toBeCloseTo(-1, 15);
  });

  it("hand-worked case with a tie in x and a tie in y: (3 - 1) / sqrt(5 * 5) = 0.4", () => {
    expect(kendallTauB([1, 2, 2, 3], [1, 3, 2, 2])).toBeCloseTo(0.4, 15);
  });

  it("hand-worked joint tie: C = 2, D = 3, one pair tied in both -> -1 / 5", () => {
    expect(kendallTauB([1, 1, 2, 3], [1, 1, 2, 0])).toBeCloseTo(-0.2, 15);
  });

  it("is NaN for a constant input or n < 2", () => {
    expect(kendallTauB([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(kendallTauB([1], [1])).toBeNaN();
  });

  it("matches the O(n^2) definition on random heavily tied data", () => {
    const rng = mulberry32(99);
    for (let trial = 0; trial < 60; trial++) {
      const n = 2 + Math.floor(rng() * 60);
      const levels = 1 + Math.floor(rng() * 6);
      const x = Array.from({ length: n }, () => Math.floor(rng() * levels));
      const y = Array.from({ length: n }, (_, i) => (rng() < 0.5 ? x[i] : Math.floor(rng() * 4)));
      const expected = bruteTauB(x, y);
      const actual = kendallTauB(x, y);
      if (Number.isNaN(expected)) expect(actual).toBeNaN();
      else expect(actual).toBeCloseTo(expected, 12);
    }
  });

  it("counts strict inversions only", () => {
    expect(countInversions(Int32Array.from([2, 0, 1]), 3, new Int32Array(4))).toBe(2);
    expect(countInversions(Int32Array.from([1, 1, 0]), 2, new Int32Array(3))).toBe(2);
    expect(countInversions(Int32Array.from([0, 0, 0]), 1, new Int32Array(2))).toBe(0);
    expect(countInversions(Int32Array.from([4, 3, 2, 1, 0]), 5, new Int32Array(6))).toBe(10);
  });

  it("rejects unequal lengths", () => {
    expect(() => kendallTauB([1, 2], [1, 2, 3])).toThrow(/equal length/);
  });
});

describe("Spearman and Pearson", () => {
  it("Spearman uses average ranks: 8 / sqrt(10 * 9.5)", () => {
    expect(spearmanRho([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(8 / Math.sqrt(95), 14);
    expect(spearmanRho([1, 2, 3], [1, 4, 9])).toBeCloseTo(1, 15);
    expect(spearmanRho([1, 1, 1], [1, 2, 3])).toBeNaN();
  });

  it("Pearson: Sxy / sqrt(Sxx Syy) = 5 / sqrt(2 * 114 / 9)", () => {
    expect(pearson([1, 2, 3], [2, 4, 7])).toBeCloseTo(5 / Math.sqrt((2 * 114) / 9), 14);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 15);
  });
});

describe("rank-biased overlap (RBO_ext, p = 0.9)", () => {
  it("hand-worked example: X_d = 0, 2, 3, 3 over depths 1..4", () => {
    // (1-p)/p * (0*.9 + (2/2)*.81 + (3/3)*.729 + (3/4)*.6561) + (3/4)*.6561 = 0.71775
    expect(rankBiasedOverlap([1, 2, 3, 4], [2, 1, 3, 5], 0.9)).toBeCloseTo(0.71775, 12);
  });

  it("is 1 for identical lists (also long ones) and 0 for disjoint lists", () => {
    expect(rankBiasedOverlap([7, 3, 5], [7, 3, 5])).toBeCloseTo(1, 14);
    const long = Array.from({ length: 20_000 }, (_, i) => i);
    expect(rankBiasedOverlap(long, long)).toBeCloseTo(1, 12);
    expect(rankBiasedOverlap([1, 2, 3], [4, 5, 6])).toBe(0);
  });

  it("weights the top: swapping the top pair costs more than swapping the bottom pair", () => {
    const base = [0, 1, 2, 3, 4, 5];
    const topSwap = rankBiasedOverlap(base, [1, 0, 2, 3, 4, 5]);
    const bottomSwap = rankBiasedOverlap(base, [0, 1, 2, 3, 5, 4]);
    expect(topSwap).toBeLessThan(bottomSwap);
    expect(bottomSwap).toBeLessThan(1);
  });

  it("from scores: orders by descending score; ties by index", () => {
    // orders [0,2,1] and [0,1,2]: X = 1,1,3 -> (1/9)(.9 + .5*.81 + .729) + .729 = 0.955
    expect(rboFromScores([0.9, 0.1, 0.5], [0.9, 0.5, 0.1])).toBeCloseTo(0.955, 12);
    // all tied in y -> its order is the index order [0,1,2], same as x's here -> 1
    expect(rboFromScores([3, 2, 1], [0, 0, 0])).toBeCloseTo(1, 14);
  });

  it("early stop (remaining weight < 1e-18) agrees with the full eq. 32 sum", () => {
    const rng = mulberry32(3);
    const n = 1000;
    const a = Array.from({ length: n }, (_, i) => i);
    const b = [...a];
    for (let i = 0; i < 60; i++) {
      const j = Math.floor(rng() * n);
      const k = Math.floor(rng() * n);
      [b[j], b[k]] = [b[k], b[j]];
    }
    const naive = (p: number) => {
      const seenA = new Set<number>();
      const seenB = new Set<number>();
      let x = 0;
      let sum = 0;
      for (let d = 1; d <= n; d++) {
        seenA.add(a[d - 1]);
        seenB.add(b[d - 1]);
        x = [...seenA].filter((v) => seenB.has(v)).length;
        sum += (x / d) * p ** d;
      }
      return ((1 - p) / p) * sum + (x / n) * p ** n;
    };
    for (const p of [0.5, 0.9, 0.98]) expect(rankBiasedOverlap(a, b, p)).toBeCloseTo(naive(p), 14);
  });

  it("validates its input", () => {
    expect(() => rankBiasedOverlap([1, 1], [1, 2])).toThrow(/repeats/);
    expect(() => rankBiasedOverlap([1, 2], [1])).toThrow(/equal length/);
    expect(() => rankBiasedOverlap([1], [1], 1)).toThrow(/p must/);
  });
});
