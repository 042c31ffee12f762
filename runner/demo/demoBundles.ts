// The demo reward models: real ONNX graphs over real tokenizers, with weights computed from public
// lexicons (runner/onnx/demo.ts). Generated into .data/demo-bundles on first use, never downloaded.
import { existsSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../../server/db/migrate";
import { writeDemoBundle } from "../onnx/demo";

export const DEMO_FAMILIES = ["llama3.1", "qwen3", "gemma3"] as const;

export function demoBundlesDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.RA_DEMO_DIR ?? path.join(PROJECT_ROOT, ".data/demo-bundles");
}

/** Paths of the three demo bundles, generating any that are missing. */
export function ensureDemoBundles(dir = demoBundlesDir(), log: (line: string) => void = () => {}): string[] {
  return DEMO_FAMILIES.map((family) => {
    const bundleDir = path.join(dir, family);
    if (!existsSync(path.join(bundleDir, "manifest.json"))) {
      log(`demo models: computing ${family} weights from lexicons…`);
      writeDemoBundle(family, bundleDir);
    }
    return bundleDir;
  });
}
