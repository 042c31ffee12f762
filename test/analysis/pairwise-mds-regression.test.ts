import { describe, expect, it } from "vitest";
import {
  bootstrapOls,
  bootstrapScalar,
  classicalMds,
  invert,
  kendallTauB,
  mulberry32,
  oneMinus,
  ols,
  pairwiseStatistics,
  rboFromScores,
  simpleRegression,
  spearmanRho,
  symmetricEigen,
} from "../../server/analysis";
import { normals } from "./helpers";

describe("pairwise matrices", () => {
  it("equal the single-pair functions, are symmetric, with unit diagonal", () => {
    const a = [1, 2, 3, 4, 5, 6];
    const b = [2, 1, 4, 3, 6, 5];
    const c = [6, 5, 4, 3, 3, 1];
    const { tau, rho, rbo, models } = pairwiseStatistics([a, b, c]);
    expect(models).toBe(3);
    const at = (m: Float64Array | undefined, i: number, j: number) => (m as Float64Array)[i * 3 + j];
    expect(at(tau, 0, 1)).toBeCloseTo(kendallTauB(a, b), 15);
    expect(at(tau, 2, 0)).toBeCloseTo(kendallTauB(a, c), 15);
    expect(at(rho, 1, 2)).toBeCloseTo(spearmanRho(b, c), 15);
    expect(at(rbo, 0, 2)).toBeCloseTo(rboFromScores(a, c), 15);
    expect(at(rbo, 2, 0)).toBe(at(rbo, 0, 2));
    for (let i = 0; i < 3; i++) expect(at(tau, i, i)).toBe(1);
    expect(Array.from(oneMinus(Float64Array.from([1, 0.25])))).toEqual([0, 0.75]);
  });

  it("computes only the requested statistics", () => {
    const out = pairwiseStatistics([[1, 2], [2, 1]], { statistics: ["rho"] });
    expect(out.tau).toBeUndefined();
    expect(out.rho?.[1]).toBeCloseTo(-1, 15);
  });
});

describe("linear algebra and MDS", () => {
  it("inverts a 2x2 matrix and reports singular ones", () => {
    const inv = invert(Float64Array.from([4, 7, 2, 6]), 2) as Float64Array;
    [0.6, -0.7, -0.2, 0.4].forEach((v, i) => expect(inv[i]).toBeCloseTo(v, 14));
    expect(invert(Float64Array.from([1, 2, 2, 4]), 2)).toBeNull();
  });

  it("Jacobi eigen: [[2,1],[1,2]] has eigenvalues 3, 1 with sign-fixed vectors", () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    const s = Math.SQRT1_2;
    expect(vectors[0]).toBeCloseTo(s, 14); // column 0 = (s, s)
    expect(vectors[2]).toBeCloseTo(s, 14);
    expect(Math.abs(vectors[1])).toBeCloseTo(s, 14);
    expect(vectors[1] + vectors[3]).toBeCloseTo(0, 14); // column 1 = +-(s, -s)
  });

  it("recovers a planar configuration's distances exactly (rectangle 3 x 4)", () => {
    const pts = [
      [0, 0],
      [3, 0],
      [0, 4],
      [3, 4],
      [1, 1],
    ];
    const d = pts.map((p) => pts.map((q) => Math.hypot(p[0] - q[0], p[1] - q[1])));
    const mds = classicalMds(d);
    for (let i = 0; i < pts.length; i++) {
      for (let j = 0; j < pts.length; j++) {
        const dx = mds.coords[i * 2] - mds.coords[j * 2];
        const dy = mds.coords[i * 2 + 1] - mds.coords[j * 2 + 1];
        expect(Math.hypot(dx, dy)).toBeCloseTo(d[i][j], 10);
      }
    }
    expect(mds.goodnessOfFit).toBeCloseTo(1, 10);
    expect(Math.abs(mds.eigenvalues[2])).toBeLessThan(1e-9);
    // Deterministic sign: on each axis the largest-magnitude coordinate is positive.
    for (let k = 0; k < 2; k++) {
      const axis = pts.map((_, i) => mds.coords[i * 2 + k]);
      const big = axis.reduce((b, v) => (Math.abs(v) > Math.abs(b) + 1e-12 ? v : b), 0);
      expect(big).toBeGreaterThan(0);
    }
    expect(Array.from(classicalMds(d).coords)).toEqual(Array.from(mds.coords));
  });

  it("points on a line get a zero second coordinate", () => {
    const xs = [0, 1, 3];
    const d = xs.map((a) => xs.map((b) => Math.abs(a - b)));
    const mds = classicalMds(d);
    for (let i = 0; i < 3; i++) expect(mds.coords[i * 2 + 1]).toBeCloseTo(0, 8);
    expect(Math.abs(mds.coords[0] - mds.coords[4])).toBeCloseTo(3, 10);
  });

  it("rejects asymmetric input", () => {
    expect(() => classicalMds([[0, 1], [2, 0]])).toThrow(/symmetric/);
  });
});

