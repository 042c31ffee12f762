// Uploaded analysis lists (server/admin: uploadLexicon -> "LexiconEntry", uploadIdentityTerms ->
// "IdentityTerm"; `npm run import -- bnc-frequency` -> "WordFrequency"). A refresh computes valence
// asymmetry per sweep for every uploaded lexicon, identity-group slices for every uploaded identity
// list and frequency bias for every imported frequency list, next to the built-in AFINN-165,
// IDENTITY_GROUPS and SUBTLEX-US. A list enters a row's inputsKey as a digest of its rows, so re-uploading a
// list recomputes exactly the rows computed from it.
//
// The built-in names are reserved: an uploaded lexicon named "afinn-165" (any case) or identity
// list named "reward-atlas" is ignored, the built-in list answers for that name.
import type pg from "pg";
import { customLexicon, type FrequencyTable, type IdentityCategory, type IdentityGroup, type ValenceLexicon } from "../analysis";
import type { Db } from "../db/prisma";
import type { InputToken } from "./keys";

/** The GraphQL name of the built-in lexicon (stored results say "AFINN-165"). */
export const BUILTIN_LEXICON = "afinn-165";
/** The name of the built-in identity list (server/analysis/identityTerms.ts). */
export const BUILTIN_IDENTITY_LIST = "reward-atlas";

/** The GraphQL name of the built-in frequency list (stored results say "SUBTLEX-US (case-folded)"). */
export const BUILTIN_FREQUENCY_LIST = "subtlex-us";

export const isBuiltinLexicon = (name: string) => name.toLowerCase() === BUILTIN_LEXICON;
export const isBuiltinFrequencyList = (name: string) => name.toLowerCase() === BUILTIN_FREQUENCY_LIST;
export const isBuiltinIdentityList = (name: string) => name === BUILTIN_IDENTITY_LIST;

/** An uploaded list: its name and a digest of its rows (changes when the list is re-uploaded). */
export interface ListRef {
  name: string;
  digest: string;
}

export const lexiconInput = (ref: ListRef): InputToken => ["lexicon", ref.name, ref.digest];
export const identityListInput = (ref: ListRef): InputToken => ["identity-list", ref.name, ref.digest];
export const frequencyListInput = (ref: ListRef): InputToken => ["frequency-list", ref.name, ref.digest];

export async function loadListRefs(pool: pg.Pool): Promise<{ lexicons: ListRef[]; identityLists: ListRef[]; frequencyLists: ListRef[] }> {
  const lexicons = await pool.query<ListRef>(
    `SELECT lexicon AS name, md5(json_agg(json_build_array(word, valence) ORDER BY word COLLATE "C")::text) AS digest
       FROM "LexiconEntry" WHERE lower(lexicon) <> $1 GROUP BY lexicon ORDER BY lexicon COLLATE "C"`,
    [BUILTIN_LEXICON],
  );
  const identityLists = await pool.query<ListRef>(
    `SELECT "listName" AS name,
            md5(json_agg(json_build_array(category, "group", term) ORDER BY category COLLATE "C", "group" COLLATE "C", term COLLATE "C")::text) AS digest
       FROM "IdentityTerm" WHERE "listName" <> $1 GROUP BY "listName" ORDER BY "listName" COLLATE "C"`,
    [BUILTIN_IDENTITY_LIST],
  );
  const frequencyLists = await pool.query<ListRef>(
    `SELECT source AS name, md5(json_agg(json_build_array(word, frequency) ORDER BY word COLLATE "C")::text) AS digest
       FROM "WordFrequency" WHERE lower(source) <> $1 GROUP BY source ORDER BY source COLLATE "C"`,
    [BUILTIN_FREQUENCY_LIST],
  );
  return { lexicons: lexicons.rows, identityLists: identityLists.rows, frequencyLists: frequencyLists.rows };
}

