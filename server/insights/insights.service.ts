// Reads of the materialised analyses (AnalysisResult rows written by refresh.ts). Nothing here
// computes a statistic: a read finds rows by kind and params (jsonb containment), drops rows
// stored as unavailable, and at most slices a stored result to the requested models or length.
import { LRUCache } from "lru-cache";
import type { Db } from "../db/prisma";
import { BadInputError } from "../errors";
import { FRAMING_LIST_SIZE } from "./compute/framing";
import { KEPT_DIFFERENCES } from "./compute/humanBaseline";
import { KINDS, type InsightKind } from "./keys";
import { analysisListNames, BUILTIN_FREQUENCY_LIST, BUILTIN_IDENTITY_LIST, BUILTIN_LEXICON, isBuiltinFrequencyList, isBuiltinIdentityList, isBuiltinLexicon } from "./lists";
import {
  isUnavailable,
  type StoredDistribution,
  type StoredFraming,
  type StoredFrequencyBias,
  type StoredHeterogeneity,
  type StoredHumanBaseline,
  type StoredIdentity,
  type StoredLeaderboard,
  type StoredSharedVocab,
  type StoredValenceAsymmetry,
  type VocabNormalization,
} from "./stored";
import type { IdentitySliceParent } from "./types";

/** The params a refresh stores with every row and reads filter on. */
interface RowParams {
  scope: string;
  modelSlug?: string;
  promptSlug?: string;
  positivePromptSlug?: string;
  setSlug?: string;
  normalization?: VocabNormalization;
  /** Set on rows computed from an uploaded lexicon / identity list / frequency list (absent: the built-in one). */
  lexicon?: string;
  list?: string;
  frequency?: string;
}

interface Row<T> {
  params: RowParams;
  result: T;
}

async function findRows<T>(db: Db, kind: InsightKind, match: Partial<RowParams>): Promise<Row<T>[]> {
  const rows = await db.$queryRaw<{ params: RowParams; result: unknown }[]>`
    SELECT params, result FROM "AnalysisResult" WHERE kind = ${kind} AND params @> ${JSON.stringify(match)}::jsonb`;
  // Rows are written only by refresh.ts with these shapes (RESULT_VERSION guards changes).
  const available = rows.filter((row) => !isUnavailable(row.result)) as Row<T>[];
  return available.sort((a, b) => (a.params.modelSlug ?? "").localeCompare(b.params.modelSlug ?? "") || a.params.scope.localeCompare(b.params.scope));
}

async function findOne<T>(db: Db, kind: InsightKind, match: Partial<RowParams>): Promise<T | null> {
  return (await findRows<T>(db, kind, match))[0]?.result ?? null;
}

const wanted = (modelSlugs: readonly string[] | null | undefined) => (slug: string | undefined) =>
  !modelSlugs || (slug !== undefined && modelSlugs.includes(slug));

export function getDistribution(db: Db, modelSlug: string, promptSlug: string): Promise<StoredDistribution | null> {
  return findOne(db, KINDS.distribution, { modelSlug, promptSlug });
}

export function getSharedVocabulary(db: Db, promptSlug: string, normalization: VocabNormalization): Promise<StoredSharedVocab | null> {
  return findOne(db, KINDS.sharedVocab, { promptSlug, normalization });
}

/** One model's membership of a prompt's shared vocabulary, as a bitmap the database tests per row. */
export interface SharedVocabularyMembership {
  /** Bit i is set when token id i is shared: byte i >> 3, bit i & 7, the order of PostgreSQL's get_bit. */
  bitmap: Buffer;
  /** Ids covered by the bitmap (8 x its bytes); larger ids are not shared. */
  bits: number;
  /** Names the mapping's version (its inputsKey) and the model: a refresh that changes it changes this. */
  version: string;
}

/**
 * One model's token ids in a prompt's shared vocabulary under a normalisation, extracted in the
 * database from the stored mapping; null when there is no mapping or the model is not in it
 * (Heterogeneity.notCompared says why). A bitmap (16 KB at 128k ids) rather than the id list: a
 * query given ~90k ids as an array parses and hashes them every time (~60 ms a page; ~1 ms this way).
 */
