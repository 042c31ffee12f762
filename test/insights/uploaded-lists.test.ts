// Uploaded lexicons and identity lists (server/admin uploads) in the refresh: valence asymmetry
// and identity-group slices are computed per sweep for every uploaded list, read through
// GraphQL with `lexicon:` / `list:`, equal server/analysis applied directly with the same list,
// leave the defaults unchanged, and are recomputed exactly when their list is re-uploaded.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  afinnLexicon,
  customLexicon,
  IDENTITY_GROUPS,
  identityGroupStats,
  matchValence,
  DEFAULT_MATCH_OPTIONS,
  valenceAsymmetry,
  type IdentityCategory,
  type IdentityGroup,
} from "../../server/analysis";
import { uploadIdentityTerms, uploadLexicon } from "../../server/admin/admin.service";
import { identityGroupsFromRows } from "../../server/insights/lists";
import { refreshInsights } from "../../server/insights/refresh";
import type { TestDatabase } from "../helpers/db";
import { DEMO_SLUGS, demoLlamaDatabase, execute, snapshotRows, TEST_OPTIONS, type DirectSweep, type RowSnapshot } from "./helpers";

const LLAMA = DEMO_SLUGS["llama3.1"];
const seed = 20250611; // DEFAULT_SEED
const resampling = { resamples: TEST_OPTIONS.resamples, seed };
const LEXICON = "Tiny Lex";
const LIST = "my groups";

const POSITIVE = ["good", "great", "love", "happy", "best", "nice", "better", "free", "win", "like", "fun", "well", "super", "safe"];
const NEGATIVE = ["bad", "war", "hate", "death", "wrong", "poor", "kill", "error", "fail", "problem", "no", "not", "dead", "crash"];
const lexiconEntries = (scale: number) => [
  ...POSITIVE.map((word, i) => ({ word, valence: scale * (1 + (i % 3)) })),
  ...NEGATIVE.map((word, i) => ({ word, valence: -(1 + (i % 2)) })),
];
const TERMS = [
  { category: "colour", group: "Warm", term: "red" },
  { category: "colour", group: "Warm", term: "orange" },
  { category: "colour", group: "Cool", term: "blue" },
  { category: "colour", group: "Cool", term: "green" },
  { category: "food", group: "Fruit", term: "apple" },
  { category: "food", group: "Fruit", term: "Bananas" },
];

/** The groups of TERMS built by hand (independently of lists.ts). */
const group = (category: string, label: string, terms: string[]): IdentityGroup => ({
  id: `${category}/${label}`,
  category: category as IdentityCategory,
  label,
  terms: terms.map((singular) => ({ singular })),
});

let t: TestDatabase;
let pool: pg.Pool;
let llama: DirectSweep;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, pool, llama, close } = await demoLlamaDatabase());
});
afterAll(() => close());

interface Valence {
  model: { slug: string };
  lexicon: string;
  matchedTokens: number;
  positive: { n: number; slope: { estimate: number } };
  difference: { estimate: number; low: number; high: number };
}
interface Slice {
  groups: { category: string; group: string; groupId: string; matchedTokens: number; medianPercentile: number | null; effect: { estimate: number } | null; terms: { tokenId: number }[] }[];
}

async function query<T>(text: string): Promise<T> {
  const result = await execute<T>(t.db, text);
  expect(result.errors).toBeUndefined();
  return result.data as T;
}

const VALENCE = `model { slug } lexicon matchedTokens positive { n slope { estimate } } difference { estimate low high }`;
const SLICE = `groups { category group groupId matchedTokens medianPercentile effect { estimate } terms { tokenId } }`;

function expectValence(actual: Valence, entries: { word: string; valence: number }[]) {
  const match = matchValence(llama.texts, customLexicon(LEXICON, entries.map((e) => [e.word, e.valence] as const)), DEFAULT_MATCH_OPTIONS);
  const asym = valenceAsymmetry(llama.scores, match, resampling);
  expect(actual).toMatchObject({
    model: { slug: LLAMA },
    lexicon: LEXICON,
    matchedTokens: match.indices.length,
    positive: { n: asym.positive.n, slope: { estimate: asym.positive.slope.estimate } },
    difference: { estimate: asym.difference.estimate, low: asym.difference.lower, high: asym.difference.upper },
  });
}

