// Prompt-prefix key/value caching in the ONNX backend (runner/backends/pastKeyValues.ts): a model
// with "-with-past" I/O scores [id] + suffix rows against the prefix's cached keys/values, and must
// give the scores of the whole rows.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelIoError, OnnxBackend } from "../../runner/backends";
import { BundleError, parseManifest } from "../../runner/bundle";
import { buildTransformerFixture } from "../../runner/onnx";

const V = 1000;
const root = mkdtempSync(path.join(tmpdir(), "ra-prefix-cache-"));
const withPast = path.join(root, "with-past.onnx");
const plain = path.join(root, "plain.onnx");
const spec = { vocabSize: V, layers: 2, dModel: 64, heads: 4, seqLen: 64, seed: 11 };

const manifest = (extra: Record<string, unknown>) =>
  parseManifest({
    schemaVersion: 1, slug: "kv", displayName: "kv", source: "fixture", family: "test", demo: false,
    inputs: { inputIds: "input_ids", attentionMask: "attention_mask", positionIds: "position_ids" },
    dtype: "float32", vocabSize: V, ...extra,
  });
const cacheIo = manifest({ pastKeyValues: { layers: 2 } });

beforeAll(() => {
  writeFileSync(withPast, buildTransformerFixture({ ...spec, withPast: true }));
  writeFileSync(plain, buildTransformerFixture({ ...spec, positionIds: true }));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const prefix = [1, 17, 256, 3, 901, 44, 5, 6, 7, 8, 9, 10, 11];
const suffix = [12, 13];

function fullRows(ids: number[]): BigInt64Array {
  return BigInt64Array.from(ids.flatMap((id) => [...prefix, id, ...suffix]), BigInt);
}
function continuationRows(ids: number[]): BigInt64Array {
  return BigInt64Array.from(ids.flatMap((id) => [id, ...suffix]), BigInt);
}

describe("prompt-prefix key/value cache", () => {
  it("scores [id] + suffix rows as the whole rows score, for any batch size after any other", async () => {
    const backend = await OnnxBackend.openModel(withPast, cacheIo, { device: "cpu" });
    const ids = Array.from({ length: 40 }, (_, i) => (i * 97 + 5) % V);
    const full = await backend.score(fullRows(ids), ids.length, prefix.length + 1 + suffix.length);
    // The same weights without cache inputs give the same full-row scores: the empty past is inert.
    const reference = await OnnxBackend.openModel(plain, manifest({}), { device: "cpu" });
    const plainScores = await reference.score(fullRows(ids), ids.length, prefix.length + 1 + suffix.length);
    for (let i = 0; i < ids.length; i++) expect(full[i]).toBeCloseTo(plainScores[i], 5);

    const runsBefore = backend.stats().requests;
    const cached = await backend.withCachedPrefix(prefix);
    expect(cached).not.toBeNull();
    expect(backend.stats().requests).toBe(runsBefore + 1); // the prefix ran once
    // 32 rows, then 8 (a view of the 32-row copy), then 40 (a new copy): all equal the full rows.
    for (const [start, end] of [[0, 32], [32, 40], [0, 40]]) {
      const slice = ids.slice(start, end);
      const scores = await cached!.score(continuationRows(slice), slice.length, 1 + suffix.length);
      slice.forEach((_, i) => expect(scores[i]).toBeCloseTo(full[start + i], 4));
    }
    expect(new Set(Array.from(full)).size).toBe(ids.length);
    // A different prefix must not reuse the first one's keys/values.
    const other = await backend.withCachedPrefix([2, ...prefix.slice(1)]);
    const otherScores = await other!.score(continuationRows(ids.slice(0, 4)), 4, 1 + suffix.length);
    expect(Math.abs(otherScores[0] - full[0])).toBeGreaterThan(1e-4);
    await cached!.close();
    await other!.close();
    await backend.close();
    await reference.close();
  });

  it("carries float16 cache tensors (as exports of large models do) through the same path", async () => {
    const half = path.join(root, "with-past-fp16.onnx");
    writeFileSync(half, buildTransformerFixture({ ...spec, withPast: true, pastType: "float16" }));
    const backend = await OnnxBackend.openModel(half, cacheIo, { device: "cpu" });
    const ids = Array.from({ length: 24 }, (_, i) => (i * 131 + 17) % V);
    const full = await backend.score(fullRows(ids), ids.length, prefix.length + 1 + suffix.length);
    const cached = await backend.withCachedPrefix(prefix);
    const scores = await cached!.score(continuationRows(ids), ids.length, 1 + suffix.length);
    // The cached keys/values went through float16: equal to the whole rows up to its rounding.
    const spread = Math.max(...full) - Math.min(...full);
    ids.forEach((_, i) => expect(Math.abs(scores[i] - full[i])).toBeLessThan(2e-3 * Math.max(1, Math.abs(full[i]))));
    expect(spread).toBeGreaterThan(0.1);
    await cached!.close();
    await backend.close();
  });

  it("is not offered for a model without cache inputs", async () => {
    const backend = await OnnxBackend.openModel(plain, manifest({}), { device: "cpu" });
    await expect(backend.withCachedPrefix(prefix)).resolves.toBeNull();
    await backend.close();
  });

  it("names undeclared cache inputs, wrong layer counts and a missing position_ids input", async () => {
    const undeclared = await OnnxBackend.openModel(withPast, manifest({}), { device: "cpu" }).catch((e) => e);
    expect(undeclared).toBeInstanceOf(ModelIoError);
    expect(undeclared.message).toMatch(/"past_key_values\.0\.key".*look like a key\/value cache.*pastKeyValues: \{ "layers": 2 \}/);

    const tooMany = await OnnxBackend.openModel(withPast, manifest({ pastKeyValues: { layers: 3 } }), { device: "cpu" }).catch((e) => e);
    expect(tooMany).toBeInstanceOf(ModelIoError);
    expect(tooMany.message).toMatch(/pastKeyValues\.input \(layer 2 key\) = "past_key_values\.2\.key" is not an input/);
    expect(tooMany.message).toMatch(/"present\.2\.key", which is not an output/);

    const renamed = await OnnxBackend.openModel(withPast, manifest({ pastKeyValues: { layers: 2, output: "cache.{layer}.{kind}" } }), { device: "cpu" }).catch((e) => e);
    expect(renamed.message).toMatch(/"cache\.0\.key", which is not an output/);

    const noPositions = (() => {
      try {
        return parseManifest({
          schemaVersion: 1, slug: "kv", displayName: "kv", source: "fixture", family: "test", demo: false,
          inputs: { inputIds: "input_ids" }, dtype: "float32", vocabSize: V, pastKeyValues: { layers: 2 },
        });
      } catch (e) {
        return e;
      }
    })();
    expect(noPositions).toBeInstanceOf(BundleError);
    expect((noPositions as BundleError).field).toBe("inputs.positionIds");
    expect(() => manifest({ pastKeyValues: { layers: 2, input: "past.{layer}" } })).toThrow(/pastKeyValues\.input.*\{layer\} and \{kind\}/);
  });
});
