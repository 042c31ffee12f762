/**
 * Parser for the BNC word-frequency list the paper used (Leech, Rayson & Wilson 2001, UCREL
 * list 1.1 "all", alphabetical; file `1_1_all_alpha.txt`, Latin-1, tab separated):
 *
 *   <empty> TAB Word TAB PoS TAB marker TAB Freq-per-million TAB Range TAB Dispersion
 *
 * Head rows carry `:` (a lemma with a single form) or `%` (a lemma whose inflected forms follow)
 * in the marker column; the forms follow as variant rows `@ TAB @ TAB form TAB freq ...`, and a
 * `%` head's frequency is the sum of its forms. A word appears once per part of speech.
 * File quirks handled: a few rows lack the leading empty column; numbers may carry a `#`
 * footnote mark ("41#"); words may carry a trailing `*` footnote mark ("be*"), a parenthesised
 * sense ("lie (/lay)", "going* (to)") and slash alternatives ("A / a"); cross-reference rows
 * ("further*  Adj  [see far]") have no frequency and are skipped. Any other frequency that is not
 * digits (with an optional "#" mark) is refused with its line (BncFormatError): `nan`, `1e999`,
 * `-3` or `12abc` in an edited copy would otherwise be skipped or misread in silence.
 *
 * Two aggregation rules (both sum per key over all parts of speech):
 * - "lemmaHeads" (default): every head row (`:` or `%`) adds its frequency to its cleaned Word;
 *   variant rows are ignored. This is the paper's key (it joined tokens to the Word column) but
 *   the paper kept one row per PoS (a many-to-many join that duplicates multi-PoS words as
 *   separate observations); we sum them into one frequency per word instead.
 *   Caveat: inflected forms ("abandoned") exist only as variants, so they do not match.
 * - "wordForms": frequency of each written form: `:` heads (single-form lemmas) plus `@` variant
 *   rows; `%` heads are skipped because they are the sums of their variants. Matches inflected
 *   tokens too, at the cost of departing from the paper.
 * Keys are case-sensitive ("God" NoP vs "god" NoC) unless `caseFold` sums them in lower case.
 */
import { readFileSync } from "node:fs";
import type { FrequencyTable } from "./frequency";

export type BncAggregation = "lemmaHeads" | "wordForms";

export interface BncParseOptions {
  aggregation?: BncAggregation;
  /** Sum frequencies of case variants under the lower-cased key (default false). */
  caseFold?: boolean;
}

/** Cleans a Word cell into one or more lookup keys (see header for the quirks). */
export function bncWordKeys(word: string): string[] {
  const base = word.replace(/\s*\(.*\)\s*$/u, "").trim();
  return base
    .split(" / ")
    .map((w) => w.trim().replace(/\*+$/u, ""))
    .filter((w) => w.length > 0);
}

/** A row the parser cannot read; `line` counts from 1. */
export class BncFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = "BncFormatError";
  }
}

/** The list's numbers: digits, an optional fraction, an optional footnote mark. */
const FREQUENCY_CELL = /^\d+(?:\.\d+)?#?$/u;

export function parseBncFrequencyList(text: string, options: BncParseOptions = {}): FrequencyTable {
  const aggregation = options.aggregation ?? "lemmaHeads";
  const caseFold = options.caseFold ?? false;
  const perMillion = new Map<string, number>();
  const add = (key: string, freq: number) => {
    const k = caseFold ? key.toLowerCase() : key;
    perMillion.set(k, (perMillion.get(k) ?? 0) + freq);
  };
  let headerSeen = false;
  for (const [index, raw] of text.split(/\r?\n/u).entries()) {
    if (raw.trim() === "") continue;
    const fields = raw.split("\t");
    if (fields[0] !== "") fields.unshift(""); // row missing the leading empty column
    const [, word = "", pos = "", marker = "", freqCell = ""] = fields;
    const cell = freqCell.trim();
    // No frequency column at all: a cross-reference ("further*  Adj  [see far]"), or a file that is
    // not the list (the importer then says so). A present but empty cell is an error below.
    if (fields.length < 5) continue;
    if (!headerSeen && cell === "Freq") {
      headerSeen = true;
      continue;
    }
    if (!FREQUENCY_CELL.test(cell)) {
      const what = cell === "" ? "no frequency" : `frequency ${JSON.stringify(cell.slice(0, 40))}`;
      throw new BncFormatError(index + 1, `${what} for ${JSON.stringify(word.slice(0, 40))}: expected digits, optionally with a "#" mark`);
    }
    const freq = Number.parseFloat(cell); // parseFloat drops the "#" mark
    const isVariant = word === "@" && pos === "@";
    const isHead = marker === ":" || marker === "%";
    if (aggregation === "lemmaHeads") {
      if (isHead) for (const key of bncWordKeys(word)) add(key, freq);
    } else if (isVariant) {
      for (const key of bncWordKeys(marker)) add(key, freq);
    } else if (marker === ":") {
      for (const key of bncWordKeys(word)) add(key, freq);
    }
  }
  return {
    name: `BNC (${aggregation}${caseFold ? ", case-folded" : ""})`,
    perMillion,
    caseFolded: caseFold,
  };
}

/** The list's text: the original is Latin-1 ("£1,000"), but a copy saved as UTF-8 (valid UTF-8 with
 * multi-byte characters, which Latin-1 text almost never is) would turn "café" into "cafÃ©". */
export function decodeBncText(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  }
}

/** Reads the list from disk, Latin-1 or UTF-8 (decodeBncText). */
export function readBncFrequencyFile(filePath: string, options: BncParseOptions = {}): FrequencyTable {
  return parseBncFrequencyList(decodeBncText(readFileSync(filePath)), options);
}