export async function sharedVocabularyMembership(
  db: Db,
  promptId: number,
  modelId: number,
  normalization: VocabNormalization,
): Promise<SharedVocabularyMembership | null> {
  const match = JSON.stringify({ promptId, normalization });
  // The mapping's inputsKey names its version: its ids are unpacked once per version and model.
  const [mapping] = await db.$queryRaw<{ inputsKey: string }[]>`
    SELECT "inputsKey" FROM "AnalysisResult" WHERE kind = ${KINDS.sharedVocabMapping} AND params @> ${match}::jsonb`;
  if (!mapping) return null;
  const version = `${mapping.inputsKey}:${modelId}`;
  const found = await sharedMemberships.fetch(version, { context: { db, inputsKey: mapping.inputsKey, modelId } });
  return found?.membership ?? null;
}

function membershipOf(ids: readonly number[], version: string): SharedVocabularyMembership {
  const bitmap = Buffer.alloc((ids.reduce((max, id) => Math.max(max, id), -1) >> 3) + 1);
  for (const id of ids) bitmap[id >> 3] |= 1 << (id & 7);
  return { bitmap, bits: bitmap.length * 8, version };
}

/** Shared-vocabulary bitmaps (or "not in the mapping") by mapping version and model: one per
 * prompt x normalisation x model, each at most 32 KB (262k ids), so 512 entries stay under 17 MB.
 * Through lru-cache's fetch: concurrent requests (a page's top and bottom lists, their counts)
 * share one extraction, and a failed one is not kept. */
const sharedMemberships = new LRUCache<string, { membership: SharedVocabularyMembership | null }, { db: Db; inputsKey: string; modelId: number }>({
  max: 512,
  fetchMethod: async (version, _stale, { context: { db, inputsKey, modelId } }) => {
    const rows = await db.$queryRaw<{ ids: number[] }[]>`
      SELECT r.result->'tokenIds'->(m.position::int - 1) AS ids
        FROM "AnalysisResult" r,
             LATERAL jsonb_array_elements(r.result->'modelIds') WITH ORDINALITY AS m(id, position)
       WHERE r.kind = ${KINDS.sharedVocabMapping} AND r."inputsKey" = ${inputsKey}
         AND m.id = to_jsonb(${modelId}::int)`;
    return { membership: rows[0]?.ids ? membershipOf(rows[0].ids, version) : null };
  },
});

/** The all-model heterogeneity, sliced to `modelSlugs` (matrices, pairs, MDS points). */
export async function getHeterogeneity(
  db: Db,
  promptSlug: string,
  normalization: VocabNormalization,
  modelSlugs?: readonly string[] | null,
): Promise<StoredHeterogeneity | null> {
  const het = await findOne<StoredHeterogeneity>(db, KINDS.heterogeneity, { promptSlug, normalization });
  if (!het || !modelSlugs) return het;
  const keep = het.modelSlugs.map((slug, i) => (modelSlugs.includes(slug) ? i : -1)).filter((i) => i >= 0);
  const slice = (matrix: number[][]) => keep.map((i) => keep.map((j) => matrix[i][j]));
  const kept = new Set(keep.map((i) => het.modelSlugs[i]));
  return {
    ...het,
    modelIds: keep.map((i) => het.modelIds[i]),
    modelSlugs: keep.map((i) => het.modelSlugs[i]),
    kendallTau: slice(het.kendallTau),
    spearmanRho: slice(het.spearmanRho),
    rbo: slice(het.rbo),
    pairs: het.pairs.filter((p) => kept.has(p.a) && kept.has(p.b)),
    mds: keep.map((i) => het.mds[i]),
    excludedModelSlugs: het.excludedModelSlugs.filter((slug) => modelSlugs.includes(slug)),
    notCompared: het.notCompared?.filter((n) => modelSlugs.includes(n.modelSlug)),
  };
}

type ListParam = "lexicon" | "list" | "frequency";

/** Rows of a prompt computed with one list: the built-in one (rows without the list parameter) or
 * the uploaded / imported list of that name (rows naming it). */
