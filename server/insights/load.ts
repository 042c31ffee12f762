// What a refresh reads: the catalogue (which sweeps and candidate sets exist), then, lazily and
// at most once each, a sweep's scores and a model's decoded texts.
//
// Which sweep: per model x prompt the representative COMPLETED sweep (catalog/representativeSweep.ts:
// whole vocabulary, id mode, most ids, newest), the same choice as the ranking views (server/rankings). Scores are read with pg, one query per sweep in
// token-id order, into a Float32Array indexed by token id (NaN = id not scored: `limit`ed or
// vocabulary-policy sweeps, imports that skip ids). Ten models x 3 prompts x 262k ids is ~30 MB
// of scores plus the models' texts, well within the memory budget.
import type pg from "pg";
import type { FrequencyTable, IdentityGroup, ValenceLexicon } from "../analysis";
import type { InputToken } from "./keys";
import { loadFrequencyTable, loadIdentityGroups, loadLexicon, loadListRefs, type ListRef } from "./lists";
import { IS_WHOLE_VOCABULARY, REPRESENTATIVE_SWEEP_ORDER_ID_FIRST } from "../catalog/representativeSweep";

export interface ModelRef {
  id: number;
  slug: string;
  isDemo: boolean;
}

export interface PromptRef {
  id: number;
  slug: string;
  framing: "POSITIVE" | "NEGATIVE" | "NEUTRAL";
  pairId: number | null;
}

export interface SweepRef {
  sweepId: number;
  model: ModelRef;
  prompt: PromptRef;
  finishedAt: string;
  scoredCount: number;
  /** Not a `--limit` sweep of the first N ids: only these join the cross-model comparisons. */
  wholeVocabulary: boolean;
}

export interface CandidateInputRef {
  setId: number;
  setSlug: string;
  promptId: number;
  promptSlug: string;
  /** md5 over every (item, model, score, human score) row: changes when an import changes. */
  digest: string;
}

export interface Catalogue {
  sweeps: SweepRef[];
  prompts: Map<number, PromptRef>;
  /** Models with a vocabulary stored (text analyses need one). */
  modelsWithTexts: Set<number>;
  candidates: CandidateInputRef[];
  /** Uploaded lexicons and identity lists (lists.ts), built-in names excluded. */
  lexicons: ListRef[];
  identityLists: ListRef[];
  frequencyLists: ListRef[];
}

export function sweepInput(s: SweepRef): InputToken {
  return ["sweep", s.sweepId, s.finishedAt, s.scoredCount];
}

interface SweepRow {
  id: number;
  modelId: number;
  promptId: number;
  finishedAt: Date | null;
  scoredCount: number;
  modelSlug: string;
  isDemo: boolean;
  wholeVocabulary: boolean;
}

export async function loadCatalogue(pool: pg.Pool): Promise<Catalogue> {
  const prompts = new Map<number, PromptRef>();
  const promptRows = await pool.query<PromptRef>(`SELECT id, slug, framing::text AS framing, "pairId" FROM "Prompt" ORDER BY id`);
  for (const p of promptRows.rows) prompts.set(p.id, p);
  const sweepRows = await pool.query<SweepRow>(
    `SELECT DISTINCT ON (s."modelId", s."promptId") s.id, s."modelId", s."promptId", s."finishedAt", s."scoredCount",
            m.slug AS "modelSlug", m."isDemo", ${IS_WHOLE_VOCABULARY} AS "wholeVocabulary"
       FROM "Sweep" s JOIN "RewardModel" m ON m.id = s."modelId"
      WHERE s.status = 'COMPLETED'
      ORDER BY s."modelId", s."promptId", ${REPRESENTATIVE_SWEEP_ORDER_ID_FIRST}`,
  );
  const sweeps = sweepRows.rows.map((r) => ({
    sweepId: r.id,
    model: { id: r.modelId, slug: r.modelSlug, isDemo: r.isDemo },
    prompt: prompts.get(r.promptId) as PromptRef,
    finishedAt: r.finishedAt ? r.finishedAt.toISOString() : "",
    scoredCount: r.scoredCount,
    wholeVocabulary: r.wholeVocabulary,
  }));
  sweeps.sort((a, b) => (a.model.slug < b.model.slug ? -1 : a.model.slug > b.model.slug ? 1 : a.prompt.id - b.prompt.id));
  const modelIds = [...new Set(sweeps.map((s) => s.model.id))];
  const withTexts = await pool.query<{ modelId: number }>(
    `SELECT m.id AS "modelId" FROM unnest($1::int[]) AS m(id)
      WHERE EXISTS (SELECT 1 FROM "VocabToken" v WHERE v."modelId" = m.id)`,
    [modelIds],
  );
  const candidates = await pool.query<CandidateInputRef>(
    `SELECT cs.id AS "setId", cs.slug AS "setSlug", p.id AS "promptId", p.slug AS "promptSlug",
            md5(string_agg(sc."itemId" || ':' || sc."modelId" || ':' || sc.score::text || ':' || coalesce(ci."humanScore"::text, ''),
                           ',' ORDER BY sc."modelId", sc."itemId")) AS digest
       FROM "CandidateScore" sc
       JOIN "CandidateItem" ci ON ci.id = sc."itemId"
       JOIN "CandidateSet" cs ON cs.id = ci."setId"
       JOIN "Prompt" p ON p.id = sc."promptId"
      GROUP BY cs.id, cs.slug, p.id, p.slug
      ORDER BY cs.slug, p.id`,
  );
  const lists = await loadListRefs(pool);
  return { sweeps, prompts, modelsWithTexts: new Set(withTexts.rows.map((r) => r.modelId)), candidates: candidates.rows, ...lists };
}

