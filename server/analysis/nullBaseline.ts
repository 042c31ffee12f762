/**
 * Null baselines for headline statistics (METHOD: "report effect sizes with bootstrap intervals
 * and a null baseline"). Each null re-computes the statistic after a seeded uniform shuffle of
 * the scores across the vocabulary, i.e. as if the model scored tokens at random with the same
 * score distribution. We report the null's mean and central interval (type-7 quantiles); an
 * observed value far outside it is a real effect, one inside it is not.
 *
 * - tauShuffleNull: tau-b between x and a shuffled y (y defaults to x: "a model vs a shuffled
 *   copy of itself"). Shuffling permutes y's prepared dense ranks, so each replicate costs
 *   O(n log n) integer work and no float sort.
 * - valenceSlopeNull: the valence-asymmetry slopes when the lexicon's valences are shuffled among
 *   its matched words (every token form of a word keeps one shared valence, as in the data), so
 *   scores and the word structure stay and only the link between word and valence is broken.
 *   Shuffling scores token by token (as before) treated " good" and "good" as independent, which
 *   the slopes' intervals, resampled by word, no longer do.
 */
import { percentileInterval } from "./bootstrap";
import { createKendallWorkspace, kendallTauBPrepared, prepareTieRanking, type TieRanking } from "./kendall";
import { mean } from "./moments";
import { mulberry32, shuffleInPlace, type Rng } from "./random";
import { splitByValence, slopeForRows, type ValenceMatch } from "./valence";
import { DEFAULT_CONFIDENCE, DEFAULT_SEED, type Interval, type Numbers, type ResamplingOptions } from "./types";

export const DEFAULT_PERMUTATIONS = 200;

export interface NullDistribution extends Interval {
  /** estimate = mean of the null samples; lower/upper = its central interval. */
  samples: Float64Array;
  permutations: number;
  seed: number;
}

export function summarise(samples: Float64Array, confidence: number, seed: number): NullDistribution {
  const finite = samples.filter((v) => Number.isFinite(v));
  const { lower, upper } = finite.length ? percentileInterval(finite, confidence) : { lower: NaN, upper: NaN };
  return { estimate: finite.length ? mean(finite) : NaN, lower, upper, confidence, samples, permutations: samples.length, seed };
}

/** Generic permutation null: `statistic` receives a freshly shuffled copy of `scores` each time. */
export function permutationNull(
  scores: Numbers,
  statistic: (shuffled: Float64Array) => number,
  options: ResamplingOptions = {},
): NullDistribution {
  const permutations = options.resamples ?? DEFAULT_PERMUTATIONS;
  const seed = options.seed ?? DEFAULT_SEED;
  const rng = mulberry32(seed);
  const work = Float64Array.from(scores);
  const samples = new Float64Array(permutations);
  for (let r = 0; r < permutations; r++) samples[r] = statistic(shuffleInPlace(work, rng));
  return summarise(samples, options.confidence ?? DEFAULT_CONFIDENCE, seed);
}

function shuffledRanking(base: TieRanking, rng: Rng, dense: Int32Array): TieRanking {
  dense.set(base.dense);
  shuffleInPlace(dense, rng);
  // No `ascending` here: a cached order would describe the unshuffled vector.
  return { n: base.n, dense, distinct: base.distinct, tiedPairs: base.tiedPairs };
}

/** Null distribution of tau-b between x and a shuffled copy of y (default y = x). */
export function tauShuffleNull(x: Numbers, y: Numbers = x, options: ResamplingOptions = {}): NullDistribution {
  const permutations = options.resamples ?? DEFAULT_PERMUTATIONS;
  const seed = options.seed ?? DEFAULT_SEED;
  const rng = mulberry32(seed);
  const rx = prepareTieRanking(x);
  const ry = y === x ? rx : prepareTieRanking(y);
  const workspace = createKendallWorkspace(rx.n);
  const dense = new Int32Array(ry.n);
  const samples = new Float64Array(permutations);
  for (let r = 0; r < permutations; r++) {
    samples[r] = kendallTauBPrepared(rx, shuffledRanking(ry, rng, dense), workspace);
  }
  return summarise(samples, options.confidence ?? DEFAULT_CONFIDENCE, seed);
}

export interface ValenceSlopeNull {
  positive: NullDistribution;
  nonPositive: NullDistribution;
  difference: NullDistribution;
}

/** Null of the valence-asymmetry slopes (positive, non-positive, their difference). */
export function valenceSlopeNull(scores: Numbers, match: ValenceMatch, options: ResamplingOptions = {}): ValenceSlopeNull {
  const permutations = options.resamples ?? DEFAULT_PERMUTATIONS;
  const seed = options.seed ?? DEFAULT_SEED;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const rng = mulberry32(seed);
  const pos = new Float64Array(permutations);
  const neg = new Float64Array(permutations);
  const diff = new Float64Array(permutations);
  const all = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);
  // One valence per word (all its forms share it), shuffled among the words each time.
  const wordValence = new Float64Array(match.words.reduce((most, w) => Math.max(most, w + 1), 0));
  match.words.forEach((w, k) => (wordValence[w] = match.valence[k]));
  for (let r = 0; r < permutations; r++) {
    shuffleInPlace(wordValence, rng);
    const permuted: ValenceMatch = { ...match, valence: Float64Array.from(match.words, (w) => wordValence[w]) };
    const { positive, nonPositive } = splitByValence(scores, permuted);
    pos[r] = slopeForRows(positive.x, positive.y, all(positive.x.length));
    neg[r] = slopeForRows(nonPositive.x, nonPositive.y, all(nonPositive.x.length));
    diff[r] = pos[r] - neg[r];
  }
  return {
    positive: summarise(pos, confidence, seed),
    nonPositive: summarise(neg, confidence, seed),
    difference: summarise(diff, confidence, seed),
  };
}
