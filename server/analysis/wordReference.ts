/**
 * Word tokens as the reference for identity-group effects. Against the whole vocabulary, a group of
 * words is compared with byte pieces, code fragments, punctuation and special tokens too, so a
 * model that merely ranks real words above debris shows every group "above the vocabulary", and one
 * that does the opposite shows every group below it. Compared with word tokens only, the effect is
 * about the group, not about being a word. A word token is what the rankings' WORDS filter keeps:
 * letters (and combining marks) only, with at most one leading space.
 *
 * Cliff's delta against the words = mean over the group's tokens of (2 p - 1), p the token's
 * mid-rank share among the word tokens (ties count half), found by binary search in the sorted
 * word scores. Its null: random sets of as many words as the group has matched, each word
 * with all its token forms (" Chinese", "Chinese", "chinese" are one word whose ranks move
 * together: drawing single tokens would understate how far a random group strays).
 */
import { DEFAULT_PERMUTATIONS, summarise, type NullDistribution } from "./nullBaseline";
import { mulberry32 } from "./random";
import { DEFAULT_CONFIDENCE, DEFAULT_SEED, type Numbers, type ResamplingOptions } from "./types";

const WORD_TOKEN = /^ ?\p{L}[\p{L}\p{M}]*$/u;

export function isWordToken(text: string): boolean {
  return WORD_TOKEN.test(text);
}

export interface WordReference {
  /** Scores of the word tokens, ascending. */
  sorted: Float64Array;
  /** Mid-rank share among the words (0..1) of a score. */
  share(score: number): number;
  /** The word tokens' shares grouped by word (lower-cased, leading space dropped). */
  words: Float64Array[];
}

/** The word a token is a form of: its text lower-cased, without its leading space. */
export const wordOf = (text: string) => text.replace(/^ /, "").toLowerCase();

function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function wordReference(scores: Numbers, texts: readonly string[]): WordReference {
  const wordScores: number[] = [];
  const byWord = new Map<string, number[]>();
  texts.forEach((text, i) => {
    if (!isWordToken(text)) return;
    wordScores.push(scores[i]);
    const key = wordOf(text);
    const forms = byWord.get(key);
    if (forms) forms.push(scores[i]);
    else byWord.set(key, [scores[i]]);
  });
  const sorted = Float64Array.from(wordScores).sort();
  const share = (score: number) => {
    if (sorted.length === 0) return NaN;
    const below = lowerBound(sorted, score);
    return (below + (upperBound(sorted, score) - below) / 2) / sorted.length;
  };
  return { sorted, share, words: Array.from(byWord.values(), (forms) => Float64Array.from(forms, share)) };
}

/** Cliff's delta against the words of the listed rows of `shares` (each a token's share among the words). */
export function cliffsDeltaFromShares(shares: Numbers, rows?: Uint32Array): number {
  const n = rows ? rows.length : shares.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let k = 0; k < n; k++) s += 2 * shares[rows ? rows[k] : k] - 1;
  return s / n;
}

/** Cliff's delta against the words of random sets of `terms` distinct words, each with all its
 * token forms: what a group matching that many words would show by chance. */
export function randomWordSetNull(reference: WordReference, terms: number, options: ResamplingOptions = {}): NullDistribution {
  const permutations = options.resamples ?? DEFAULT_PERMUTATIONS;
  const seed = options.seed ?? DEFAULT_SEED;
  const rng = mulberry32(seed);
  const n = reference.words.length;
  const samples = new Float64Array(permutations);
  if (terms === 0 || n < terms) return summarise(samples.fill(NaN), options.confidence ?? DEFAULT_CONFIDENCE, seed);
  const picked = new Set<number>();
  for (let r = 0; r < permutations; r++) {
    picked.clear();
    let sum = 0;
    let count = 0;
    while (picked.size < terms) {
      const w = Math.floor(rng() * n);
      if (picked.has(w)) continue;
      picked.add(w);
      for (const share of reference.words[w]) sum += 2 * share - 1;
      count += reference.words[w].length;
    }
    samples[r] = sum / count;
  }
  return summarise(samples, options.confidence ?? DEFAULT_CONFIDENCE, seed);
}