describe("OLS", () => {
  it("hand-worked fit: x = 1..4, y = 2,3,5,4 -> slope 0.8, intercept 1.5, R^2 0.64", () => {
    const fit = simpleRegression([1, 2, 3, 4], [2, 3, 5, 4]);
    expect(fit.slopes[0]).toBeCloseTo(0.8, 14);
    expect(fit.intercept).toBeCloseTo(1.5, 14);
    expect(fit.rSquared).toBeCloseTo(0.64, 14);
    // RSS = 1.8, sigma^2 = 0.9, Sxx = 5, xbar = 2.5
    expect(fit.slopeStandardErrors[0]).toBeCloseTo(Math.sqrt(0.18), 14);
    expect(fit.interceptStandardError).toBeCloseTo(Math.sqrt(0.9 * (0.25 + 6.25 / 5)), 14);
    expect(fit.residualDf).toBe(2);
  });

  it("recovers exact coefficients with two predictors", () => {
    const a = [1, 2, 3, 4, 5, 6];
    const b = [2, -1, 0, 5, 3, 1];
    const y = a.map((v, i) => 1 + 2 * v - 3 * b[i]);
    const fit = ols([a, b], y);
    expect(fit.intercept).toBeCloseTo(1, 12);
    expect(fit.slopes[0]).toBeCloseTo(2, 12);
    expect(fit.slopes[1]).toBeCloseTo(-3, 12);
    expect(fit.rSquared).toBeCloseTo(1, 12);
  });

  it("returns NaN slopes for collinear predictors", () => {
    const fit = ols([[1, 2, 3, 4], [2, 4, 6, 8]], [1, 2, 3, 5]);
    expect(fit.slopes[0]).toBeNaN();
  });

  it("percentile bootstrap: reproducible per seed, degenerate for an exact line", () => {
    const rng = mulberry32(5);
    const x = normals(rng, 400);
    const e = normals(rng, 400);
    const y = x.map((v, i) => 0.5 * v + e[i]);
    const one = bootstrapOls([x], y, { seed: 1 });
    const again = bootstrapOls([x], y, { seed: 1 });
    const other = bootstrapOls([x], y, { seed: 2 });
    expect(again.slopes[0]).toEqual(one.slopes[0]);
    expect(other.slopes[0].lower).not.toBe(one.slopes[0].lower);
    const s = one.slopes[0];
    expect(s.estimate).toBeCloseTo(one.fit.slopes[0], 14);
    expect(s.lower).toBeLessThan(s.estimate);
    expect(s.upper).toBeGreaterThan(s.estimate);
    expect(s.resamples).toBe(1000);
    // Width close to the normal-theory 2 * 1.96 * SE.
    const ratio = (s.upper - s.lower) / (2 * 1.96 * one.fit.slopeStandardErrors[0]);
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(1.35);
    const exact = bootstrapOls([[1, 2, 3, 4, 5]], [3, 5, 7, 9, 11], { resamples: 200 });
    expect(exact.slopes[0].lower).toBeCloseTo(2, 12);
    expect(exact.slopes[0].upper).toBeCloseTo(2, 12);
  });

  it("bootstrapScalar of a mean covers the sample mean", () => {
    const v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const ci = bootstrapScalar(v.length, (rows) => rows.reduce((s, r) => s + v[r], 0) / rows.length, { resamples: 500 });
    expect(ci.estimate).toBe(5.5);
    expect(ci.lower).toBeLessThan(5.5);
    expect(ci.upper).toBeGreaterThan(5.5);
    expect(ci.confidence).toBe(0.95);
  });
});