async function rowsWithList<T>(db: Db, kind: InsightKind, promptSlug: string, param: ListParam, name: string | null, modelSlugs?: readonly string[] | null): Promise<Row<T>[]> {
  const rows = await findRows<T>(db, kind, name === null ? { promptSlug } : { promptSlug, [param]: name });
  return rows.filter((r) => (name === null ? r.params[param] === undefined : true) && wanted(modelSlugs)(r.params.modelSlug));
}

/** lexicon: "afinn-165" (any case; the default) or an uploaded lexicon's name. */
export async function getValenceAsymmetry(
  db: Db,
  promptSlug: string,
  modelSlugs?: readonly string[] | null,
  lexicon: string = BUILTIN_LEXICON,
): Promise<StoredValenceAsymmetry[]> {
  const rows = await rowsWithList<StoredValenceAsymmetry>(db, KINDS.valence, promptSlug, "lexicon", isBuiltinLexicon(lexicon) ? null : lexicon, modelSlugs);
  return rows.map((r) => r.result);
}

/** frequencyList: "subtlex-us" (any case; the default) or an imported list's source name. */
export async function getFrequencyBias(
  db: Db,
  promptSlug: string,
  modelSlugs?: readonly string[] | null,
  frequencyList: string = BUILTIN_FREQUENCY_LIST,
): Promise<StoredFrequencyBias[]> {
  const rows = await rowsWithList<StoredFrequencyBias>(db, KINDS.frequency, promptSlug, "frequency", isBuiltinFrequencyList(frequencyList) ? null : frequencyList, modelSlugs);
  return rows.map((r) => r.result);
}

/** The model's framing on the requested pair, else best/worst, else its first pair; lists cut to k. */
export async function getFraming(db: Db, modelSlug: string, k: number, positivePromptSlug?: string | null): Promise<StoredFraming | null> {
  if (!Number.isInteger(k) || k < 0 || k > FRAMING_LIST_SIZE) throw new BadInputError(`k must be an integer from 0 to ${FRAMING_LIST_SIZE}`);
  const rows = await findRows<StoredFraming>(db, KINDS.framing, positivePromptSlug ? { modelSlug, positivePromptSlug } : { modelSlug });
  const row = rows.find((r) => r.params.positivePromptSlug === "best") ?? rows[0];
  if (!row) return null;
  const f = row.result;
  return { ...f, topSum: f.topSum.slice(0, k), bottomSum: f.bottomSum.slice(0, k), topDifference: f.topDifference.slice(0, k), bottomDifference: f.bottomDifference.slice(0, k) };
}

export async function getIdentityGroups(
  db: Db,
  promptSlug: string,
  modelSlugs?: readonly string[] | null,
  category?: string | null,
  list: string = BUILTIN_IDENTITY_LIST,
): Promise<IdentitySliceParent | null> {
  const rows = await rowsWithList<StoredIdentity>(db, KINDS.identity, promptSlug, "list", isBuiltinIdentityList(list) ? null : list, modelSlugs);
  if (rows.length === 0) return null;
  const groups = rows.flatMap(({ result }) =>
    result.groups.filter((g) => !category || g.category === category).map((g) => ({ ...g, modelId: result.modelId, promptId: result.promptId })),
  );
  return { promptId: rows[0].result.promptId, groups };
}

export async function getHumanBaseline(db: Db, setSlug: string, promptSlug: string, top: number): Promise<StoredHumanBaseline | null> {
  if (!Number.isInteger(top) || top < 0 || top > KEPT_DIFFERENCES) throw new BadInputError(`top must be an integer from 0 to ${KEPT_DIFFERENCES}`);
  const baseline = await findOne<StoredHumanBaseline>(db, KINDS.humanBaseline, { setSlug, promptSlug });
  return baseline && { ...baseline, largestDifferences: baseline.largestDifferences.slice(0, top) };
}

export async function getLeaderboard(db: Db): Promise<StoredLeaderboard["rows"]> {
  return (await findOne<StoredLeaderboard>(db, KINDS.leaderboard, {}))?.rows ?? [];
}

/** The lexicon and identity-list names the analyses accept (built-in first, then uploaded). */
export function getAnalysisLists(db: Db): Promise<{ lexicons: string[]; identityLists: string[]; frequencyLists: string[] }> {
  return analysisListNames(db);
}
