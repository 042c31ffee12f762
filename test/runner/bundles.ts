// Bundles for runner tests: the real demo model, and broken models over a real tokenizer.
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { OnnxBackend } from "../../runner/backends/onnx";
import { buildBadModel, type BadModelKind } from "../../runner/onnx/bad";
import { writeDemoBundle } from "../../runner/onnx/demo";
import { tokenizerFiles, type TokenizerFamily } from "../../runner/onnx/vocab";

export const workDir = () => mkdtempSync(path.join(tmpdir(), "ra-runner-"));

export function demoBundle(family: TokenizerFamily = "llama3.1"): string {
  return writeDemoBundle(family, path.join(workDir(), family)).dir;
}

/** A bundle whose model is broken in one way, with the Llama 3.1 tokenizer (or another). */
export function badBundle(kind: BadModelKind, options: { tokenizer?: TokenizerFamily } = {}): string {
  const dir = path.join(workDir(), kind);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "model.onnx"), buildBadModel(kind, 128_256));
  writeTokenizerAndManifest(dir, options.tokenizer ?? "llama3.1", `bad-${kind}`);
  return dir;
}

export function writeTokenizerAndManifest(dir: string, tokenizer: TokenizerFamily, slug: string): void {
  const files = tokenizerFiles(tokenizer);
  copyFileSync(files.tokenizerJson, path.join(dir, "tokenizer.json"));
  copyFileSync(files.tokenizerConfigJson, path.join(dir, "tokenizer_config.json"));
  const manifest = {
    schemaVersion: 1, slug, displayName: slug, source: "test", family: "llama3.1", demo: false,
    inputs: { inputIds: "input_ids", attentionMask: "attention_mask" }, dtype: "float32", vocabSize: 128_256,
  };
  writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
}

/** The backend factory the runner and queue tests sweep with: onnxruntime on CPU. */
export const openOnnxCpu = (bundle: { dir: string; manifest: Parameters<typeof OnnxBackend.open>[1] }) =>
  OnnxBackend.open(bundle.dir, bundle.manifest, { device: "cpu" });
