// bench/webgpu: the GPU path (onnxruntime-node's WebGPU execution provider, Dawn over Vulkan)
// against the CPU path on the same inputs, for a demo model and the transformer fixture (whole rows, and
// with the prompt prefix cached: the prefix runs once on the device, rows are [id] + suffix).
//   npx tsx bench/webgpu.ts [--ids 32768] [--transformer-ids 4096] [--batch-size 1024]
// For each model: open a CPU and a WebGPU session, score the same spliced batches on both, then
// report session.run throughput per device and how far the scores agree (max |diff| relative to
// the score range, Spearman rho, Kendall tau-b, identical top-10). float32 kernels differ in
// summation order, so scores agree to ~1e-6 of their range, not bit for bit.
// Then what a sweep of the cached-prefix model settles on each device with --prefix-cache auto.
// On a machine without a GPU adapter it prints the backend's error and exits 2.
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { OnnxBackend, type OnnxDevice } from "../runner/backends/onnx";
import { BundleManifest } from "../runner/bundle";
import { writeDemoBundle } from "../runner/onnx/demo";
import { writeTransformerBundle } from "../runner/onnx/transformerBundle";
import { buildInputSpec, fillBatch, loadTokenizer } from "../runner/tokenize";
import { openRowScorer } from "../runner/sweep/prepare";
import { setUpRows } from "../runner/sweep/rowPath";
import { kendallTauB, spearmanRho } from "../server/analysis";
import { scratchDir } from "../scripts/scratchDir";

const { values } = parseArgs({
  options: {
    ids: { type: "string", default: "32768" },
    "transformer-ids": { type: "string", default: "4096" },
    "batch-size": { type: "string", default: "1024" },
  },
});
const batchSize = Number(values["batch-size"]);
const work = scratchDir("ra-bench-webgpu-");

interface DeviceRun {
  scores: Float32Array;
  runSeconds: number;
  openSeconds: number;
}

async function scoreAll(bundleDir: string, device: OnnxDevice, n: number): Promise<DeviceRun> {
  const { readFileSync } = await import("node:fs");
  const manifest = BundleManifest.parse(JSON.parse(readFileSync(path.join(bundleDir, "manifest.json"), "utf8")));
  const tok = await loadTokenizer(bundleDir);
  const spec = buildInputSpec(tok, { prompt: "What, in one word, is the greatest thing ever?" });
  const ids = Int32Array.from({ length: n }, (_, i) => i);
  const t0 = performance.now();
  const backend = await OnnxBackend.open(bundleDir, manifest, { device });
  const openSeconds = (performance.now() - t0) / 1000;
  // A model with key/value cache I/O: the prefix runs once on this device, rows are [id] + suffix.
  const { scorer, rowSpec, close } = await openRowScorer(backend, spec);
  const L = rowSpec.sequenceLength;
  try {
    const buffer = new BigInt64Array(batchSize * L);
    fillBatch(rowSpec, ids, 0, Math.min(batchSize, n), buffer);
    await scorer.score(buffer.subarray(0, Math.min(batchSize, n) * L), Math.min(batchSize, n), L); // warm-up (shader compilation on WebGPU)
    const scores = new Float32Array(n);
    let runSeconds = 0;
    for (let start = 0; start < n; start += batchSize) {
      const rows = Math.min(batchSize, n - start);
      fillBatch(rowSpec, ids, start, rows, buffer);
      const t1 = performance.now();
      const out = await scorer.score(buffer.subarray(0, rows * L), rows, L);
      runSeconds += (performance.now() - t1) / 1000;
      scores.set(out.subarray(0, rows), start);
    }
    return { scores, runSeconds, openSeconds };
  } finally {
    await close();
    await backend.close();
  }
}

function agreement(cpu: Float32Array, gpu: Float32Array) {
  let maxDiff = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < cpu.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(cpu[i] - gpu[i]));
    min = Math.min(min, cpu[i]);
    max = Math.max(max, cpu[i]);
  }
  const top = (s: Float32Array) => Array.from(s.keys()).sort((a, b) => s[b] - s[a]).slice(0, 10);
  const finite = gpu.every(Number.isFinite);
  return {
    finite,
    maxAbsDiff: maxDiff,
    maxDiffOfRange: maxDiff / Math.max(max - min, 1e-30),
    spearman: spearmanRho(cpu, gpu),
    kendall: kendallTauB(cpu, gpu),
    sameTop10: top(cpu).join() === top(gpu).join(),
  };
}

const cases = [
  { name: "demo llama3.1", dir: writeDemoBundle("llama3.1", path.join(work, "demo-llama")).dir, n: Math.min(Number(values.ids), 128_256) },
  { name: "transformer 4x256", dir: writeTransformerBundle(work), n: Number(values["transformer-ids"]) },
  { name: "transformer 4x256, prompt prefix cached", dir: writeTransformerBundle(work, { name: "transformer-kv", withPast: true }), n: Number(values["transformer-ids"]) },
];
let failed = false;
for (const c of cases) {
  const cpu = await scoreAll(c.dir, "cpu", c.n);
  let gpu: DeviceRun;
  try {
    gpu = await scoreAll(c.dir, "webgpu", c.n);
  } catch (error) {
    console.error(`${c.name}: webgpu unavailable: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  const a = agreement(cpu.scores, gpu.scores);
  const ok = a.finite && a.maxDiffOfRange < 1e-3 && a.spearman > 0.9999;
  failed ||= !ok;
  console.log(
    `${c.name}, ${c.n.toLocaleString("en")} ids, batch ${batchSize}: ` +
      `cpu ${Math.round(c.n / cpu.runSeconds).toLocaleString("en")} tok/s, webgpu ${Math.round(c.n / gpu.runSeconds).toLocaleString("en")} tok/s ` +
      `(x${(cpu.runSeconds / gpu.runSeconds).toFixed(2)}; webgpu session open ${gpu.openSeconds.toFixed(2)} s); ` +
      `max |diff| ${a.maxAbsDiff.toExponential(2)} = ${a.maxDiffOfRange.toExponential(2)} of the range, ` +
      `rho ${a.spearman.toFixed(6)}, tau-b ${a.kendall.toFixed(6)}, same top-10 ${a.sameTop10} -> ${ok ? "AGREE" : "DISAGREE"}`,
  );
}
// What a sweep of the cached-prefix model settles on each device (runner/sweep/rowPath.ts): the
// tuned batch size and, with --prefix-cache auto, the cached prefix or whole rows, as measured.
const kv = cases[2].dir;
for (const device of ["cpu", "webgpu"] as const) {
  const { readFileSync } = await import("node:fs");
  const manifest = BundleManifest.parse(JSON.parse(readFileSync(path.join(kv, "manifest.json"), "utf8")));
  const spec = buildInputSpec(await loadTokenizer(kv), { prompt: "What, in one word, is the greatest thing ever?" });
  const backend = await OnnxBackend.open(kv, manifest, { device });
  const sample = Int32Array.from({ length: 4096 }, (_, i) => i);
  const setup = await setUpRows(backend, spec, sample, { mode: "auto", log: (line) => console.log(`${device}: ${line}`), label: "--prefix-cache auto" });
  console.log(`${device}: sweeps with batch ${setup.batchSize}, ${setup.useCache ? "prefix cached" : "whole rows"}`);
  await setup.rows.close();
  await backend.close();
}
process.exit(failed ? 1 : 0);
