import { describe, expect, it } from "vitest";
import {
  argsort,
  comparatorArgsort,
  denseRanks,
  describe as describeScores,
  equalWidthEdges,
  histogram,
  mean,
  median,
  mulberry32,
  percentiles,
  quantile,
  quantiles,
  radixArgsort,
  rankAverage,
  rankDescending,
  rankProfile,
  shuffleInPlace,
  skewness,
  variance,
  variancePopulation,
  varianceSample,
} from "../../server/analysis";

describe("ranks", () => {
  it("average ranks share ties like scipy rankdata('average')", () => {
    expect(Array.from(rankAverage([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    expect(Array.from(rankAverage(new Float32Array([1, 1, 1])))).toEqual([2, 2, 2]);
  });

  it("descending ranks put the highest score at 1", () => {
    expect(Array.from(rankDescending([10, 20, 20, 5]))).toEqual([3, 1.5, 1.5, 4]);
  });

  it("argsort is stable (ties by index) in both directions", () => {
    expect(Array.from(argsort([3, 1, 2, 1]))).toEqual([1, 3, 2, 0]);
    expect(Array.from(argsort([3, 1, 2, 1], "desc"))).toEqual([0, 2, 1, 3]);
    expect(Array.from(argsort(new Float64Array([-Infinity, Infinity, 0]), "desc"))).toEqual([1, 2, 0]);
  });

  it("dense ranks are 0-based and shared by ties", () => {
    const { ranks, distinct } = denseRanks([3, 1, 2, 1]);
    expect(Array.from(ranks)).toEqual([2, 0, 1, 0]);
    expect(distinct).toBe(3);
  });

  it("percentiles are mid-rank: (rank - 0.5) / n * 100", () => {
    expect(Array.from(percentiles([1, 2, 3, 4]))).toEqual([12.5, 37.5, 62.5, 87.5]);
    const tied = percentiles([1, 1, 2]);
    expect(tied[0]).toBeCloseTo(100 / 3, 12);
    expect(tied[1]).toBeCloseTo(100 / 3, 12);
    expect(tied[2]).toBeCloseTo(250 / 3, 12);
  });

  it("rejects NaN instead of ordering it arbitrarily", () => {
    expect(() => rankAverage([1, NaN, 2])).toThrow(/NaN/);
  });
});

describe("moments", () => {
  const x = [2, 4, 4, 4, 5, 5, 7, 9];

  it("mean and both variances", () => {
    expect(mean(x)).toBe(5);
    expect(variancePopulation(x)).toBe(4);
    expect(varianceSample(x)).toBeCloseTo(32 / 7, 14);
    expect(variance(x)).toBeCloseTo(32 / 7, 14); // default = sample
    expect(variance(x, 0)).toBe(4);
    expect(variance([1], 1)).toBeNaN();
  });

  it("skewness: biased m3/m2^1.5 (scipy default) and adjusted G1", () => {
    // deviations -3,-1,-1,-1,0,0,2,4: sum cubes = 42, m3 = 5.25, m2 = 4 -> g1 = 5.25 / 8
    expect(skewness(x)).toBeCloseTo(0.65625, 14);
    expect(skewness(x, { bias: false })).toBeCloseTo((0.65625 * Math.sqrt(8 * 7)) / 6, 14);
    expect(skewness([3, 3, 3])).toBeNaN();
    expect(skewness([1, 2, 3])).toBe(0);
  });

  it("type-7 quantiles interpolate between order statistics", () => {
    const y = [4, 1, 3, 2];
    expect(quantile(y, 0.5)).toBe(2.5);
    expect(quantile(y, 0.25)).toBe(1.75);
    expect(quantile(y, 0)).toBe(1);
    expect(quantile(y, 1)).toBe(4);
    expect(Array.from(quantiles(y, [0.1, 0.9]))).toEqual([1.3, 3.7]);
    expect(median([5, 1, 3])).toBe(3);
  });

  it("histogram: half-open bins, closed last bin, outside values counted apart", () => {
    const h = histogram([0, 0.5, 1, 1.5, 2, 2.5, 3, -1, 4], [0, 1, 2, 3]);
    expect(Array.from(h.counts)).toEqual([2, 2, 3]);
    expect(h.outside).toBe(2);
    expect(Array.from(equalWidthEdges([0, 10], 4))).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(() => histogram([1], [1])).toThrow();
  });

  it("describe bundles the table_3 moments", () => {
    const d = describeScores(x);
    expect(d.n).toBe(8);
    expect(d.mean).toBe(5);
    expect(d.variancePopulation).toBe(4);
    expect(d.median).toBe(4.5);
    expect(d.min).toBe(2);
    expect(d.max).toBe(9);
  });

  it("float32 input is accumulated in float64", () => {
    const big = new Float32Array(200_000).fill(0.1);
    expect(mean(big)).toBeCloseTo(Math.fround(0.1), 12);
    expect(variance(big)).toBeLessThan(1e-20);
  });
});

describe("random", () => {
  it("mulberry32 is deterministic per seed, uniform-looking, and in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const sa = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(sa);
    expect(Array.from({ length: 5 }, c)).not.toEqual(sa);
    const r = mulberry32(7);
    let s = 0;
    let outOfRange = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = r();
      if (!(u >= 0 && u < 1)) outOfRange++;
      s += u;
    }
    expect(outOfRange).toBe(0);
    expect(Math.abs(s / 100_000 - 0.5)).toBeLessThan(0.01);
  });

  it("shuffle is a permutation", () => {
    const v = Float64Array.from({ length: 100 }, (_, i) => i);
    shuffleInPlace(v, mulberry32(1));
    expect(Array.from(v)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(v).sort((p, q) => p - q)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe("radix argsort", () => {
  it("equals the stable comparator sort on tricky values, both directions", () => {
    const rng = mulberry32(17);
    const special = [0, -0, Infinity, -Infinity, Number.MIN_VALUE, -Number.MIN_VALUE, 1e308, -1e308, 1, -1];
    const values = Float64Array.from({ length: 5000 }, (_, i) =>
      i % 7 === 0 ? special[i % special.length] : i % 3 === 0 ? Math.round(rng() * 20) - 10 : (rng() - 0.5) * 1e3,
    );
    for (const dir of ["asc", "desc"] as const) {
      expect(Array.from(radixArgsort(values, dir === "desc"))).toEqual(Array.from(comparatorArgsort(values, dir)));
    }
    const f32 = Float32Array.from(values.slice(0, 3000));
    expect(Array.from(argsort(f32, "desc"))).toEqual(Array.from(comparatorArgsort(f32, "desc")));
  });

  it("rankProfile derives dense, average ranks and descending order from one sort", () => {
    const p = rankProfile([3, 1, 3, 2]);
    expect(Array.from(p.ascending)).toEqual([1, 3, 0, 2]);
    expect(Array.from(p.dense)).toEqual([2, 0, 2, 1]);
    expect(p.distinct).toBe(3);
    expect(Array.from(p.average)).toEqual([3.5, 1, 3.5, 2]);
    expect(Array.from(p.descending)).toEqual([0, 2, 3, 1]);
    const big = Float64Array.from({ length: 3000 }, (_, i) => (i * 7919) % 101);
    expect(Array.from(rankProfile(big).descending)).toEqual(Array.from(comparatorArgsort(big, "desc")));
  });
});
