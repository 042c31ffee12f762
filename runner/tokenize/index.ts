// runner/tokenize: tokenizers, chat templates and exact input construction for vocabulary sweeps.
export { loadTokenizer, RewardTokenizer, tokenContent, sha256Hex } from "./tokenizer";
export type { DecodeOptions, EncodeOptions, LoadTokenizerOptions, TokenFlags, VocabEntry } from "./tokenizer";
export { guessFamily, END_OF_TURN_TOKEN, KNOWN_MODEL_VOCAB_SIZES, type TokenizerFamily } from "./family";
export { renderChat, type ChatMessage, type RenderChatOptions } from "./chat";
export { buildInputSpec, DEFAULT_SENTINELS } from "./inputs";
export type { BuildInputSpecOptions, IdInputSpec, InputMode, InputSpec, PaperInputSpec } from "./inputs";
export { continuationSpec, fillBatch, spliceIds, spliceExactness, type SpliceExactnessReport } from "./splice";
export { buildPaperBatches, paperDecode, paperRoundTrip, paperSequence } from "./paper";
export type { PaperBatchGroup, PaperRoundTripReport, RoundTripFailures } from "./paper";
export { assertTokenizerMatchesModel, type ModelVocabInfo, type TokenizerModelMatch } from "./match";
export { InputConstructionError, TokenizeError, TokenizerMismatchError } from "./errors";
export type { InputConstructionErrorCode, TokenizerMismatchCode } from "./errors";
