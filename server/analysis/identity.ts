/**
 * Identity-group slices of a model x prompt sweep.
 *
 * Each group's terms are expanded to the token forms a tokenizer may have (singular and plural;
 * as written, lower-case and Capitalised; with and without a leading space) and matched
 * exactly against decoded token text. For the matched tokens we report their percentiles in
 * the whole vocabulary (mid-rank percentiles, see ranks.ts: 0 = most pessimal, 100 = optimal),
 * the median percentile, and an effect size.
 *
 * Effect size = Cliff's delta of the group's scores against the whole vocabulary:
 *   delta = P(group token > random vocabulary token) - P(group token < random vocabulary token),
 * in [-1, 1]; -1 means every group token is below every other token. It is rank based (scale
 * free, comparable across models) and equals mean(2 * percentile / 100 - 1) over the group's
 * tokens with mid-rank percentiles, so it needs no extra sort. The comparison set includes the
 * group itself (negligible: a group has tens of tokens, the vocabulary ~1e5). Its interval is a
 * percentile bootstrap over the group's terms (all token forms of a term drawn together; the
 * vocabulary's own sampling error is ignored). The same effect against word tokens only, with a
 * random-word-set null, separates "ranked low as a group" from "ranked low as words" (wordReference.ts).
 * A group "falls in the pessimal tail" when its median percentile is below `tailPercentile`
 * (default 10).
 */
import { bootstrapScalar, type BootstrapInterval } from "./bootstrap";
import { IDENTITY_GROUPS, type IdentityGroup, type IdentityTerm } from "./identityTerms";
import { quantile } from "./moments";
import type { NullDistribution } from "./nullBaseline";
import { denseIds } from "./random";
import { percentiles } from "./ranks";
import { cliffsDeltaFromShares, randomWordSetNull, wordOf, wordReference } from "./wordReference";
import type { Numbers, ResamplingOptions } from "./types";

function capitalise(word: string): string {
  return word.length ? word[0].toUpperCase() + word.slice(1) : word;
}

/** All token forms of one term: {singular, plural} x {as written, lower, Capitalised} x {"", " "}. */
export function termForms(term: IdentityTerm): string[] {
  const forms = new Set<string>();
  for (const word of term.plural ? [term.singular, term.plural] : [term.singular]) {
    for (const cased of [word, word.toLowerCase(), capitalise(word.toLowerCase()), capitalise(word)]) {
      forms.add(cased);
      forms.add(` ${cased}`);
    }
  }
  return [...forms];
}

export interface IdentityMatchOptions {
  /** Keep terms flagged `ambiguous` (default true; set false for a conservative slice). */
  includeAmbiguous?: boolean;
}

/** The group's token forms, each with its term (index into group.terms; a form two terms share
 * goes to the first). */
export function groupForms(group: IdentityGroup, options: IdentityMatchOptions = {}): Map<string, number> {
  const termOf = new Map<string, number>();
  group.terms.forEach((term, t) => {
    if (term.ambiguous && options.includeAmbiguous === false) return;
    for (const form of termForms(term)) if (!termOf.has(form)) termOf.set(form, t);
  });
  return termOf;
}

/** Indices of tokens whose decoded text is one of the group's forms (ascending). */
export function matchIdentityGroup(texts: readonly string[], group: IdentityGroup, options: IdentityMatchOptions = {}): Int32Array {
  return matchIdentityTerms(texts, group, options).indices;
}

/** As matchIdentityGroup, with the term (index into group.terms) each token is a form of: the
 * bootstrap resamples terms, since "Muslim", " Muslims" and "muslim" are one observation. */
export function matchIdentityTerms(texts: readonly string[], group: IdentityGroup, options: IdentityMatchOptions = {}): { indices: Int32Array; terms: Int32Array } {
  const termOf = groupForms(group, options);
  const indices: number[] = [];
  const terms: number[] = [];
  texts.forEach((text, i) => {
    const t = termOf.get(text);
    if (t === undefined) return;
    indices.push(i);
    terms.push(t);
  });
  return { indices: Int32Array.from(indices), terms: Int32Array.from(terms) };
}

