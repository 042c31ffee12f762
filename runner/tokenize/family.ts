// Tokenizer family detection from the tokenizer files alone (no model config needed).
// The family is a guess used for sanity checks and error messages, never for behaviour:
// input construction always goes through the bundle's own chat template and tokenizer.

export type TokenizerFamily = "llama3" | "qwen3" | "qwen2" | "gemma3" | "gemma2" | "unknown";

/**
 * Rules (first match wins), all based on marker tokens present in the vocabulary:
 * - llama3: `<|begin_of_text|>` and `<|eot_id|>` (Llama 3, 3.1, 3.2 share the 128,256-id vocabulary)
 * - qwen3:  `<|im_start|>` and `<think>` (Qwen3 added the think tokens to the Qwen2 vocabulary)
 * - qwen2:  `<|im_start|>` and `<|endoftext|>` without `<think>` (Qwen2 / Qwen2.5)
 * - gemma3: `<start_of_turn>` and `<start_of_image>` (Gemma 3 is multimodal; 262,144+ ids)
 * - gemma2: `<start_of_turn>` without `<start_of_image>` (Gemma 2, 256,000 ids; used by the paper)
 */
export function guessFamily(hasToken: (content: string) => boolean): TokenizerFamily {
  if (hasToken("<|begin_of_text|>") && hasToken("<|eot_id|>")) return "llama3";
  if (hasToken("<|im_start|>") && hasToken("<think>")) return "qwen3";
  if (hasToken("<|im_start|>") && hasToken("<|endoftext|>")) return "qwen2";
  if (hasToken("<start_of_turn>") && hasToken("<start_of_image>")) return "gemma3";
  if (hasToken("<start_of_turn>")) return "gemma2";
  return "unknown";
}

/** The token that closes an assistant turn in each family's chat format. */
export const END_OF_TURN_TOKEN: Record<TokenizerFamily, string | null> = {
  llama3: "<|eot_id|>",
  qwen3: "<|im_end|>",
  qwen2: "<|im_end|>",
  gemma3: "<end_of_turn>",
  gemma2: "<end_of_turn>",
  unknown: null,
};

/**
 * Known model embedding sizes (rows of the input embedding / `config.vocab_size`) per family.
 * Models often pad the embedding beyond the tokenizer's ids (Qwen: 151,669 ids -> 151,936 rows;
 * Gemma 3 4B+: 262,145 ids -> 262,208 rows) and Gemma 3 1B has 262,144 rows, one fewer than the
 * tokenizer (the image soft token is not embedded).
 */
export const KNOWN_MODEL_VOCAB_SIZES: Record<Exclude<TokenizerFamily, "unknown">, number[]> = {
  llama3: [128256],
  qwen3: [151936, 152064],
  qwen2: [151936, 152064],
  gemma3: [262144, 262208],
  gemma2: [256000],
};

/** Families whose known embedding sizes include `vocabSize` (may be several: qwen2 and qwen3 share). */
export function familiesForModelVocabSize(vocabSize: number): TokenizerFamily[] {
  return (Object.keys(KNOWN_MODEL_VOCAB_SIZES) as Exclude<TokenizerFamily, "unknown">[]).filter((f) =>
    KNOWN_MODEL_VOCAB_SIZES[f].includes(vocabSize),
  );
}
