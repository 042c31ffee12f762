/**
 * Benchmark: all pairwise rank statistics (Kendall tau-b, Spearman rho, RBO p=0.9) between
 * 10 models over a 130k-token shared vocabulary of synthetic correlated scores.
 * Run: npx tsx bench/analysis.ts        Targets: wall time < 5 s, peak RSS < 1 GB.
 *
 * Scores: a shared latent "quality" z plus model-specific noise with loadings 0.35..0.9, on
 * model-specific scales and offsets (raw RM scores are not comparable), stored as Float32Array
 * like real sweeps; three models are quantised to a coarse grid to mimic bf16 heads, which
 * produces large tie groups (the hard case for tau-b).
 * Peak memory: the OS high-water mark (process.resourceUsage().maxRSS) plus RSS sampled after
 * every model preparation and every pair (a timer cannot fire inside synchronous work).
 */
import {
  createKendallWorkspace,
  dotClipped,
  kendallTauBPrepared,
  mulberry32,
  kendallTauBJackknife,
  spearmanRhoJackknife,
  pairwiseStatistics,
  prepareScores,
  rboOfPermutations,
} from "../server/analysis";

const MODELS = 10;
const VOCAB = 130_000;
const TARGET_SECONDS = 5;
const TARGET_BYTES = 1024 ** 3;

let sampledPeak = 0;
function sampleRss(): void {
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
}

function normals(rng: () => number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rng()));
    const t = 2 * Math.PI * rng();
    out[i] = r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = r * Math.sin(t);
  }
  return out;
}

function syntheticScores(): Float32Array[] {
  const rng = mulberry32(2025);
  const latent = normals(rng, VOCAB);
  return Array.from({ length: MODELS }, (_, m) => {
    const loading = 0.35 + (0.55 * m) / (MODELS - 1);
    const noise = normals(rng, VOCAB);
    const scale = 0.2 + 3 * rng();
    const offset = -30 + 45 * rng();
    const coarse = m % 4 === 1; // models 1, 5, 9: bf16-like grid -> big tie groups
    const out = new Float32Array(VOCAB);
    for (let i = 0; i < VOCAB; i++) {
      let s = offset + scale * (loading * latent[i] + Math.sqrt(1 - loading * loading) * noise[i]);
      if (coarse) s = Math.round(s * 8) / 8;
      out[i] = s;
    }
    return out;
  });
}

function ms(t0: number): number {
  return performance.now() - t0;
}

