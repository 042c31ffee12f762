/**
 * Test helpers: approximate chat-template token rows built straight from a vocabulary
 * (greedy longest-match over decoded pieces; NOT the real tokenizer, which lives in
 * runner/tokenize). Good enough to give demo models realistic prompt framing and lengths.
 */
import type { TokenizerFamily, Vocabulary } from "../../runner/onnx/vocab";

type Segment = string | { special: string };

const TEMPLATES: Record<TokenizerFamily, (prompt: string) => { prefix: Segment[]; suffix: Segment[] }> = {
  "llama3.1": (prompt) => ({
    prefix: [
      { special: "<|begin_of_text|>" },
      { special: "<|start_header_id|>" },
      "system",
      { special: "<|end_header_id|>" },
      "\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n",
      { special: "<|eot_id|>" },
      { special: "<|start_header_id|>" },
      "user",
      { special: "<|end_header_id|>" },
      `\n\n${prompt}`,
      { special: "<|eot_id|>" },
      { special: "<|start_header_id|>" },
      "assistant",
      { special: "<|end_header_id|>" },
      "\n\n",
    ],
    suffix: [{ special: "<|eot_id|>" }],
  }),
  qwen3: (prompt) => ({
    prefix: [
      { special: "<|im_start|>" },
      `user\n${prompt}`,
      { special: "<|im_end|>" },
      "\n",
      { special: "<|im_start|>" },
      "assistant\n",
      { special: "<think>" },
      "\n\n",
      { special: "</think>" },
      "\n\n",
    ],
    suffix: [{ special: "<|im_end|>" }, "\n"],
  }),
  gemma3: (prompt) => ({
    prefix: [
      { special: "<bos>" },
      { special: "<start_of_turn>" },
      `user\n${prompt}`,
      { special: "<end_of_turn>" },
      "\n",
      { special: "<start_of_turn>" },
      "model\n",
    ],
    suffix: [{ special: "<end_of_turn>" }, "\n"],
  }),
};

const indexCache = new WeakMap<Vocabulary, { byText: Map<string, number>; byPiece: Map<string, number>; maxLen: number }>();

function index(vocab: Vocabulary) {
  let ix = indexCache.get(vocab);
  if (!ix) {
    const byText = new Map<string, number>();
    const byPiece = new Map<string, number>();
    let maxLen = 0;
    for (let id = 0; id < vocab.size; id++) {
      byPiece.set(vocab.pieces[id], id);
      const t = vocab.text[id];
      if (!t || t.includes("\uFFFD") || vocab.special[id] || byText.has(t)) continue;
      byText.set(t, id);
      if (t.length > maxLen) maxLen = t.length;
    }
    ix = { byText, byPiece, maxLen: Math.min(maxLen, 24) };
    indexCache.set(vocab, ix);
  }
  return ix;
}

/** Greedy longest-match encoding of text over decoded pieces. */
export function greedyEncode(vocab: Vocabulary, text: string): number[] {
  const { byText, maxLen } = index(vocab);
  const out: number[] = [];
  let i = 0;
  while (i < text.length) {
    let found = -1;
    let len = Math.min(maxLen, text.length - i);
    for (; len > 0; len--) {
      const id = byText.get(text.slice(i, i + len));
      if (id !== undefined) {
        found = id;
        break;
      }
    }
    if (found < 0) throw new Error(`cannot encode ${JSON.stringify(text.slice(i, i + 8))}`);
    out.push(found);
    i += len;
  }
  return out;
}

function encodeSegments(vocab: Vocabulary, segs: Segment[]): number[] {
  const { byPiece } = index(vocab);
  return segs.flatMap((s) => {
    if (typeof s === "string") return greedyEncode(vocab, s);
    const id = byPiece.get(s.special);
    if (id === undefined) throw new Error(`no token ${s.special}`);
    return [id];
  });
}

export function chatFrame(vocab: Vocabulary, family: TokenizerFamily, prompt: string): { prefix: number[]; suffix: number[] } {
  const t = TEMPLATES[family](prompt);
  return { prefix: encodeSegments(vocab, t.prefix), suffix: encodeSegments(vocab, t.suffix) };
}

export const PROMPTS = {
  greatest: "What, in one word, is the greatest thing ever?",
  best: "What, in one word, is the best thing ever?",
  worst: "What, in one word, is the worst thing ever?",
} as const;

/** Id of a one-token word: tries "word" then " word" (or as given). */
export function wordId(vocab: Vocabulary, word: string): number {
  const { byText } = index(vocab);
  const id = byText.get(word) ?? byText.get(` ${word}`);
  if (id === undefined) throw new Error(`"${word}" is not a single token`);
  return id;
}

/** Row-major batch of prefix + [candidate] + suffix rows. */
export function batchOf(frame: { prefix: number[]; suffix: number[] }, candidates: number[]): { batch: BigInt64Array; seqLen: number } {
  const seqLen = frame.prefix.length + 1 + frame.suffix.length;
  const batch = new BigInt64Array(candidates.length * seqLen);
  candidates.forEach((c, r) => {
    const row = [...frame.prefix, c, ...frame.suffix];
    for (let j = 0; j < seqLen; j++) batch[r * seqLen + j] = BigInt(row[j]);
  });
  return { batch, seqLen };
}

export function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Spearman rank correlation (no tie correction; fine for continuous scores). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const rank = (x: ArrayLike<number>) => {
    const idx = Array.from({ length: x.length }, (_, i) => i).sort((i, j) => x[i] - x[j]);
    const r = new Float64Array(x.length);
    idx.forEach((i, k) => (r[i] = k));
    return r;
  };
  const ra = rank(a);
  const rb = rank(b);
  const n = a.length;
  let d2 = 0;
  for (let i = 0; i < n; i++) d2 += (ra[i] - rb[i]) ** 2;
  return 1 - (6 * d2) / (n * (n * n - 1));
}
