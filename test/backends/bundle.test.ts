import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BundleError, loadBundle, parseManifest } from "../../runner/bundle";
import { GraphBuilder, writeDemoBundle } from "../../runner/onnx";

const root = mkdtempSync(path.join(tmpdir(), "ra-bundle-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const valid = {
  schemaVersion: 1,
  slug: "skywork-reward-llama-3.1-8b-v0.2",
  displayName: "Skywork Reward Llama 3.1 8B v0.2",
  source: "Skywork/Skywork-Reward-Llama-3.1-8B-v0.2",
  family: "llama3.1",
  demo: false,
  inputs: { inputIds: "input_ids" },
  dtype: "float16",
  vocabSize: 128256,
};

function expectBundleError(fn: () => unknown, code: string, ...patterns: RegExp[]): BundleError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(BundleError);
    const be = e as BundleError;
    expect(be.code).toBe(code);
    for (const p of patterns) expect(be.message).toMatch(p);
    return be;
  }
  throw new Error("expected a BundleError");
}

async function expectBundleErrorAsync(p: Promise<unknown>, code: string, ...patterns: RegExp[]): Promise<BundleError> {
  try {
    await p;
  } catch (e) {
    return expectBundleError(() => {
      throw e;
    }, code, ...patterns);
  }
  throw new Error("expected a BundleError");
}

describe("BundleManifest", () => {
  it("fills the optimum text-classification defaults", () => {
    const m = parseManifest(valid);
    expect(m.inputs).toEqual({ inputIds: "input_ids", attentionMask: "attention_mask", positionIds: null });
    expect(m.reward).toEqual({ output: "logits", index: 0 });
    const armo = parseManifest({ ...valid, inputs: { inputIds: "input_ids", attentionMask: null }, reward: { output: "score" } });
    expect(armo.inputs.attentionMask).toBeNull();
    expect(armo.reward).toEqual({ output: "score", index: 0 });
  });

  it.each([
    [{ ...valid, reward: { output: "logits", index: -1 } }, "reward.index"],
    [{ ...valid, schemaVersion: 2 }, "schemaVersion"],
    [{ ...valid, dtype: "bfloat16" }, "dtype"],
    [{ ...valid, vocabSize: undefined }, "vocabSize"],
    [{ ...valid, inputs: { inputIds: "" } }, "inputs.inputIds"],
    [{ ...valid, slug: "Has Spaces" }, "slug"],
    [{ ...valid, demo: "yes" }, "demo"],
  ])("names the failing field (%#: %s)", (bad, field) => {
    const e = expectBundleError(() => parseManifest(bad, "/x/manifest.json"), "INVALID_MANIFEST", /\/x\/manifest\.json/, new RegExp(`field "${field.replace(".", "\\.")}"`));
    expect(e.field).toBe(field);
    expect(e.file).toBe("/x/manifest.json");
  });
});

