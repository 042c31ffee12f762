/**
 * Valence (sentiment) matching of tokens and the valence-asymmetry analysis.
 *
 * Matching: a token's decoded text is normalised and looked up verbatim in the lexicon.
 * The paper lower-cased the decoded text and did NOT strip the leading space
 * (R: `token = tolower(token_decoded)`, then an exact join with AFINN), so a word-initial
 * token such as " good" never matched and only space-less pieces ("good") did (on Llama 3.1, 816
 * matched tokens instead of 3,571). METHOD.md calls that a weakness to fix: the default,
 * `DEFAULT_MATCH_OPTIONS`, strips the leading space; `PAPER_MATCH_OPTIONS` reproduces the paper.
 * Several tokens may map to the same word; each keeps its own score.
 *
 * Asymmetry (paper Fig. 3C): per model x prompt, regress score on valence separately for
 * positive (v > 0) and non-positive (v <= 0) words. The paper found the slopes differ; we
 * return both with percentile-bootstrap CIs and the CI of their difference (positive minus
 * non-positive), bootstrapping the two groups independently (stratified) in each replicate, by
 * word: all the tokens that are forms of one lexicon word are drawn together.
 */
import { percentileInterval, type BootstrapInterval } from "./bootstrap";
import type { ValenceLexicon } from "./lexicons";
import { denseIds, mulberry32, rowResampler } from "./random";
import { ols, type OlsFit } from "./regression";
import {
  DEFAULT_CONFIDENCE,
  DEFAULT_RESAMPLES,
  DEFAULT_SEED,
  type Numbers,
  type ResamplingOptions,
} from "./types";

export interface TextMatchOptions {
  /** Lower-case the token text before lookup (paper: true). */
  lowerCase?: boolean;
  /** Remove leading whitespace (e.g. the space of word-initial tokens) before lookup (default true; paper: false). */
  stripLeadingSpace?: boolean;
}

export const DEFAULT_MATCH_OPTIONS: Readonly<Required<TextMatchOptions>> = { lowerCase: true, stripLeadingSpace: true };
export const PAPER_MATCH_OPTIONS: Readonly<Required<TextMatchOptions>> = { lowerCase: true, stripLeadingSpace: false };

export function normaliseTokenText(text: string, options: TextMatchOptions = {}): string {
  let t = text;
  if (options.stripLeadingSpace ?? DEFAULT_MATCH_OPTIONS.stripLeadingSpace) t = t.replace(/^\s+/u, "");
  if (options.lowerCase ?? DEFAULT_MATCH_OPTIONS.lowerCase) t = t.toLowerCase();
  return t;
}

export interface ValenceMatch {
  lexicon: string;
  /** Token indices (into the texts/scores arrays) that matched, ascending. */
  indices: Int32Array;
  /** Valence of each matched token, aligned with `indices`. */
  valence: Float64Array;
  /** The lexicon word each matched token is a form of (dense ids, aligned with `indices`): the
   * unit the bootstrap resamples. */
  words: Int32Array;
}

/** Matches every token text against the lexicon. */
export function matchValence(
  texts: readonly string[],
  lexicon: ValenceLexicon,
  options: TextMatchOptions = {},
): ValenceMatch {
  const idx: number[] = [];
  const val: number[] = [];
  const words: string[] = [];
  texts.forEach((text, i) => {
    const word = normaliseTokenText(text, options);
    const v = lexicon.values.get(word);
    if (v !== undefined) {
      idx.push(i);
      val.push(v);
      words.push(word);
    }
  });
  return { lexicon: lexicon.name, indices: Int32Array.from(idx), valence: Float64Array.from(val), words: denseIds(words) };
}

export interface GroupSlope {
  n: number;
  fit: OlsFit;
  /** Bootstrap interval of the slope of score on valence. */
  slope: BootstrapInterval;
}

export interface ValenceAsymmetry {
  positive: GroupSlope;
  nonPositive: GroupSlope;
  /** positive.slope - nonPositive.slope with its bootstrap interval. */
  difference: BootstrapInterval;
}

/** Simple-regression slope over the listed positions of (x, y); NaN if x is constant there. */
export function slopeForRows(x: Numbers, y: Numbers, rows: Uint32Array): number {
  const n = rows.length;
  if (n < 2) return NaN;
  let mx = 0;
  let my = 0;
  for (let k = 0; k < n; k++) {
    mx += x[rows[k]];
    my += y[rows[k]];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let k = 0; k < n; k++) {
    const dx = x[rows[k]] - mx;
    sxx += dx * dx;
    sxy += dx * (y[rows[k]] - my);
  }
  return sxx > 0 ? sxy / sxx : NaN;
}

/** Splits matched tokens into positive / non-positive groups with their scores (and words: every
 * form of a word has the word's valence, so a word falls in one group). */
export function splitByValence(scores: Numbers, match: ValenceMatch) {
  const pos = { x: [] as number[], y: [] as number[], words: [] as string[] };
  const neg = { x: [] as number[], y: [] as number[], words: [] as string[] };
  for (let k = 0; k < match.indices.length; k++) {
    const g = match.valence[k] > 0 ? pos : neg;
    g.x.push(match.valence[k]);
    g.y.push(scores[match.indices[k]]);
    g.words.push(String(match.words[k]));
  }
  const typed = (g: typeof pos) => ({ x: Float64Array.from(g.x), y: Float64Array.from(g.y), words: denseIds(g.words) });
  return { positive: typed(pos), nonPositive: typed(neg) };
}

/** Valence asymmetry of one model x prompt (`scores` indexed like the texts given to matchValence). */
export function valenceAsymmetry(
  scores: Numbers,
  match: ValenceMatch,
  options: ResamplingOptions = {},
): ValenceAsymmetry {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const rng = mulberry32(options.seed ?? DEFAULT_SEED);
  const { positive, nonPositive } = splitByValence(scores, match);
  const fitPos = ols([positive.x], positive.y);
  const fitNeg = ols([nonPositive.x], nonPositive.y);
  const samplesPos = new Float64Array(resamples);
  const samplesNeg = new Float64Array(resamples);
  const samplesDiff = new Float64Array(resamples);
  // Whole words are resampled: a word's forms (" good", "good", "Good") are one observation.
  const drawPos = rowResampler(positive.x.length, positive.words);
  const drawNeg = rowResampler(nonPositive.x.length, nonPositive.words);
  for (let r = 0; r < resamples; r++) {
    const rowsPos = drawPos(rng);
    const rowsNeg = drawNeg(rng);
    samplesPos[r] = slopeForRows(positive.x, positive.y, rowsPos);
    samplesNeg[r] = slopeForRows(nonPositive.x, nonPositive.y, rowsNeg);
    samplesDiff[r] = samplesPos[r] - samplesNeg[r];
  }
  const interval = (estimate: number, samples: Float64Array): BootstrapInterval => {
    const finite = samples.filter((v) => Number.isFinite(v)).length;
    const { lower, upper } = finite > 0 ? percentileInterval(samples, confidence) : { lower: NaN, upper: NaN };
    return { estimate, lower, upper, confidence, resamples: finite, failedResamples: resamples - finite };
  };
  const slopePos = fitPos.slopes[0];
  const slopeNeg = fitNeg.slopes[0];
  return {
    positive: { n: positive.x.length, fit: fitPos, slope: interval(slopePos, samplesPos) },
    nonPositive: { n: nonPositive.x.length, fit: fitNeg, slope: interval(slopeNeg, samplesNeg) },
    difference: interval(slopePos - slopeNeg, samplesDiff),
  };
}
