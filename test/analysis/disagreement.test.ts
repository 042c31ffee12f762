import { describe, expect, it } from "vitest";
import { largestDisagreements, mulberry32 } from "../../server/analysis";

describe("largest disagreements between two models", () => {
  it("lists the items with the largest percentile difference either way, by brute force", () => {
    const rng = mulberry32(4);
    const n = 500;
    const a = Array.from({ length: n }, () => Math.floor(rng() * 100)); // ties
    const b = a.map((v, i) => (i % 7 === 0 ? -v : v + rng() * 30));
    const k = 15;
    const result = largestDisagreements(a, b, k);
    // Brute force: mid-rank percentile = 100 * (count below + (count equal + 1) / 2 - 0.5) / n.
    const percentile = (xs: number[], i: number) => {
      const below = xs.filter((x) => x < xs[i]).length;
      const equal = xs.filter((x) => x === xs[i]).length;
      return (100 * (below + (equal + 1) / 2 - 0.5)) / n;
    };
    const diff = a.map((_, i) => percentile(a, i) - percentile(b, i));
    const order = diff.map((d, i) => [d, i] as const);
    const byAOverB = [...order].sort((x, y) => y[0] - x[0] || x[1] - y[1]).slice(0, k).map(([, i]) => i);
    const byBOverA = [...order].sort((x, y) => x[0] - y[0] || x[1] - y[1]).slice(0, k).map(([, i]) => i);
    expect(Array.from(result.aOverB)).toEqual(byAOverB);
    expect(Array.from(result.bOverA)).toEqual(byBOverA);
    for (let i = 0; i < n; i += 37) expect(result.percentileA[i]).toBeCloseTo(percentile(a, i), 10);
    // The negated items (every 7th) are where the two disagree: b puts them at the bottom.
    expect(byAOverB.every((i) => i % 7 === 0)).toBe(true);
  });

  it("rejects vectors of different lengths", () => {
    expect(() => largestDisagreements([1, 2], [1], 1)).toThrow(/length/);
  });
});
