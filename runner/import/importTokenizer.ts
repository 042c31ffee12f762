// The tokenizer a paper-scores import checks its token_name column against: one of the fixture
// tokenizers by name (llama3_1, qwen3, gemma3) or a folder with tokenizer.json and
// tokenizer_config.json (a model bundle, or a Hugging Face snapshot). Shared by the CLI
// (`--tokenizer`) and the admin importResults mutation, so a wrong value is bad input in both,
// named as given, never an ENOENT runtime failure or an internal error.
// The server bundles this module: it resolves the fixture packages lazily and untraced
// (importing ../tokenize/fixtures would make Turbopack fail on its dynamic require.resolve).
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { loadTokenizer, TokenizeError, type RewardTokenizer } from "../tokenize";
import { FIXTURE_PACKAGES, type FixtureTokenizer } from "../tokenize/fixturePackages";

type ImportTokenizerName = FixtureTokenizer;
const NAMES = Object.keys(FIXTURE_PACKAGES) as ImportTokenizerName[];

function isName(value: string): value is ImportTokenizerName {
  return (NAMES as string[]).includes(value);
}

/** Folder of a named fixture tokenizer (tokenizer.json + tokenizer_config.json). */
export function importTokenizerDir(name: ImportTokenizerName): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve(/*turbopackIgnore: true*/ `${FIXTURE_PACKAGES[name]}/models/tokenizer.json`));
}

export async function loadImportTokenizer(value: string): Promise<RewardTokenizer> {
  if (isName(value)) return loadTokenizer(importTokenizerDir(value), { name: value });
  const missing = ["tokenizer.json", "tokenizer_config.json"].filter((file) => !existsSync(path.join(/*turbopackIgnore: true*/ value, file)));
  if (missing.length) {
    const what = !existsSync(/*turbopackIgnore: true*/ value)
      ? "no such folder"
      : !statSync(/*turbopackIgnore: true*/ value).isDirectory()
        ? "not a folder"
        : `${missing.join(" and ")} missing there`;
    throw new TokenizeError(
      `tokenizer "${value}": ${what}; give one of ${NAMES.join(", ")} or a folder with tokenizer.json and tokenizer_config.json (e.g. a model bundle)`,
      "tokenizer_not_found",
      { value },
    );
  }
  return loadTokenizer(value);
}
