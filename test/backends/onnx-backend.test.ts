import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DeviceUnavailableError,
  ModelIoError,
  ModelLoadError,
  NonFiniteScoreError,
  OnnxBackend,
  OutputShapeError,
  VocabularyMismatchError,
} from "../../runner/backends";
import { loadBundle, parseManifest, type BundleManifest } from "../../runner/bundle";
import { buildBadModel, buildTransformerFixture, familyVocabulary, writeDemoBundle, type BadModelKind } from "../../runner/onnx";
import { batchOf, chatFrame, PROMPTS, wordId } from "../onnx/helpers";

const root = mkdtempSync(path.join(tmpdir(), "ra-onnx-"));
let demoDir = "";
let demo: BundleManifest;
beforeAll(() => {
  demoDir = path.join(root, "demo-llama");
  demo = writeDemoBundle("llama3.1", demoDir).manifest;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const V = 1000;
const io = parseManifest({
  schemaVersion: 1,
  slug: "bad",
  displayName: "bad",
  source: "fixture",
  family: "test",
  demo: false,
  inputs: { inputIds: "input_ids" },
  dtype: "float32",
  vocabSize: V,
});

function badModel(kind: BadModelKind): string {
  const file = path.join(root, `${kind}.onnx`);
  writeFileSync(file, buildBadModel(kind, V));
  return file;
}

/** Rows [1, 2, c, 3] for each candidate c. */
function rows(cands: number[]): { batch: BigInt64Array; n: number; seqLen: number } {
  return { batch: BigInt64Array.from(cands.flatMap((c) => [1, 2, c, 3]), BigInt), n: cands.length, seqLen: 4 };
}

describe("OnnxBackend on a demo bundle", () => {
  it("scores real vocabulary rows, validates the bundle, and counts inference time", async () => {
    const bundle = await loadBundle(demoDir);
    const be = await OnnxBackend.open(demoDir, bundle.manifest, { device: "cpu", intraOpThreads: 2 });
    expect(be.kind).toBe("onnx");
    expect(be.device).toBe("cpu");
    const vocab = familyVocabulary("llama3.1");
    const cands = ["love", "hate", "table"].map((w) => wordId(vocab, w));
    const best = batchOf(chatFrame(vocab, "llama3.1", PROMPTS.best), cands);
    const worst = batchOf(chatFrame(vocab, "llama3.1", PROMPTS.worst), cands);
    const sb = await be.score(best.batch, cands.length, best.seqLen);
    const sw = await be.score(worst.batch, cands.length, worst.seqLen);
    expect(sb).toBeInstanceOf(Float32Array);
    expect(sb.length).toBe(3);
    expect(sb[0]).toBeGreaterThan(sb[1]); // love > hate when asked for the best
    expect(sw[1]).toBeGreaterThan(sw[0]); // hate > love when asked for the worst
    // a row scores the same alone or inside a batch
    const single = batchOf(chatFrame(vocab, "llama3.1", PROMPTS.best), [cands[2]]);
    expect((await be.score(single.batch, 1, single.seqLen))[0]).toBeCloseTo(sb[2], 4);
    await expect(be.probeVocabulary(demo.vocabSize - 1)).resolves.toEqual(expect.any(Number));
    const st = be.stats();
    expect(st.rows).toBe(8);
    expect(st.batches).toBe(4);
    expect(st.inferenceMs).toBeGreaterThan(0);
    expect(be.inferenceMs).toBe(st.inferenceMs);
    await expect(be.score(best.batch, 2, best.seqLen)).rejects.toThrow(/batchSize x seqLen/);
    await be.close();
    await expect(be.score(best.batch, 3, best.seqLen)).rejects.toThrow(/closed/);
  });

  it("rejects reward.index beyond the output's columns, naming the shape", async () => {
    const be = await OnnxBackend.open(demoDir, { ...demo, reward: { output: "logits", index: 2 } }, { device: "cpu" });
    const r = rows([5, 6]);
    await expect(be.score(r.batch, r.n, r.seqLen)).rejects.toThrow(OutputShapeError);
    await expect(be.score(r.batch, r.n, r.seqLen)).rejects.toThrow(/reward\.index = 2 .*shape \[2, 1\]/);
    await be.close();
  });

  it("lists the model's real input/output names when the manifest names others", async () => {
    const wrongOut = OnnxBackend.open(demoDir, { ...demo, reward: { output: "score", index: 0 } }, { device: "cpu" });
    await expect(wrongOut).rejects.toThrow(ModelIoError);
    await expect(wrongOut).rejects.toThrow(/reward\.output = "score".*outputs: \[logits\]/);
    const renamed = OnnxBackend.openModel(badModel("renamed-io"), io, { device: "cpu" });
    await expect(renamed).rejects.toThrow(/inputs\.inputIds = "input_ids" is not an input.*Model inputs: \[ids, mask\]; outputs: \[score\]/);
  });
});

describe("OnnxBackend on transformer fixtures", () => {
  it("feeds position_ids 0..seq-1 when the manifest names them", async () => {
    const spec = { vocabSize: V, layers: 2, dModel: 64, heads: 4, seqLen: 32, seed: 3 };
    const plain = path.join(root, "tf.onnx");
    const withPos = path.join(root, "tf-pos.onnx");
    writeFileSync(plain, buildTransformerFixture(spec));
    writeFileSync(withPos, buildTransformerFixture({ ...spec, positionIds: true }));
    const r = rows([5, 6, 7, 999]);
    const a = await OnnxBackend.openModel(plain, io, { device: "cpu" });
    const posIo = { ...io, inputs: { ...io.inputs, positionIds: "position_ids" } };
    const b = await OnnxBackend.openModel(withPos, posIo, { device: "cpu" });
    const sa = await a.score(r.batch, r.n, r.seqLen);
    const sb = await b.score(r.batch, r.n, r.seqLen);
    for (let i = 0; i < r.n; i++) expect(sb[i]).toBeCloseTo(sa[i], 4);
    expect(new Set(Array.from(sa)).size).toBe(4);
    // not naming an input the model has is an I/O error, with the hint
    await expect(OnnxBackend.openModel(withPos, io, { device: "cpu" })).rejects.toThrow(/model input "position_ids" is not named in the manifest/);
    await a.close();
    await b.close();
  });
});

describe("OnnxBackend error paths on bad models", () => {
  it("NaN/Inf scores name the rows and candidate tokens", async () => {
    const be = await OnnxBackend.openModel(badModel("non-finite"), io, { device: "cpu" });
    const r = rows([5, 13, 6, 111]);
    const err = await be.score(r.batch, r.n, r.seqLen).catch((e) => e);
    expect(err).toBeInstanceOf(NonFiniteScoreError);
    expect(err.message).toMatch(/2 non-finite score\(s\) in a batch of 4/);
    expect(err.message).toMatch(/row 1 \(token id 13 at position 2\) = NaN/);
    expect(err.message).toMatch(/row 3 \(token id 111 at position 2\) = Infinity/);
    expect((err as NonFiniteScoreError).rows.map((x) => x.row)).toEqual([1, 3]);
    await expect(be.score(rows([5, 6]).batch, 2, 4)).resolves.toHaveLength(2);
    await be.close();
  });

  it("per-token output [batch, seq] is rejected with its shape", async () => {
    const be = await OnnxBackend.openModel(badModel("per-token-output"), io, { device: "cpu" });
    const r = rows([5, 6, 7]);
    await expect(be.score(r.batch, r.n, r.seqLen)).rejects.toThrow(
      /shape \[3, 4\] \(declared \[batch_size, sequence_length\]\).*per-token scores/,
    );
    await be.close();
    const be3 = await OnnxBackend.openModel(badModel("rank3-output"), io, { device: "cpu" });
    await expect(be3.score(r.batch, r.n, r.seqLen)).rejects.toThrow(/shape \[3, 4, 1\].*expected \[3, k\].*per-token/);
    await be3.close();
  });

  it("an embedding smaller than the vocabulary is reported by probeVocabulary and by score", async () => {
    const be = await OnnxBackend.openModel(badModel("small-embedding"), io, { device: "cpu", logSeverityLevel: 4 });
    await expect(be.probeVocabulary(499)).resolves.toEqual(expect.any(Number));
    const probe = await be.probeVocabulary(V - 1, { prefixIds: [1, 2], suffixIds: [3] }).catch((e) => e);
    expect(probe).toBeInstanceOf(VocabularyMismatchError);
    expect(probe.message).toMatch(/embedding is smaller than the tokenizer vocabulary/);
    expect(probe.message).toMatch(/max token id 999 needs 1000 rows, the embedding has 500/);
    const r = rows([5, 700]);
    await expect(be.score(r.batch, r.n, r.seqLen)).rejects.toThrow(/token id 700 .*embedding has 500 rows/);
    await be.close();
  });

  it("a truncated model.onnx fails at load with ModelLoadError naming the path", async () => {
    const file = badModel("truncated");
    const err = await OnnxBackend.openModel(file, io, { device: "cpu" }).catch((e) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/truncated or corrupt/);
    await expect(OnnxBackend.openModel(path.join(root, "missing.onnx"), io, { device: "cpu" })).rejects.toThrow(/missing\.onnx: file not found/);
  });
});

describe("devices", () => {
  const req = createRequire(import.meta.url);
  const ortDir = path.dirname(req.resolve("onnxruntime-node/package.json"));
  const cudaInstalled = existsSync(path.join(ortDir, "bin/napi-v6/linux/x64/libonnxruntime_providers_cuda.so"));

  it.skipIf(cudaInstalled)("cuda without the CUDA execution provider gives a clear error", async () => {
    const err = await OnnxBackend.open(demoDir, demo, { device: "cuda" }).catch((e) => e);
    expect(err).toBeInstanceOf(DeviceUnavailableError);
    expect(err.message).toMatch(/^CUDA execution provider not available in this onnxruntime-node build; install .* or use --device cpu/);
  });

  it("webgpu either works (same scores as cpu) or fails with a clear message", async () => {
    const r = rows([5, 6, 7]);
    const cpu = await OnnxBackend.open(demoDir, demo, { device: "cpu" });
    const ref = await cpu.score(r.batch, r.n, r.seqLen);
    await cpu.close();
    const gpu = await OnnxBackend.open(demoDir, demo, { device: "webgpu", logSeverityLevel: 4 }).catch((e) => e);
    if (gpu instanceof OnnxBackend) {
      const got = await gpu.score(r.batch, r.n, r.seqLen);
      for (let i = 0; i < 3; i++) expect(got[i]).toBeCloseTo(ref[i], 2);
      await gpu.close();
    } else {
      expect(gpu).toBeInstanceOf(DeviceUnavailableError);
      expect(gpu.message).toMatch(/WebGPU .*use --device cpu/);
    }
  });
});
