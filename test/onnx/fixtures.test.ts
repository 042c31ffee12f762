import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import {
  BAD_MODEL_KINDS,
  buildBadModel,
  buildTransformerFixture,
  GraphBuilder,
  poisonedId,
  transformerParameterCount,
} from "../../runner/onnx";

const ones = (n: number) => new BigInt64Array(n).fill(1n);
const ids = (xs: number[]) => BigInt64Array.from(xs, (x) => BigInt(x));

describe("transformer fixture", () => {
  it("is a real multi-layer attention graph: runs, depends on the whole sequence, pools the last unmasked token", async () => {
    const bytes = buildTransformerFixture({ vocabSize: 5000, layers: 3, dModel: 96, heads: 4, seqLen: 64, seed: 7 });
    const s = await ort.InferenceSession.create(bytes);
    const B = 4;
    const S = 20;
    const base = Array.from({ length: S }, (_, i) => (i * 37 + 11) % 5000);
    const rows = [base, base.map((x, i) => (i === 0 ? 4999 : x)), base.map((x, i) => (i === S - 2 ? 123 : x)), base];
    const mask = ones(B * S);
    mask[3 * S + S - 1] = 0n; // row 3: last position padded
    const out = await s.run({
      input_ids: new ort.Tensor("int64", ids(rows.flat()), [B, S]),
      attention_mask: new ort.Tensor("int64", mask, [B, S]),
    });
    expect(out.logits.dims).toEqual([B, 1]);
    const y = out.logits.data as Float32Array;
    for (const v of y) expect(Number.isFinite(v)).toBe(true);
    expect(y[1]).not.toBeCloseTo(y[0], 4); // first token changes the last-token state (attention)
    expect(y[2]).not.toBeCloseTo(y[0], 4);
    expect(y[3]).not.toBeCloseTo(y[0], 4); // pooling moved to position S-2
    // causal: row 3 (last position masked) equals scoring the row truncated to S-1 tokens
    const trunc = await s.run({
      input_ids: new ort.Tensor("int64", ids(base.slice(0, S - 1)), [1, S - 1]),
      attention_mask: new ort.Tensor("int64", ones(S - 1), [1, S - 1]),
    });
    expect((trunc.logits.data as Float32Array)[0]).toBeCloseTo(y[3], 3);
    expect(transformerParameterCount({ vocabSize: 5000, layers: 3, dModel: 96, heads: 4, seqLen: 64 })).toBeGreaterThan(5000 * 96);
    // deterministic
    expect(Buffer.from(buildTransformerFixture({ vocabSize: 5000, layers: 3, dModel: 96, heads: 4, seqLen: 64, seed: 7 })).equals(Buffer.from(bytes))).toBe(true);
    await s.release();
  });

  it("rejects impossible shapes", () => {
    expect(() => buildTransformerFixture({ vocabSize: 100, layers: 2, dModel: 100, heads: 3 })).toThrow(/multiple of heads/);
  });
});

describe("bad model fixtures (raw onnxruntime behaviour)", () => {
  const V = 1000;
  it("non-finite model yields NaN/Inf exactly for poisoned ids", async () => {
    const s = await ort.InferenceSession.create(buildBadModel("non-finite", V));
    const cand = [5, 13, 14, 111, 200];
    const out = await s.run({
      input_ids: new ort.Tensor("int64", ids(cand.flatMap((c) => [1, 2, c])), [cand.length, 3]),
      attention_mask: new ort.Tensor("int64", ones(cand.length * 3), [cand.length, 3]),
    });
    const y = Array.from(out.logits.data as Float32Array);
    expect(cand.map(poisonedId)).toEqual([null, "nan", "inf", "inf", null]);
    expect(Number.isNaN(y[1])).toBe(true);
    expect(y[2]).toBe(Infinity);
    expect(Number.isFinite(y[0]) && Number.isFinite(y[4])).toBe(true);
  });

  it("per-token model outputs [batch, seq]", async () => {
    const s = await ort.InferenceSession.create(buildBadModel("per-token-output", V));
    const out = await s.run({
      input_ids: new ort.Tensor("int64", ids([1, 2, 3, 4, 5, 6]), [2, 3]),
      attention_mask: new ort.Tensor("int64", ones(6), [2, 3]),
    });
    expect(out.logits.dims).toEqual([2, 3]);
  });

  it("small-embedding model fails in Gather for ids >= vocabSize/2", async () => {
    const s = await ort.InferenceSession.create(buildBadModel("small-embedding", V), { logSeverityLevel: 4 });
    const run = (id: number) =>
      s.run({ input_ids: new ort.Tensor("int64", ids([id]), [1, 1]), attention_mask: new ort.Tensor("int64", ones(1), [1, 1]) });
    await expect(run(499)).resolves.toBeDefined();
    await expect(run(500)).rejects.toThrow(/out of data bounds/);
  });

  it("truncated model does not load", async () => {
    await expect(ort.InferenceSession.create(buildBadModel("truncated", V))).rejects.toThrow(/protobuf parsing failed/);
  });

  it("knows every kind", () => {
    for (const k of BAD_MODEL_KINDS) expect(buildBadModel(k, 64).length).toBeGreaterThan(10);
  });
});

describe("external data", () => {
  it("writes initializers to a side file that onnxruntime loads", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const path = await import("node:path");
    const g = new GraphBuilder("ext");
    const x = g.input("input_ids", "int64", ["b", "s"]);
    g.output("logits", "float32", ["b", "s", 2]);
    const table = Float32Array.from({ length: 2000 }, (_, i) => i / 10);
    g.op("Gather", [g.floatInit("table", table, [1000, 2]), x], { axis: { i: 0 } }, "logits");
    const { model, data } = g.buildExternal("model.onnx_data", 1024);
    expect(model.length).toBeLessThan(1000);
    const dir = mkdtempSync(path.join(tmpdir(), "ra-ext-"));
    writeFileSync(path.join(dir, "model.onnx"), model);
    writeFileSync(path.join(dir, "model.onnx_data"), data);
    const s = await ort.InferenceSession.create(path.join(dir, "model.onnx"));
    const out = await s.run({ input_ids: new ort.Tensor("int64", ids([3, 999]), [1, 2]) });
    expect(Array.from(out.logits.data as Float32Array)).toEqual([0.6, 0.7, 199.8, 199.9].map((v) => Math.fround(v)));
  });
});
