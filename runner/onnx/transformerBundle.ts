// The transformer-shaped model (random weights) as a bundle over the real Llama 3.1 tokenizer:
// realistic compute per token, for bench/sweep, bench/webgpu and the prefix-cache tests.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BundleManifest } from "../bundle";
import { buildTransformerFixture, transformerParameterCount, type TransformerFixtureSpec } from "./transformer";
import { tokenizerFiles } from "./vocab";

export interface TransformerBundleOptions {
  /** Folder name under parentDir. Default "transformer". */
  name?: string;
  /** Key/value cache I/O (optimum "-with-past" naming), declared in the manifest. */
  withPast?: boolean;
  /** Overrides of the default 4 layers x 256 (4 heads). */
  shape?: Partial<Pick<TransformerFixtureSpec, "layers" | "dModel" | "heads" | "seed">>;
}

export function writeTransformerBundle(parentDir: string, options: TransformerBundleOptions = {}): string {
  const dir = path.join(parentDir, options.name ?? "transformer");
  mkdirSync(dir, { recursive: true });
  const spec: TransformerFixtureSpec = { vocabSize: 128_256, layers: 4, dModel: 256, heads: 4, seqLen: 64, seed: 7, ...options.shape, withPast: options.withPast };
  writeFileSync(path.join(dir, "model.onnx"), buildTransformerFixture(spec));
  const files = tokenizerFiles("llama3.1");
  copyFileSync(files.tokenizerJson, path.join(dir, "tokenizer.json"));
  copyFileSync(files.tokenizerConfigJson, path.join(dir, "tokenizer_config.json"));
  const manifest = BundleManifest.parse({
    schemaVersion: 1, slug: options.withPast ? "bench-transformer-kv" : "bench-transformer",
    displayName: `Benchmark transformer (random weights${options.withPast ? ", key/value cache I/O" : ""})`, source: "bench",
    family: "llama3.1", parameterCount: transformerParameterCount(spec), demo: true,
    inputs: options.withPast
      ? { inputIds: "input_ids", attentionMask: "attention_mask", positionIds: "position_ids" }
      : { inputIds: "input_ids", attentionMask: "attention_mask" },
    pastKeyValues: options.withPast ? { layers: spec.layers } : undefined,
    dtype: "float32", vocabSize: 128_256,
  });
  writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
  return dir;
}