describe("loadBundle", () => {
  it("loads a demo bundle and checks its tokenizer size", async () => {
    const dir = path.join(root, "demo");
    writeDemoBundle("llama3.1", dir);
    const b = await loadBundle(dir, { checkTokenizer: true });
    expect(b.manifest.demo).toBe(true);
    expect(b.manifest.displayName).toMatch(/Demo/);
    expect(b.manifest.vocabSize).toBe(128256);
    expect(b.externalData).toEqual([]);
    expect(b.modelPath).toBe(path.join(dir, "model.onnx"));
  });

  it("reports a missing folder, file, bad JSON, invalid field and vocab mismatch with the file named", async () => {
    await expectBundleErrorAsync(loadBundle(path.join(root, "nope")), "NOT_A_DIRECTORY", /nope/);
    const dir = path.join(root, "broken");
    mkdirSync(dir);
    await expectBundleErrorAsync(loadBundle(dir), "MISSING_FILE", /manifest\.json/);
    writeFileSync(path.join(dir, "manifest.json"), "{ not json");
    await expectBundleErrorAsync(loadBundle(dir), "INVALID_JSON", /manifest\.json/);
    writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ ...valid, reward: { index: 1.5 } }));
    await expectBundleErrorAsync(loadBundle(dir), "INVALID_MANIFEST", /manifest\.json/, /field "reward\.index"/);
    writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(valid));
    await expectBundleErrorAsync(loadBundle(dir), "MISSING_FILE", /model\.onnx/);
    writeFileSync(path.join(dir, "model.onnx"), "");
    await expectBundleErrorAsync(loadBundle(dir), "EMPTY_FILE", /model\.onnx/);
    const g = new GraphBuilder("ext");
    g.op("Gather", [g.floatInit("E", new Float32Array(4096), [1024, 4]), g.input("input_ids", "int64", ["b", "s"])], { axis: { i: 0 } }, g.output("logits", "float32", ["b", "s", 4]));
    const { model, data } = g.buildExternal("model.onnx_data");
    writeFileSync(path.join(dir, "model.onnx"), model);
    writeFileSync(path.join(dir, "tokenizer.json"), JSON.stringify({ model: { vocab: { a: 0, b: 1 } }, added_tokens: [{ id: 2, content: "<s>" }] }));
    writeFileSync(path.join(dir, "tokenizer_config.json"), "{}");
    await expectBundleErrorAsync(loadBundle(dir), "MISSING_FILE", /model\.onnx_data/);
    writeFileSync(path.join(dir, "model.onnx_data"), data);
    const b = await loadBundle(dir);
    expect(b.externalData).toEqual([path.join(dir, "model.onnx_data")]);
    const e = await expectBundleErrorAsync(loadBundle(dir, { checkTokenizer: true }), "VOCAB_SIZE_MISMATCH", /vocabSize/, /has 3 ids/);
    expect(e.field).toBe("vocabSize");
  });
  it("refuses external data outside the bundle, a folder in its place and a truncated data file", async () => {
    const build = (name: string, location: string) => {
      const dir = path.join(root, name);
      mkdirSync(dir);
      const g = new GraphBuilder("ext");
      g.op("Gather", [g.floatInit("E", new Float32Array(4096), [1024, 4]), g.input("input_ids", "int64", ["b", "s"])], { axis: { i: 0 } }, g.output("logits", "float32", ["b", "s", 4]));
      const { model, data } = g.buildExternal(location);
      writeFileSync(path.join(dir, "model.onnx"), model);
      writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(valid));
      writeFileSync(path.join(dir, "tokenizer.json"), JSON.stringify({ model: { vocab: { a: 0 } } }));
      writeFileSync(path.join(dir, "tokenizer_config.json"), "{}");
      return { dir, data };
    };
    const outside = build("ext-outside", "../ext-outside.data");
    writeFileSync(path.join(root, "ext-outside.data"), outside.data);
    await expectBundleErrorAsync(loadBundle(outside.dir), "INVALID_MODEL", /external-data location "\.\.\/ext-outside\.data" is outside the bundle folder/);
    const folder = build("ext-folder", "weights");
    mkdirSync(path.join(folder.dir, "weights"));
    await expectBundleErrorAsync(loadBundle(folder.dir), "MISSING_FILE", /weights: external-data file referenced by .*model\.onnx is not a regular file/);
    const truncated = build("ext-truncated", "model.onnx_data");
    writeFileSync(path.join(truncated.dir, "model.onnx_data"), truncated.data.subarray(0, 100));
    await expectBundleErrorAsync(loadBundle(truncated.dir), "INVALID_MODEL", /model\.onnx_data: 100 bytes, but .*model\.onnx reads up to byte 16384 of it/);
    // Inside the bundle, a name that merely starts with ".." or a subfolder is fine.
    const dotted = build("ext-dotted", "..weights.bin");
    writeFileSync(path.join(dotted.dir, "..weights.bin"), dotted.data);
    expect((await loadBundle(dotted.dir)).externalData).toEqual([path.join(dotted.dir, "..weights.bin")]);
    const nested = build("ext-nested", "weights/part-0.bin");
    mkdirSync(path.join(nested.dir, "weights"));
    writeFileSync(path.join(nested.dir, "weights/part-0.bin"), nested.data);
    expect((await loadBundle(nested.dir)).externalData).toEqual([path.join(nested.dir, "weights/part-0.bin")]);
    expect(() => parseManifest({ ...valid, vocabSize: 2 ** 31 }, "manifest.json")).toThrow(/vocabSize.*32-bit/);
  });
});
