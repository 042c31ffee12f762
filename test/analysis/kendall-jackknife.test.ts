import { describe, expect, it } from "vitest";

import { concordanceByItem, jackknifeInterval, kendallTauB, kendallTauBJackknife, mulberry32, prepareTieRanking } from "../../server/analysis";
import { bivariateNormalSamples, tiedSample } from "./helpers";

describe("Kendall tau-b jackknife interval", () => {
  it("per-item concordance equals the O(n^2) count", () => {
    const { x, y } = tiedSample(80, 3);
    const net = concordanceByItem(prepareTieRanking(x), prepareTieRanking(y));
    for (let i = 0; i < x.length; i++) {
      let expected = 0;
      for (let j = 0; j < x.length; j++) expected += Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
      expect(net[i], `item ${i}`).toBe(expected);
    }
  });

  it("its standard error is the jackknife of tau-b recomputed with each item deleted", () => {
    for (const seed of [1, 2, 5]) {
      const { x, y } = tiedSample(70, seed);
      const result = kendallTauBJackknife(prepareTieRanking(x), prepareTieRanking(y));
      const n = x.length;
      const loo = x.map((_, i) => kendallTauB(x.filter((_, k) => k !== i), y.filter((_, k) => k !== i)));
      const mean = loo.reduce((a, b) => a + b, 0) / n;
      const se = Math.sqrt(((n - 1) / n) * loo.reduce((a, t) => a + (t - mean) ** 2, 0));
      expect(result.estimate).toBeCloseTo(kendallTauB(x, y), 14);
      expect(result.standardError).toBeCloseTo(se, 12);
      expect(result.upper - result.estimate).toBeCloseTo(1.959963984540054 * se, 10);
      expect(result.confidence).toBe(0.95);
    }
  });

  it("covers the true tau of a bivariate normal about 95% of the time", () => {
    const rho = 0.4;
    const trueTau = (2 / Math.PI) * Math.asin(rho);
    let covered = 0;
    const trials = 300;
    for (const { x, y } of bivariateNormalSamples(11, rho, 300, trials)) {
      const r = kendallTauBJackknife(prepareTieRanking(x), prepareTieRanking(y));
      if (r.lower <= trueTau && trueTau <= r.upper) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.92);
    expect(covered / trials).toBeLessThan(0.98);
  });

  it("is wider at 99% and undefined for a constant vector", () => {
    const { x, y } = tiedSample(200, 9);
    const [rx, ry] = [prepareTieRanking(x), prepareTieRanking(y)];
    const r95 = kendallTauBJackknife(rx, ry);
    const r99 = kendallTauBJackknife(rx, ry, 0.99);
    expect(r99.upper - r99.lower).toBeGreaterThan(r95.upper - r95.lower);
    const constant = kendallTauBJackknife(prepareTieRanking(x.map(() => 1)), ry);
    expect([constant.lower, constant.upper]).toEqual([NaN, NaN]);
  });

  it("gives a mean of taus over the same items its jackknife: the means of their leave-one-out values", () => {
    const rng = mulberry32(21);
    const n = 60;
    const base = Array.from({ length: n }, () => rng());
    const models = [0.2, 0.5, 0.8].map((noise) => base.map((v) => Math.floor((v + noise * rng()) * 6)));
    const others = [1, 2];
    const sums = new Float64Array(n);
    let estimate = 0;
    for (const j of others) {
      const pair = kendallTauBJackknife(prepareTieRanking(models[0]), prepareTieRanking(models[j]));
      pair.leaveOneOut!.forEach((v, i) => (sums[i] += v / others.length));
      estimate += pair.estimate / others.length;
    }
    const result = jackknifeInterval(estimate, sums);
    // Brute force: model 0's mean tau to the others, recomputed with each item deleted.
    const drop = (v: number[], i: number) => v.filter((_, k) => k !== i);
    const loo = base.map((_, i) => others.reduce((sum, j) => sum + kendallTauB(drop(models[0], i), drop(models[j], i)), 0) / others.length);
    const mean = loo.reduce((a, b) => a + b, 0) / n;
    const se = Math.sqrt(((n - 1) / n) * loo.reduce((a, t) => a + (t - mean) ** 2, 0));
    expect(result.estimate).toBeCloseTo(others.reduce((sum, j) => sum + kendallTauB(models[0], models[j]), 0) / others.length, 14);
    expect(result.standardError).toBeCloseTo(se, 12);
    expect(result.lower).toBeCloseTo(estimate - 1.959963984540054 * se, 10);
  });
});