/** One sweep's scores: by token id (NaN = not scored) and compacted to the scored ids. */
export interface SweepScores {
  byId: Float32Array;
  /** Scored token ids, ascending. */
  ids: Int32Array;
  /** scores[k] = byId[ids[k]], widened once for the analyses' float64 loops. */
  scores: Float64Array;
}

/** Decoded texts by token id (undefined where the vocabulary has no row). */
export type ModelTexts = (string | undefined)[];

/** The cached promise for `key`, loading it the first time. */
function once<K, V>(cache: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let cached = cache.get(key);
  if (!cached) {
    cached = load();
    cache.set(key, cached);
  }
  return cached;
}

/** Caches scores per sweep and texts per model for the duration of one refresh. */
export class InsightData {
  private readonly scoreCache = new Map<number, Promise<SweepScores>>();
  private readonly textCache = new Map<number, Promise<ModelTexts>>();
  private readonly lexiconCache = new Map<string, Promise<ValenceLexicon>>();
  private readonly identityCache = new Map<string, Promise<IdentityGroup[]>>();
  private readonly frequencyCache = new Map<string, Promise<FrequencyTable>>();

  constructor(private readonly pool: pg.Pool) {}

  scores(sweepId: number): Promise<SweepScores> {
    return once(this.scoreCache, sweepId, () => readScores(this.pool, sweepId));
  }

  texts(modelId: number): Promise<ModelTexts> {
    return once(this.textCache, modelId, () => readTexts(this.pool, modelId));
  }

  /** An uploaded lexicon (LexiconEntry rows), read once per refresh. */
  lexicon(name: string): Promise<ValenceLexicon> {
    return once(this.lexiconCache, name, () => loadLexicon(this.pool, name));
  }

  /** An uploaded identity list (IdentityTerm rows) as groups, read once per refresh. */
  identityGroups(listName: string): Promise<IdentityGroup[]> {
    return once(this.identityCache, listName, () => loadIdentityGroups(this.pool, listName));
  }

  /** An imported frequency list (WordFrequency rows), read once per refresh. */
  frequencyTable(source: string): Promise<FrequencyTable> {
    return once(this.frequencyCache, source, () => loadFrequencyTable(this.pool, source));
  }

  /** Texts aligned with `ids` ("" where the vocabulary has no row). */
  async textsOf(modelId: number, ids: Int32Array): Promise<string[]> {
    const texts = await this.texts(modelId);
    return Array.from(ids, (id) => texts[id] ?? "");
  }
}

async function readScores(pool: pg.Pool, sweepId: number): Promise<SweepScores> {
  const result = await pool.query<[number, number]>({
    text: `SELECT "tokenId", score FROM "Score" WHERE "sweepId" = $1 ORDER BY "tokenId"`,
    values: [sweepId],
    rowMode: "array",
  });
  const rows = result.rows;
  const size = rows.length ? rows[rows.length - 1][0] + 1 : 0;
  const byId = new Float32Array(size).fill(NaN);
  const ids = new Int32Array(rows.length);
  const scores = new Float64Array(rows.length);
  let k = 0;
  for (const [id, score] of rows) {
    // float4 arrives as its shortest decimal; Math.fround gives back the stored float exactly.
    const value = Math.fround(score);
    if (Number.isNaN(value)) continue;
    byId[id] = value;
    ids[k] = id;
    scores[k] = value;
    k++;
  }
  return { byId, ids: ids.subarray(0, k), scores: scores.subarray(0, k) };
}

async function readTexts(pool: pg.Pool, modelId: number): Promise<ModelTexts> {
  const result = await pool.query<[number, string]>({
    text: `SELECT "tokenId", decoded FROM "VocabToken" WHERE "modelId" = $1 ORDER BY "tokenId"`,
    values: [modelId],
    rowMode: "array",
  });
  const rows = result.rows;
  const texts: ModelTexts = new Array<string | undefined>(rows.length ? rows[rows.length - 1][0] + 1 : 0);
  for (const [id, decoded] of rows) texts[id] = decoded;
  return texts;
}
