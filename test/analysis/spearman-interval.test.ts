import { describe, expect, it } from "vitest";

import { mulberry32, spearmanRho, spearmanRhoInterval } from "../../server/analysis";

describe("Spearman rho interval (Fisher z, Bonett-Wright variance)", () => {
  it("is tanh(atanh(rho) +- z * sqrt((1 + rho^2/2) / (n - 3)))", () => {
    const r = spearmanRhoInterval(0.5, 103);
    const half = 1.959963984540054 * Math.sqrt(1.125 / 100);
    expect(r.lower).toBeCloseTo(Math.tanh(Math.atanh(0.5) - half), 14);
    expect(r.upper).toBeCloseTo(Math.tanh(Math.atanh(0.5) + half), 14);
    expect([r.estimate, r.confidence]).toEqual([0.5, 0.95]);
    expect(r.upper - 0.5).toBeLessThan(0.5 - r.lower); // asymmetric towards 0, as rho is bounded by 1
  });

  it("covers the true rho of a bivariate normal about 95% of the time", () => {
    const rng = mulberry32(13);
    const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const pearson = 0.6;
    const trueRho = (6 / Math.PI) * Math.asin(pearson / 2);
    let covered = 0;
    const trials = 400;
    for (let t = 0; t < trials; t++) {
      const x: number[] = [];
      const y: number[] = [];
      for (let i = 0; i < 200; i++) {
        const a = gaussian();
        x.push(a);
        y.push(pearson * a + Math.sqrt(1 - pearson * pearson) * gaussian());
      }
      const r = spearmanRhoInterval(spearmanRho(x, y), x.length);
      if (r.lower <= trueRho && trueRho <= r.upper) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.92);
    expect(covered / trials).toBeLessThan(0.98);
  });

  it("is wider at 99%, narrower with more items, and undefined for an undefined rho or n < 4", () => {
    const r95 = spearmanRhoInterval(0.3, 1000);
    expect(spearmanRhoInterval(0.3, 1000, 0.99).upper - spearmanRhoInterval(0.3, 1000, 0.99).lower).toBeGreaterThan(r95.upper - r95.lower);
    expect(spearmanRhoInterval(0.3, 100_000).upper - spearmanRhoInterval(0.3, 100_000).lower).toBeLessThan(r95.upper - r95.lower);
    expect([spearmanRhoInterval(NaN, 100).lower, spearmanRhoInterval(0.2, 3).upper]).toEqual([NaN, NaN]);
  });
});
