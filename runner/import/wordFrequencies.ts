// The paper's word-frequency list (BNC, Leech, Rayson & Wilson 2001: `1_1_all_alpha.txt`) into
// WordFrequency, so the frequency-bias analysis can be run on it beside the built-in SUBTLEX-US
// (METHOD: "The paper used the BNC list"). The list replaces any earlier one of the same source
// name in one transaction; a file that does not parse as the list writes nothing.
import type pg from "pg";
import { BncFormatError, readBncFrequencyFile, type BncAggregation } from "../../server/analysis";
import { copyRows } from "../ingest/copy";
import { inTransaction } from "../ingest/transaction";
import { assertRegularFile, ImportError } from "./errors";

/** The list has ~6,300 lemma heads; far fewer means the file is something else. */
const MIN_WORDS = 1000;

export interface WordFrequencyImport {
  file: string;
  /** Name the analyses and the dashboard use (default "bnc"). */
  source?: string;
  /** lemmaHeads (the paper's key, default) or wordForms (inflected forms too): bncFrequency.ts. */
  aggregation?: BncAggregation;
}

export async function importBncFrequencies(pool: pg.Pool, options: WordFrequencyImport): Promise<{ source: string; words: number }> {
  const source = options.source ?? "bnc";
  if (!/^[a-z0-9][a-z0-9._-]{0,63}$/i.test(source)) throw new ImportError(options.file, null, `source name "${source}" must be 1-64 letters, digits, ".", "_" or "-"`);
  if (source.toLowerCase().startsWith("subtlex")) throw new ImportError(options.file, null, `source name "${source}" is reserved for the built-in SUBTLEX-US list`);
  // Case-folded: tokens are lower-cased before the lookup, so "God" (NoP) and "god" (NoC) both count.
  assertRegularFile(options.file);
  let table: ReturnType<typeof readBncFrequencyFile>;
  try {
    table = readBncFrequencyFile(options.file, { aggregation: options.aggregation ?? "lemmaHeads", caseFold: true });
  } catch (error) {
    if (error instanceof BncFormatError) throw new ImportError(options.file, error.line, error.message);
    throw new ImportError(options.file, null, `cannot be read: ${(error as Error).message}`);
  }
  if (table.perMillion.size < MIN_WORDS) {
    throw new ImportError(options.file, null, `only ${table.perMillion.size} words with a frequency: not the BNC list (1_1_all_alpha.txt, tab separated: Word, PoS, marker, Freq)`);
  }
  for (const [word, frequency] of table.perMillion) {
    if (!(frequency >= 0) || !Number.isFinite(frequency)) throw new ImportError(options.file, null, `word ${JSON.stringify(word)} has frequency ${frequency}`);
  }
  await inTransaction(pool, async (client) => {
    await client.query(`DELETE FROM "WordFrequency" WHERE source = $1`, [source]);
    await copyRows(client, "WordFrequency", ["source", "word", "frequency"], Array.from(table.perMillion, ([word, frequency]) => [source, word, frequency]));
  });
  return { source, words: table.perMillion.size };
}
