// The transformer-shaped benchmark model (4 layers x 256, random weights) as a bundle over the real
// Llama 3.1 tokenizer: realistic compute per token, for bench/sweep and bench/webgpu.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BundleManifest } from "../runner/bundle";
import { buildTransformerFixture, transformerParameterCount } from "../runner/onnx/transformer";
import { tokenizerFiles } from "../runner/onnx/vocab";

export function writeTransformerBundle(parentDir: string): string {
  const dir = path.join(parentDir, "transformer");
  mkdirSync(dir, { recursive: true });
  const spec = { vocabSize: 128_256, layers: 4, dModel: 256, heads: 4, seqLen: 64, seed: 7 };
  writeFileSync(path.join(dir, "model.onnx"), buildTransformerFixture(spec));
  const files = tokenizerFiles("llama3.1");
  copyFileSync(files.tokenizerJson, path.join(dir, "tokenizer.json"));
  copyFileSync(files.tokenizerConfigJson, path.join(dir, "tokenizer_config.json"));
  const manifest = BundleManifest.parse({
    schemaVersion: 1, slug: "bench-transformer", displayName: "Benchmark transformer (random weights)", source: "bench",
    family: "llama3.1", parameterCount: transformerParameterCount(spec), demo: true,
    inputs: { inputIds: "input_ids", attentionMask: "attention_mask" }, dtype: "float32", vocabSize: 128_256,
  });
  writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
  return dir;
}
