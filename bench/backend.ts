/**
 * Micro-benchmark of OnnxBackend on CPU: demo reward models and transformer fixtures.
 *   npx tsx bench/backend.ts [--batch 1024] [--seq 30] [--reps 5] [--threads N]
 * Rows are random vocabulary ids (the demo graphs' cost does not depend on which ids).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseManifest } from "../runner/bundle/manifest";
import { buildTransformerFixture, transformerParameterCount, writeDemoBundle, type TokenizerFamily } from "../runner/onnx";
import { SeededRandom } from "../runner/onnx/rng";
import { OnnxBackend } from "../runner/backends/onnx";

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
}

const batchSize = arg("batch", 1024);
const seqLen = arg("seq", 30);
const reps = arg("reps", 5);
const threads = arg("threads", 0) || undefined;

function randomBatch(vocab: number, seed = 1): BigInt64Array {
  const rng = new SeededRandom(seed);
  return BigInt64Array.from({ length: batchSize * seqLen }, () => BigInt(Math.floor(rng.next() * vocab)));
}

async function bench(label: string, be: OnnxBackend, vocab: number) {
  const batch = randomBatch(vocab);
  await be.score(batch, batchSize, seqLen); // warm-up
  const before = be.inferenceMs;
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) await be.score(batch, batchSize, seqLen);
  const wall = performance.now() - t0;
  const inf = be.inferenceMs - before;
  console.log(
    `${label.padEnd(58)} ${((batchSize * reps) / (wall / 1000)).toFixed(0).padStart(9)} rows/s  ` +
      `(${(wall / reps).toFixed(1)} ms/batch, wall/inference ${(wall / inf).toFixed(3)})`,
  );
  await be.close();
}

const dir = mkdtempSync(path.join(os.tmpdir(), "ra-bench-"));
try {
  console.log(`CPU: ${os.cpus()[0]?.model} x${os.cpus().length}; batch ${batchSize} x seq ${seqLen}; threads ${threads ?? "default"}`);
  for (const fam of ["llama3.1", "qwen3", "gemma3"] as TokenizerFamily[]) {
    const t0 = performance.now();
    const b = writeDemoBundle(fam, path.join(dir, fam));
    const ms = performance.now() - t0;
    const be = await OnnxBackend.open(b.dir, b.manifest, { device: "cpu", intraOpThreads: threads });
    await bench(`demo ${fam} (vocab ${b.manifest.vocabSize}, bundle written in ${ms.toFixed(0)} ms)`, be, b.manifest.vocabSize);
  }
  const specs = [
    { vocabSize: 128256, layers: 2, dModel: 64, heads: 4 },
    { vocabSize: 128256, layers: 2, dModel: 128, heads: 4 },
    { vocabSize: 128256, layers: 4, dModel: 256, heads: 8 },
  ];
  for (const spec of specs) {
    const file = path.join(dir, `tf-${spec.layers}-${spec.dModel}.onnx`);
    writeFileSync(file, buildTransformerFixture({ ...spec, seqLen: Math.max(64, seqLen) }));
    const io = parseManifest({
      schemaVersion: 1, slug: "tf", displayName: "tf", source: "fixture", family: "test", demo: false,
      inputs: { inputIds: "input_ids" }, dtype: "float32", vocabSize: spec.vocabSize,
    });
    const be = await OnnxBackend.openModel(file, io, { device: "cpu", intraOpThreads: threads });
    const p = (transformerParameterCount(spec) / 1e6).toFixed(1);
    await bench(`transformer L${spec.layers} d${spec.dModel} h${spec.heads} (${p}M params)`, be, spec.vocabSize);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
