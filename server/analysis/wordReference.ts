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
 * word scores. Its null: random sets of as many word tokens, drawn without replacement.
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
}

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
  const words: number[] = [];
  texts.forEach((text, i) => {
    if (isWordToken(text)) words.push(scores[i]);
  });
  const sorted = Float64Array.from(words).sort();
  return {
    sorted,
    share: (score) => {
      if (sorted.length === 0) return NaN;
      const below = lowerBound(sorted, score);
      return (below + (upperBound(sorted, score) - below) / 2) / sorted.length;
    },
  };
}

/** Cliff's delta against the words of the listed rows of `shares` (each a token's share among the words). */
export function cliffsDeltaFromShares(shares: Numbers, rows?: Uint32Array): number {
  const n = rows ? rows.length : shares.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let k = 0; k < n; k++) s += 2 * shares[rows ? rows[k] : k] - 1;
  return s / n;
}

/** Cliff's delta against the words of random sets of `size` word tokens: what a group of that many
 * words would show by chance. */
export function randomWordSetNull(reference: WordReference, size: number, options: ResamplingOptions = {}): NullDistribution {
  const permutations = options.resamples ?? DEFAULT_PERMUTATIONS;
  const seed = options.seed ?? DEFAULT_SEED;
  const rng = mulberry32(seed);
  const n = reference.sorted.length;
  const samples = new Float64Array(permutations);
  if (size === 0 || n < size) return summarise(samples.fill(NaN), options.confidence ?? DEFAULT_CONFIDENCE, seed);
  const shares = Float64Array.from(reference.sorted, (score) => reference.share(score));
  const picked = new Set<number>();
  for (let r = 0; r < permutations; r++) {
    picked.clear();
    let s = 0;
    while (picked.size < size) {
      const i = Math.floor(rng() * n);
      if (picked.has(i)) continue;
      picked.add(i);
      s += 2 * shares[i] - 1;
    }
    samples[r] = s / size;
  }
  return summarise(samples, options.confidence ?? DEFAULT_CONFIDENCE, seed);
}
