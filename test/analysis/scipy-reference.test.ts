/**
 * Exactness against an independent implementation (scipy/numpy via /usr/bin/python3) on the
 * real EloEverything data: 3 files x 55 column pairs (human Elo + 10 reward models, many ties),
 * plus moments, quantiles, ranks, percentiles and OLS.
 * Skips only when the shared data folder is absent; FAILS when scipy is missing.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  kendallTauB,
  mean,
  ols,
  pairwiseStatistics,
  pearson,
  percentiles,
  quantiles,
  rankAverage,
  simpleRegression,
  skewness,
  spearmanRho,
  variance,
} from "../../server/analysis";
import { findSharedData, loadEloCsv, REPO_ROOT, type EloCsv } from "./helpers";

const num = z.number().nullable();
const Reference = z.object({
  scipy: z.string(),
  files: z.record(
    z.string(),
    z.object({
      names: z.array(z.string()),
      n: z.number(),
      pairs: z.array(z.object({ i: z.number(), j: z.number(), tau: num, rho: num, pearson: num })),
      moments: z.array(
        z.object({ i: z.number(), mean: num, var0: num, var1: num, skew: num, skewUnbiased: num, quantiles: z.array(num) }),
      ),
      regressions: z.array(
        z.object({ i: z.number(), slope: num, intercept: num, stderr: num, interceptStderr: num, r2: num }),
      ),
      multi: z.object({ coef: z.array(num), se: z.array(num) }),
      ranks: z.record(z.string(), z.array(z.number())),
      percentiles: z.record(z.string(), z.array(num)),
    }),
  ),
});
type Reference = z.infer<typeof Reference>;

const PYTHON = "/usr/bin/python3";
const SCRIPT = path.join(REPO_ROOT, "test", "analysis", "scipy_reference.py");
const dataDir = findSharedData();
const eloDir = dataDir ? path.join(dataDir, "paper-eloeverything") : undefined;
if (!dataDir) {
  console.warn("[analysis] shared data folder (../shared/data) not found: skipping scipy reference tests");
}

/** Relative-or-absolute closeness: |a - b| <= tol * max(1, |b|). */
function expectClose(actual: number, expected: number | null, tol: number, label: string): void {
  if (expected === null) {
    expect(Number.isNaN(actual), `${label}: expected NaN, got ${actual}`).toBe(true);
    return;
  }
  const err = Math.abs(actual - expected);
  expect(err <= tol * Math.max(1, Math.abs(expected)), `${label}: ${actual} vs scipy ${expected}`).toBe(true);
}