/** An imported frequency list (WordFrequency rows, per million words; keys lower-case when imported case-folded). */
export async function loadFrequencyTable(pool: pg.Pool, source: string): Promise<FrequencyTable> {
  const rows = await pool.query<{ word: string; frequency: number }>(`SELECT word, frequency FROM "WordFrequency" WHERE source = $1`, [source]);
  const perMillion = new Map(rows.rows.map((r) => [r.word, r.frequency] as const));
  return { name: source, perMillion, caseFolded: rows.rows.every((r) => r.word === r.word.toLowerCase()) };
}

/** An uploaded lexicon as a ValenceLexicon (words matched as uploaded; range = the values' range). */
export async function loadLexicon(pool: pg.Pool, name: string): Promise<ValenceLexicon> {
  const rows = await pool.query<{ word: string; valence: number }>(
    `SELECT word, valence FROM "LexiconEntry" WHERE lexicon = $1 ORDER BY word COLLATE "C"`,
    [name],
  );
  const values = rows.rows.map((r) => r.valence);
  const range: [number, number] = values.length ? [Math.min(...values), Math.max(...values)] : [-1, 1];
  return customLexicon(name, rows.rows.map((r) => [r.word, r.valence] as const), range);
}

export interface IdentityTermRow {
  category: string;
  group: string;
  term: string;
}

/**
 * IdentityGroup objects from IdentityTerm rows: one group per (category, group), ordered by
 * category then group, id "category/group", label = group. Each row is one term; its token forms
 * are expanded by server/analysis/identity.ts as the built-in terms are (case and leading space).
 */
export function identityGroupsFromRows(rows: readonly IdentityTermRow[]): IdentityGroup[] {
  const groups = new Map<string, { category: string; label: string; terms: Set<string> }>();
  for (const r of rows) {
    const key = JSON.stringify([r.category, r.group]);
    let g = groups.get(key);
    if (!g) {
      g = { category: r.category, label: r.group, terms: new Set() };
      groups.set(key, g);
    }
    g.terms.add(r.term);
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()]
    .sort((a, b) => cmp(a.category, b.category) || cmp(a.label, b.label))
    .map((g) => ({
      id: `${g.category}/${g.label}`,
      // Uploaded categories are free text; the analysis only carries the category through.
      category: g.category as IdentityCategory,
      label: g.label,
      terms: [...g.terms].sort(cmp).map((singular) => ({ singular })),
    }));
}

export async function loadIdentityGroups(pool: pg.Pool, listName: string): Promise<IdentityGroup[]> {
  const rows = await pool.query<IdentityTermRow>(`SELECT category, "group", term FROM "IdentityTerm" WHERE "listName" = $1`, [listName]);
  return identityGroupsFromRows(rows.rows);
}

/** Names the analyses can be read with: the built-in list first, then the uploaded ones. */
export async function analysisListNames(db: Db): Promise<{ lexicons: string[]; identityLists: string[]; frequencyLists: string[] }> {
  const lexicons = await db.$queryRaw<{ name: string }[]>`SELECT DISTINCT lexicon AS name FROM "LexiconEntry" ORDER BY 1`;
  const identity = await db.$queryRaw<{ name: string }[]>`SELECT DISTINCT "listName" AS name FROM "IdentityTerm" ORDER BY 1`;
  const frequency = await db.$queryRaw<{ name: string }[]>`SELECT DISTINCT source AS name FROM "WordFrequency" ORDER BY 1`;
  return {
    lexicons: [BUILTIN_LEXICON, ...lexicons.map((r) => r.name).filter((n) => !isBuiltinLexicon(n))],
    identityLists: [BUILTIN_IDENTITY_LIST, ...identity.map((r) => r.name).filter((n) => !isBuiltinIdentityList(n))],
    frequencyLists: [BUILTIN_FREQUENCY_LIST, ...frequency.map((r) => r.name).filter((n) => !isBuiltinFrequencyList(n))],
  };
}
