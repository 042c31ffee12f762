// Shared loading for the tokenize tests: each real tokenizer is loaded once per test file.
import { loadTokenizer, type RewardTokenizer } from "../../runner/tokenize";
import { FIXTURE_TOKENIZER_DIRS, type FixtureTokenizer } from "../../runner/tokenize/fixtures";

export const GREATEST = "What, in one word, is the greatest thing ever?";
export const FIXTURES: FixtureTokenizer[] = ["llama3_1", "qwen3", "gemma3"];

const loaded = new Map<FixtureTokenizer, Promise<RewardTokenizer>>();
export function fixture(name: FixtureTokenizer): Promise<RewardTokenizer> {
  let p = loaded.get(name);
  if (!p) loaded.set(name, (p = loadTokenizer(FIXTURE_TOKENIZER_DIRS[name], { name })));
  return p;
}

/** Expected facts about each real tokenizer, written down independently of the code under test. */
export const EXPECTED = {
  llama3_1: {
    family: "llama3",
    vocabSize: 128256,
    bos: "<|begin_of_text|>",
    endOfTurn: "<|eot_id|>",
    rendered:
      "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nWhat, in one word, is the greatest thing ever?<|eot_id|>" +
      "<|start_header_id|>assistant<|end_header_id|>\n\nSentinel<|eot_id|>",
  },
  qwen3: {
    family: "qwen3",
    vocabSize: 151669,
    bos: null,
    endOfTurn: "<|im_end|>",
    rendered:
      "<|im_start|>user\nWhat, in one word, is the greatest thing ever?<|im_end|>\n" +
      "<|im_start|>assistant\n<think>\n\n</think>\n\nSentinel<|im_end|>\n",
  },
  gemma3: {
    family: "gemma3",
    vocabSize: 262145,
    bos: "<bos>",
    endOfTurn: "<end_of_turn>",
    rendered:
      "<bos><start_of_turn>user\nWhat, in one word, is the greatest thing ever?<end_of_turn>\n" +
      "<start_of_turn>model\nSentinel<end_of_turn>\n",
  },
} as const;