/** Runs the Python reference once (memoised); throws - failing every test - when scipy is missing. */
let cached: { reference: Reference; csvs: Map<string, EloCsv> } | undefined;
function load(): { reference: Reference; csvs: Map<string, EloCsv> } {
  if (cached) return cached;
  const files = readdirSync(eloDir as string)
    .filter((f) => f.endsWith(".csv"))
    .map((f) => path.join(eloDir as string, f));
  if (files.length !== 3) throw new Error(`expected 3 EloEverything CSVs in ${eloDir}, found ${files.length}`);
  const run = spawnSync(PYTHON, [SCRIPT, ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error || run.status !== 0) {
    const why = run.error ? run.error.message : run.stderr;
    throw new Error(
      `scipy reference failed (${PYTHON}). Install scipy for the system Python: ` +
        `apt-get install -y python3-scipy. Details: ${why}`,
    );
  }
  const reference = Reference.parse(JSON.parse(run.stdout));
  const csvs = new Map(files.map((f) => [f, loadEloCsv(f)] as const));
  cached = { reference, csvs };
  return cached;
}

describe.skipIf(!eloDir)("scipy reference on EloEverything data", () => {
  it("runs the scipy reference (fails if /usr/bin/python3 lacks scipy)", () => {
    const { reference } = load();
    expect(Object.keys(reference.files)).toHaveLength(3);
    expect(reference.scipy).toMatch(/^\d+\./);
  });

  it("Kendall tau-b, Spearman rho and Pearson r match scipy for every pair (3 x 55 pairs)", () => {
    const { reference, csvs } = load();
    let checked = 0;
    for (const [file, ref] of Object.entries(reference.files)) {
      const { columns, names } = csvs.get(file) as EloCsv;
      expect(names).toEqual(ref.names);
      for (const p of ref.pairs) {
        const label = `${path.basename(file)} ${names[p.i]} vs ${names[p.j]}`;
        expectClose(kendallTauB(columns[p.i], columns[p.j]), p.tau, 1e-9, `tau ${label}`);
        expectClose(spearmanRho(columns[p.i], columns[p.j]), p.rho, 1e-9, `rho ${label}`);
        expectClose(pearson(columns[p.i], columns[p.j]), p.pearson, 1e-9, `pearson ${label}`);
        checked++;
      }
    }
    expect(checked).toBe(3 * 55);
  });

  it("the all-pairs matrix routine agrees with scipy too", () => {
    const { reference, csvs } = load();
    for (const [file, ref] of Object.entries(reference.files)) {
      const { columns } = csvs.get(file) as EloCsv;
      const m = columns.length;
      const { tau, rho } = pairwiseStatistics(columns, { statistics: ["tau", "rho"] });
      for (const p of ref.pairs) {
        expectClose((tau as Float64Array)[p.i * m + p.j], p.tau, 1e-9, `matrix tau ${p.i},${p.j}`);
        expectClose((rho as Float64Array)[p.j * m + p.i], p.rho, 1e-9, `matrix rho ${p.j},${p.i}`);
      }
    }
  });

  it("mean, variance (ddof 0 and 1), skewness (biased and unbiased) and type-7 quantiles match", () => {
    const { reference, csvs } = load();
    for (const [file, ref] of Object.entries(reference.files)) {
      const { columns } = csvs.get(file) as EloCsv;
      for (const mo of ref.moments) {
        const x = columns[mo.i];
        expectClose(mean(x), mo.mean, 1e-10, `mean ${mo.i}`);
        expectClose(variance(x, 0), mo.var0, 1e-9, `var0 ${mo.i}`);
        expectClose(variance(x, 1), mo.var1, 1e-9, `var1 ${mo.i}`);
        expectClose(skewness(x), mo.skew, 1e-8, `skew ${mo.i}`);
        expectClose(skewness(x, { bias: false }), mo.skewUnbiased, 1e-8, `skewUnbiased ${mo.i}`);
        const q = quantiles(x, [0, 0.1, 0.25, 0.5, 0.9, 0.975, 1]);
        mo.quantiles.forEach((v, k) => expectClose(q[k], v, 1e-12, `quantile ${k} of ${mo.i}`));
      }
    }
  });

  it("average ranks equal scipy.stats.rankdata and percentiles equal percentileofscore(kind='mean')", () => {
    const { reference, csvs } = load();
    for (const [file, ref] of Object.entries(reference.files)) {
      const { columns } = csvs.get(file) as EloCsv;
      for (const [col, expected] of Object.entries(ref.ranks)) {
        expect(Array.from(rankAverage(columns[Number(col)]))).toEqual(expected);
      }
      for (const [col, expected] of Object.entries(ref.percentiles)) {
        const pct = percentiles(columns[Number(col)]);
        [0, 17, 4000, 7529].forEach((row, k) => expectClose(pct[row], expected[k], 1e-12, `percentile ${col}/${row}`));
      }
    }
  });

  it("OLS slope, intercept, standard errors and R^2 match scipy.stats.linregress and numpy lstsq", () => {
    const { reference, csvs } = load();
    for (const [file, ref] of Object.entries(reference.files)) {
      const { columns } = csvs.get(file) as EloCsv;
      for (const r of ref.regressions) {
        const fit = simpleRegression(columns[0], columns[r.i]);
        expectClose(fit.slopes[0], r.slope, 1e-9, `slope ${r.i}`);
        expectClose(fit.intercept, r.intercept, 1e-9, `intercept ${r.i}`);
        expectClose(fit.slopeStandardErrors[0], r.stderr, 1e-8, `stderr ${r.i}`);
        expectClose(fit.interceptStandardError, r.interceptStderr, 1e-8, `intercept stderr ${r.i}`);
        expectClose(fit.rSquared, r.r2, 1e-9, `r2 ${r.i}`);
      }
      const multi = ols([columns[0], columns[5]], columns[1]);
      const coef = [multi.intercept, multi.slopes[0], multi.slopes[1]];
      const se = [multi.interceptStandardError, multi.slopeStandardErrors[0], multi.slopeStandardErrors[1]];
      ref.multi.coef.forEach((c, k) => expectClose(coef[k], c, 1e-8, `multi coef ${k}`));
      ref.multi.se.forEach((s, k) => expectClose(se[k], s, 1e-8, `multi se ${k}`));
    }
  });
});
