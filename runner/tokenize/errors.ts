// Typed errors for tokenizer loading, input construction and model/tokenizer matching.
// Every error carries a machine-readable `code` so callers (CLI, sweep engine, UI) can react
// without parsing messages, and a message that names the tokenizer and what went wrong.

export type InputConstructionErrorCode =
  /** The bundle has no chat template (neither chat_template.jinja nor tokenizer_config.chat_template). */
  | "no_chat_template"
  /** The chat template raised or failed to render. */
  | "template_error"
  /** The sentinel answer does not appear in the rendered text: the template drops or rewrites the answer. */
  | "sentinel_not_found"
  /** The sentinel answer appears more than once: the template repeats the answer. */
  | "sentinel_repeated"
  /** The tokenizer merges the answer with the surrounding template text, so prefix/suffix ids are not stable. */
  | "boundary_merge"
  /** decode(prefix/suffix ids) does not give back the template text (a lossy normalizer, e.g. NFC). */
  | "decode_mismatch"
  /** BOS would appear more than once. */
  | "duplicate_bos"
  /** BOS appears, but not as the first token. */
  | "bos_not_first";

export type TokenizerMismatchCode =
  /** The tokenizer belongs to another model family than the model. */
  | "family_mismatch"
  /** The tokenizer has ids the model cannot embed, or the model has far more rows than the tokenizer ids. */
  | "vocab_size_mismatch"
  /** tokenizer.json differs from the one the bundle was exported with. */
  | "fingerprint_mismatch";

/** Base class so callers can catch every error of this module at once. */
export class TokenizeError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InputConstructionError extends TokenizeError {
  declare readonly code: InputConstructionErrorCode;
  constructor(code: InputConstructionErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, code, details);
  }
}

export class TokenizerMismatchError extends TokenizeError {
  declare readonly code: TokenizerMismatchCode;
  constructor(code: TokenizerMismatchCode, message: string, details: Record<string, unknown> = {}) {
    super(message, code, details);
  }
}
