// Software versions recorded with every sweep, so a result can be traced to what produced it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(require.resolve(/*turbopackIgnore: true*/ `${name}/package.json`), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

let cached: Record<string, string> | undefined;

export function softwareVersions(): Record<string, string> {
  cached ??= {
    node: process.version,
    "reward-atlas": (JSON.parse(readFileSync(path.join(/*turbopackIgnore: true*/ import.meta.dirname, "../../package.json"), "utf8")) as { version: string }).version,
    "onnxruntime-node": packageVersion("onnxruntime-node"),
    "@huggingface/tokenizers": packageVersion("@huggingface/tokenizers"),
    "@huggingface/jinja": packageVersion("@huggingface/jinja"),
    platform: `${process.platform}-${process.arch}`,
  };
  return cached;
}