function expectSlice(actual: Slice, groups: IdentityGroup[]) {
  const direct = identityGroupStats(llama.scores, llama.texts, groups, resampling);
  expect(actual.groups.map((g) => [g.category, g.group, g.groupId, g.matchedTokens, g.medianPercentile, g.effect?.estimate ?? null, g.terms.map((h) => h.tokenId)])).toEqual(
    direct.map((g) => [
      g.category,
      g.label,
      g.id,
      g.indices.length,
      g.indices.length ? g.medianPercentile : null,
      g.indices.length ? g.cliffsDelta.estimate : null,
      Array.from(g.indices, (i) => llama.ids[i]),
    ]),
  );
}

const byKey = (rows: RowSnapshot[]) => new Map(rows.map((r) => [`${r.kind}|${r.scope}`, r]));

describe("uploaded lists in the refresh", () => {
  it("builds identity groups from IdentityTerm rows, grouped by category + group, forms expanded like the built-in terms", () => {
    expect(identityGroupsFromRows(TERMS)).toEqual([
      group("colour", "Cool", ["blue", "green"]),
      group("colour", "Warm", ["orange", "red"]),
      group("food", "Fruit", ["Bananas", "apple"]),
    ]);
  });

  it("computes every uploaded list per sweep, reads them by name, and keeps the defaults", async () => {
    const before = await refreshInsights(pool, TEST_OPTIONS);
    expect(before.unavailable).toEqual([]);
    const defaults = await query<{ valenceAsymmetry: Valence[]; identityGroups: Slice }>(
      `{ valenceAsymmetry(promptSlug: "greatest") { ${VALENCE} } identityGroups(promptSlug: "greatest") { ${SLICE} } }`,
    );

    // Sanity: the tiny lexicon has enough matches among the swept ids for a slope each side.
    const match = matchValence(llama.texts, customLexicon(LEXICON, lexiconEntries(1).map((e) => [e.word, e.valence] as const)), DEFAULT_MATCH_OPTIONS);
    expect(Array.from(match.valence).filter((v) => v > 0).length).toBeGreaterThanOrEqual(3);
    expect(Array.from(match.valence).filter((v) => v <= 0).length).toBeGreaterThanOrEqual(3);

    await uploadLexicon(t.db, { name: LEXICON, entries: lexiconEntries(1) });
    await uploadIdentityTerms(t.db, { listName: LIST, terms: TERMS });
    const summary = await refreshInsights(pool, TEST_OPTIONS);
    // One sweep with texts: one row per uploaded list; nothing else recomputed.
    expect(summary).toMatchObject({ rowsComputed: 2, rowsRemoved: 0, rowsUnchanged: before.rowsPlanned, unavailable: [] });

    const data = await query<{
      lists: { lexicons: string[]; identityLists: string[] };
      custom: Valence[];
      afinn: Valence[];
      plain: Valence[];
      slice: Slice;
      builtin: Slice;
      plainSlice: Slice;
      food: Slice;
      missing: Valence[];
      missingSlice: Slice | null;
    }>(`{
      lists: analysisLists { lexicons identityLists }
      custom: valenceAsymmetry(promptSlug: "greatest", lexicon: "${LEXICON}") { ${VALENCE} }
      afinn: valenceAsymmetry(promptSlug: "greatest", lexicon: "afinn-165") { ${VALENCE} }
      plain: valenceAsymmetry(promptSlug: "greatest") { ${VALENCE} }
      slice: identityGroups(promptSlug: "greatest", list: "${LIST}") { ${SLICE} }
      builtin: identityGroups(promptSlug: "greatest", list: "reward-atlas") { ${SLICE} }
      plainSlice: identityGroups(promptSlug: "greatest") { ${SLICE} }
      food: identityGroups(promptSlug: "greatest", list: "${LIST}", category: "food") { ${SLICE} }
      missing: valenceAsymmetry(promptSlug: "greatest", lexicon: "no-such-lexicon") { ${VALENCE} }
      missingSlice: identityGroups(promptSlug: "greatest", list: "no-such-list") { ${SLICE} }
    }`);
    expect(data.lists).toEqual({ lexicons: ["afinn-165", LEXICON], identityLists: ["reward-atlas", LIST] });

    expect(data.custom).toHaveLength(1);
    expectValence(data.custom[0], lexiconEntries(1));
    const slice = [group("colour", "Cool", ["blue", "green"]), group("colour", "Warm", ["orange", "red"]), group("food", "Fruit", ["Bananas", "apple"])];
    expectSlice(data.slice, slice);
    expect(data.slice.groups.some((g) => g.matchedTokens > 0)).toBe(true);
    expect(data.food.groups.map((g) => g.groupId)).toEqual(["food/Fruit"]);
    expect(data.missing).toEqual([]);
    expect(data.missingSlice).toBeNull();

    // Defaults: the same results as before the upload, explicit or implicit.
    expect(data.plain).toEqual(defaults.valenceAsymmetry);
    expect(data.afinn).toEqual(defaults.valenceAsymmetry);
    expect(data.plain.map((v) => v.lexicon)).toEqual([afinnLexicon().name]);
    expect(data.plainSlice).toEqual(defaults.identityGroups);
    expect(data.builtin).toEqual(defaults.identityGroups);
    expectSlice(data.plainSlice, [...IDENTITY_GROUPS]);
  });

  it("recomputes exactly the rows of a re-uploaded list, and drops the rows of a removed one", async () => {
    const before = byKey(await snapshotRows(pool));
    await uploadLexicon(t.db, { name: LEXICON, entries: lexiconEntries(3) });
    const summary = await refreshInsights(pool, TEST_OPTIONS);
    expect(summary).toMatchObject({ rowsComputed: 1, rowsRemoved: 1 });
    const after = byKey(await snapshotRows(pool));
    const changed = [...after.values()].filter((r) => before.get(`${r.kind}|${r.scope}`)?.inputsKey !== r.inputsKey).map((r) => r.scope);
    expect(changed).toEqual([expect.stringMatching(/;lexicon=Tiny Lex$/)]);
    const data = await query<{ custom: Valence[] }>(`{ custom: valenceAsymmetry(promptSlug: "greatest", lexicon: "${LEXICON}") { ${VALENCE} } }`);
    expectValence(data.custom[0], lexiconEntries(3));

    // Identity list: re-upload with one term fewer.
    const terms = TERMS.filter((x) => x.term !== "green");
    await uploadIdentityTerms(t.db, { listName: LIST, terms });
    expect(await refreshInsights(pool, TEST_OPTIONS)).toMatchObject({ rowsComputed: 1, rowsRemoved: 1 });
    const third = byKey(await snapshotRows(pool));
    expect([...third.values()].filter((r) => after.get(`${r.kind}|${r.scope}`)?.inputsKey !== r.inputsKey).map((r) => r.scope)).toEqual([
      expect.stringMatching(/;list=my groups$/),
    ]);
    const slice = await query<{ slice: Slice }>(`{ slice: identityGroups(promptSlug: "greatest", list: "${LIST}") { ${SLICE} } }`);
    expectSlice(slice.slice, [group("colour", "Cool", ["blue"]), group("colour", "Warm", ["orange", "red"]), group("food", "Fruit", ["Bananas", "apple"])]);

    // An unchanged refresh does nothing; deleting a list drops its rows.
    expect(await refreshInsights(pool, TEST_OPTIONS)).toMatchObject({ upToDate: true });
    await pool.query(`DELETE FROM "LexiconEntry" WHERE lexicon = $1`, [LEXICON]);
    expect(await refreshInsights(pool, TEST_OPTIONS)).toMatchObject({ rowsComputed: 0, rowsRemoved: 1 });
    const gone = await query<{ custom: Valence[] }>(`{ custom: valenceAsymmetry(promptSlug: "greatest", lexicon: "${LEXICON}") { ${VALENCE} } }`);
    expect(gone.custom).toEqual([]);
  });
});