export interface IdentityGroupResult {
  id: string;
  label: string;
  category: IdentityGroup["category"];
  /** Matched token indices and their decoded texts. */
  indices: Int32Array;
  texts: string[];
  /** Percentile of each matched token in the whole vocabulary (0..100). */
  percentiles: Float64Array;
  medianPercentile: number;
  /** Cliff's delta vs the whole vocabulary with bootstrap CI (NaN when nothing matched). */
  cliffsDelta: BootstrapInterval;
  /** Cliff's delta vs the word tokens only (wordReference.ts), with bootstrap CI by term. */
  cliffsDeltaVsWords: BootstrapInterval;
  /** The same effect for random sets of as many word tokens: the chance range. */
  nullVsWords: NullDistribution;
  /** Share of the group's tokens below `tailPercentile`. */
  shareInPessimalTail: number;
  inPessimalTail: boolean;
}

export interface IdentityOptions extends IdentityMatchOptions, ResamplingOptions {
  tailPercentile?: number;
  /** Random word sets for nullVsWords (default DEFAULT_PERMUTATIONS). */
  permutations?: number;
}

/** Cliff's delta from mid-rank percentiles (0..100) of the listed rows. */
export function cliffsDeltaFromPercentiles(pct: Numbers, rows?: Uint32Array): number {
  const n = rows ? rows.length : pct.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let k = 0; k < n; k++) s += (2 * pct[rows ? rows[k] : k]) / 100 - 1;
  return s / n;
}

/** Per-group statistics for one model x prompt; `scores[i]` belongs to `texts[i]`. */
export function identityGroupStats(
  scores: Numbers,
  texts: readonly string[],
  groups: readonly IdentityGroup[] = IDENTITY_GROUPS,
  options: IdentityOptions = {},
): IdentityGroupResult[] {
  if (scores.length !== texts.length) throw new RangeError("identityGroupStats: scores and texts must align");
  const tail = options.tailPercentile ?? 10;
  const vocabPercentiles = percentiles(scores);
  const words = wordReference(scores, texts);
  const nulls = new Map<number, NullDistribution>(); // by matched words: the null depends on nothing else
  const nullFor = (size: number) => {
    let d = nulls.get(size);
    if (!d) nulls.set(size, (d = randomWordSetNull(words, size, { resamples: options.permutations, seed: options.seed, confidence: options.confidence })));
    return d;
  };
  return groups.map((group) => {
    const { indices, terms } = matchIdentityTerms(texts, group, options);
    const pct = Float64Array.from(indices, (i) => vocabPercentiles[i]);
    const shares = Float64Array.from(indices, (i) => words.share(scores[i]));
    const byTerm = { ...options, clusters: denseIds(Array.from(terms, String)) };
    const cliffsDelta = bootstrapScalar(pct.length, (rows) => cliffsDeltaFromPercentiles(pct, rows), byTerm);
    const cliffsDeltaVsWords = bootstrapScalar(shares.length, (rows) => cliffsDeltaFromShares(shares, rows), byTerm);
    let below = 0;
    for (const p of pct) if (p < tail) below++;
    const medianPercentile = pct.length ? quantile(pct, 0.5) : NaN;
    return {
      id: group.id,
      label: group.label,
      category: group.category,
      indices,
      texts: Array.from(indices, (i) => texts[i]),
      percentiles: pct,
      medianPercentile,
      cliffsDelta,
      cliffsDeltaVsWords,
      // As many random words as the group matched (a word = its forms, as wordReference groups them).
      nullVsWords: nullFor(new Set(Array.from(indices, (i) => wordOf(texts[i]))).size),
      shareInPessimalTail: pct.length ? below / pct.length : NaN,
      inPessimalTail: medianPercentile < tail,
    };
  });
}
