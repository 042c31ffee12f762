import { describe, expect, it } from "vitest";

import { prepareTieRanking, spearmanRho, spearmanRhoJackknife } from "../../server/analysis";
import { bivariateNormalSamples, tiedSample } from "./helpers";

describe("Spearman rho jackknife interval", () => {
  it("each leave-one-out value is rho recomputed with that item deleted (re-ranked, ties included)", () => {
    for (const seed of [1, 2, 7]) {
      const { x, y } = tiedSample(60, seed);
      const result = spearmanRhoJackknife(prepareTieRanking(x), prepareTieRanking(y));
      const loo = x.map((_, i) => spearmanRho(x.filter((_, k) => k !== i), y.filter((_, k) => k !== i)));
      loo.forEach((rho, i) => expect(result.leaveOneOut![i], `item ${i}`).toBeCloseTo(rho, 12));
      const n = x.length;
      const mean = loo.reduce((a, b) => a + b, 0) / n;
      const se = Math.sqrt(((n - 1) / n) * loo.reduce((a, r) => a + (r - mean) ** 2, 0));
      expect(result.estimate).toBeCloseTo(spearmanRho(x, y), 12);
      expect(result.standardError).toBeCloseTo(se, 12);
      expect(result.upper - result.estimate).toBeCloseTo(1.959963984540054 * se, 10);
    }
  });

  it("matches on continuous data too, and covers a bivariate normal's true rho about 95% of the time", () => {
    const r = 0.5;
    const trueRho = (6 / Math.PI) * Math.asin(r / 2);
    let covered = 0;
    let t = 0;
    const trials = 300;
    for (const { x, y } of bivariateNormalSamples(17, r, 200, trials)) {
      const result = spearmanRhoJackknife(prepareTieRanking(x), prepareTieRanking(y));
      if (t === 0) expect(result.estimate).toBeCloseTo(spearmanRho(x, y), 12);
      if (result.lower <= trueRho && trueRho <= result.upper) covered++;
      t++;
    }
    expect(covered / trials).toBeGreaterThan(0.92);
    expect(covered / trials).toBeLessThan(0.98);
  });

  it("is undefined for a constant vector or one that turns constant when an item is deleted", () => {
    const { y } = tiedSample(50, 3);
    const constant = spearmanRhoJackknife(prepareTieRanking(y.map(() => 2)), prepareTieRanking(y));
    expect([constant.estimate, constant.lower, constant.upper]).toEqual([NaN, NaN, NaN]);
    const oneOff = spearmanRhoJackknife(prepareTieRanking(y.map((_, i) => (i === 0 ? 1 : 0))), prepareTieRanking(y));
    expect(Number.isFinite(oneOff.estimate)).toBe(true);
    expect([oneOff.lower, oneOff.upper]).toEqual([NaN, NaN]);
  });
});
