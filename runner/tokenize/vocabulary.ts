// Per-token descriptors used to filter and group the vocabulary in analyses.

export interface TokenFlags {
  /** An added token marked special (or a config bos/eos/unk/pad/additional special token). */
  special: boolean;
  /** Any added token (special or not, e.g. Gemma's <unusedN>, Qwen's <think>). */
  added: boolean;
  /**
   * Byte-level / unreadable: a byte-fallback piece (`<0x0A>`, even when it decodes to readable
   * text) or a decoded string containing U+FFFD (a partial UTF-8 sequence on its own).
   */
  unreadable: boolean;
  /** Decoded text is non-empty and only whitespace. */
  whitespaceOnly: boolean;
  /** Decoded text starts with U+0020 (the word-initial form: "Ġword", "▁word"). */
  startsWithSpace: boolean;
  /**
   * After trimming, decoded text is a letter followed by letters or combining marks
   * (\p{L}\p{M}*: marks are kept so Devanagari, Thai etc. words count as alphabetic).
   */
  alphabetic: boolean;
}

export interface VocabEntry {
  tokenId: number;
  piece: string;
  /** decode([tokenId]) without clean-up, special tokens kept. */
  decoded: string;
  /** Join key for cross-model vocabularies: NFKC, trimmed, lower-cased. Collides by design; key results by id. */
  normalized: string;
  flags: TokenFlags;
}

const BYTE_FALLBACK_PIECE = /^<0x[0-9A-Fa-f]{2}>$/;
const WHITESPACE_ONLY = /^\s+$/u;
const ALPHABETIC = /^\p{L}[\p{L}\p{M}]*$/u;

export function computeFlags(piece: string, decoded: string, special: boolean, added: boolean): TokenFlags {
  const trimmed = decoded.trim();
  return {
    special,
    added,
    unreadable: BYTE_FALLBACK_PIECE.test(piece) || decoded.includes("\uFFFD"),
    whitespaceOnly: WHITESPACE_ONLY.test(decoded),
    startsWithSpace: decoded.charCodeAt(0) === 0x20,
    alphabetic: ALPHABETIC.test(trimmed),
  };
}

export function normalizeForJoin(decoded: string): string {
  return decoded.normalize("NFKC").trim().toLowerCase();
}