function main(): void {
  const scores = syntheticScores();
  sampleRss();
  const distinct = scores.map((s) => new Set(s).size);
  console.log(`models=${MODELS} vocab=${VOCAB} distinct scores per model: ${distinct.join(", ")}`);

  // 1) Headline: the public all-pairs routine, end to end (preparation included).
  const t0 = performance.now();
  const matrices = pairwiseStatistics(scores);
  const headlineMs = ms(t0);
  sampleRss();

  // 2) Breakdown with RSS sampled between steps.
  const tPrep = performance.now();
  const prepared = scores.map((s) => {
    const p = prepareScores(s);
    sampleRss();
    return p;
  });
  const prepMs = ms(tPrep);
  const workspace = createKendallWorkspace(VOCAB);
  const flags = new Uint8Array(2 * VOCAB);
  let tauMs = 0;
  let rhoMs = 0;
  let rboMs = 0;
  let pairs = 0;
  for (let a = 0; a < MODELS; a++) {
    for (let b = a + 1; b < MODELS; b++) {
      let t = performance.now();
      const tau = kendallTauBPrepared(prepared[a].tie, prepared[b].tie, workspace);
      tauMs += ms(t);
      t = performance.now();
      const rho = dotClipped(prepared[a].rankUnit, prepared[b].rankUnit);
      rhoMs += ms(t);
      t = performance.now();
      const rbo = rboOfPermutations(prepared[a].descending, prepared[b].descending, 0.9, flags);
      rboMs += ms(t);
      if (tau !== matrices.tau?.[a * MODELS + b] || rho !== matrices.rho?.[a * MODELS + b] || rbo !== matrices.rbo?.[a * MODELS + b]) {
        throw new Error(`breakdown disagrees with pairwiseStatistics at pair ${a},${b}`);
      }
      pairs++;
      sampleRss();
    }
  }

  // 3) What the heterogeneity analysis adds per pair: tau-b's and rho's jackknife intervals.
  const tJack = performance.now();
  let widest = 0;
  let rhoMsJack = 0;
  let widestRho = 0;
  for (let a = 0; a < MODELS; a++) {
    for (let b = a + 1; b < MODELS; b++) {
      const interval = kendallTauBJackknife(prepared[a].tie, prepared[b].tie);
      if (interval.estimate !== matrices.tau?.[a * MODELS + b]) throw new Error(`jackknife estimate disagrees at pair ${a},${b}`);
      widest = Math.max(widest, interval.upper - interval.lower);
      const tRho = performance.now();
      const rhoInterval = spearmanRhoJackknife(prepared[a].tie, prepared[b].tie);
      rhoMsJack += ms(tRho);
      if (Math.abs(rhoInterval.estimate - matrices.rho![a * MODELS + b]) > 1e-9) throw new Error(`rho jackknife estimate disagrees at pair ${a},${b}`);
      widestRho = Math.max(widestRho, rhoInterval.upper - rhoInterval.lower);
      sampleRss();
    }
  }
  const jackMs = ms(tJack);

  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  const peak = Math.max(maxRssBytes, sampledPeak);
  const seconds = (headlineMs + jackMs) / 1000;
  const fmt = (v: number | undefined) => (v === undefined ? "-" : v.toFixed(3));
  const range = (m: Float64Array | undefined) => {
    if (!m) return "-";
    const off = Array.from(m).filter((_, i) => Math.floor(i / MODELS) !== i % MODELS);
    return `${fmt(Math.min(...off))}..${fmt(Math.max(...off))}`;
  };
  console.log(`off-diagonal ranges: tau ${range(matrices.tau)}, rho ${range(matrices.rho)}, RBO ${range(matrices.rbo)}`);
  console.log(`all pairs (${pairs} pairs, tau + rho + RBO, incl. preparation): ${headlineMs.toFixed(0)} ms`);
  console.log(
    `  breakdown: prepare ${prepMs.toFixed(0)} ms (${(prepMs / MODELS).toFixed(1)} ms/model), ` +
      `tau ${tauMs.toFixed(0)} ms (${(tauMs / pairs).toFixed(1)} ms/pair), ` +
      `rho ${rhoMs.toFixed(0)} ms, RBO ${rboMs.toFixed(0)} ms`,
  );
  console.log(
    `jackknife intervals: ${jackMs.toFixed(0)} ms: tau-b ${(jackMs - rhoMsJack).toFixed(0)} ms (${((jackMs - rhoMsJack) / pairs).toFixed(1)} ms/pair, widest ${widest.toFixed(4)}), ` +
      `rho ${rhoMsJack.toFixed(0)} ms (${(rhoMsJack / pairs).toFixed(1)} ms/pair, widest ${widestRho.toFixed(4)}); ` +
      `all pairs with intervals: ${(headlineMs + jackMs).toFixed(0)} ms`,
  );
  console.log(
    `peak RSS: ${(peak / 1024 ** 2).toFixed(0)} MiB (OS maxRSS ${(maxRssBytes / 1024 ** 2).toFixed(0)} MiB, ` +
      `sampled ${(sampledPeak / 1024 ** 2).toFixed(0)} MiB)`,
  );
  const timeOk = seconds < TARGET_SECONDS;
  const memOk = peak < TARGET_BYTES;
  console.log(`targets: time < ${TARGET_SECONDS} s ${timeOk ? "OK" : "MISSED"}; memory < 1 GiB ${memOk ? "OK" : "MISSED"}`);
  if (!timeOk || !memOk) process.exitCode = 1;
}

main();
