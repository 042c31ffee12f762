// Token look-ups. token(text) is the most used query: it is ONE statement — VocabToken by its
// decoded (or normalized) index, each match's completed sweeps, their Score rows by primary key
// (sweepId, tokenId), and the model and prompt rows — so a page that shows a word across every
// model and prompt costs one round trip.
import { z } from "zod";
import { Prisma, type Db } from "../db/prisma";
import type { Prompt, RewardModel, SweepMode } from "../db/generated/prisma/client";
import { BadInputError } from "../errors";
import { REPRESENTATIVE_SWEEP_ORDER } from "../catalog/representativeSweep";
import { MAX_PAGE_SIZE } from "../graphql/limits";
import { NEXT_RANK_SQL, percentileOfRank } from "../rankings/percentile";
import { modelsFromJson, promptsFromJson } from "./catalogRows";
import { likePrefix, searchKey, storableTokenText } from "./tokenText";
import { vocabTokenView, type TokenAcrossModelsView, type TokenScoreView, type VocabTokenRow, type VocabTokenView } from "./tokens.types";
import { MAX_SLUG_LENGTH } from "../catalog/slug";

/** (model, token, sweep) rows token(text) returns at most. */
export const TOKEN_ACROSS_MODELS_ROW_LIMIT = 2000;

const VOCAB_COLUMNS = Prisma.sql`v."modelId", v."tokenId", v.piece, v.decoded, v.normalized,
  v."isSpecial", v."isByte", v."isWhitespace", v."startsWithSpace", v."isAlphabetic"`;

/** One (model, token, completed sweep) hit as json_build_array emits it; sweep fields null when
 * the token has no completed sweep. */
type HitTuple = [
  modelId: number, tokenId: number, piece: string, decoded: string, normalized: string,
  isSpecial: boolean, isByte: boolean, isWhitespace: boolean, startsWithSpace: boolean, isAlphabetic: boolean,
  sweepId: number | null, promptId: number | null, mode: SweepMode | null, tokenCount: number | null, score: number | null, rank: number | null,
  nextRank: number | null,
];

export interface TokenAcrossModelsResult {
  view: TokenAcrossModelsView;
  /** Catalogue rows read by the same statement (for DataLoader priming). */
  models: RewardModel[];
  prompts: Prompt[];
}

function scoreView({ nextRank, ...row }: { sweepId: number; modelId: number; promptId: number; mode: SweepMode; score: number; rank: number; nextRank: number | null; tokenCount: number }): TokenScoreView {
  return { ...row, percentile: percentileOfRank(row.rank, row.tokenCount, nextRank) };
}

/**
 * The statement returns ONE row of three JSON arrays — the hits (compact tuples), and the model and
 * prompt rows they refer to — so the driver and Prisma handle three values, not 30 rows x 40
 * columns of mostly repeated catalogue data.
 */
export async function tokenAcrossModels(db: Db, text: string, exact: boolean): Promise<TokenAcrossModelsResult> {
  const stored = storableTokenText(text);
  // A whitespace-only text has an empty normalized key, which every whitespace token shares
  // (~1,000 per vocabulary): a loose search for it would list them all. It is matched exactly.
  const key = exact || stored === null ? null : searchKey(stored);
  const matchExactly = exact || key === "";
  const empty = { view: { text, exact: matchExactly, matches: [], truncated: false }, models: [], prompts: [] };
  if (stored === null) return empty;
  const condition = matchExactly ? Prisma.sql`v.decoded = ${stored}` : Prisma.sql`v.normalized = ${key}`;
  const [result] = await db.$queryRaw<{ hits: HitTuple[] | null; models: unknown; prompts: unknown }[]>`/* prepared:token_across_models */
    WITH hits AS (
      SELECT ${VOCAB_COLUMNS}, x."sweepId", x."promptId", x.mode, x."tokenCount", x.score, x.rank, x."nextRank"
        FROM "VocabToken" v
        JOIN "RewardModel" m ON m.id = v."modelId"
        LEFT JOIN LATERAL (
          SELECT s.id AS "sweepId", s."promptId", s.mode, s."tokenCount", sc.score, sc.rank, ${Prisma.raw(NEXT_RANK_SQL)} AS "nextRank"
            FROM (SELECT DISTINCT ON (s."promptId", s.mode) s.* FROM "Sweep" s
                   WHERE s."modelId" = v."modelId" AND s.status = 'COMPLETED'
                   ORDER BY s."promptId", s.mode, ${Prisma.raw(REPRESENTATIVE_SWEEP_ORDER)}) s
            JOIN "Score" sc ON sc."sweepId" = s.id AND sc."tokenId" = v."tokenId"
           WHERE sc.rank IS NOT NULL
        ) x ON true
       WHERE ${condition}
       ORDER BY m."isDemo", m.slug, v."tokenId", x."promptId", x."sweepId"
       LIMIT ${TOKEN_ACROSS_MODELS_ROW_LIMIT + 1}
    )
    SELECT
      (SELECT json_agg(json_build_array(h."modelId", h."tokenId", h.piece, h.decoded, h.normalized, h."isSpecial", h."isByte",
                 h."isWhitespace", h."startsWithSpace", h."isAlphabetic", h."sweepId", h."promptId", h.mode, h."tokenCount", h.score, h.rank, h."nextRank"))
         FROM hits h) AS hits,
      (SELECT json_agg(m) FROM "RewardModel" m WHERE m.id IN (SELECT "modelId" FROM hits)) AS models,
      (SELECT json_agg(p) FROM "Prompt" p WHERE p.id IN (SELECT "promptId" FROM hits)) AS prompts`;

  const hits = result?.hits ?? [];
  const truncated = hits.length > TOKEN_ACROSS_MODELS_ROW_LIMIT;
  const models = modelsFromJson(result?.models);
  const prompts = promptsFromJson(result?.prompts);
  const modelById = new Map(models.map((m) => [m.id, m]));
  const promptById = new Map(prompts.map((p) => [p.id, p]));
  const matches = new Map<string, VocabTokenView & { scores: TokenScoreView[] }>();
  for (const hit of hits.slice(0, TOKEN_ACROSS_MODELS_ROW_LIMIT)) {
    const [modelId, tokenId, piece, decoded, normalized, isSpecial, isByte, isWhitespace, startsWithSpace, isAlphabetic, sweepId, promptId, mode, tokenCount, score, rank, nextRank] = hit;
    const key = `${modelId}:${tokenId}`;
    let match = matches.get(key);
    if (!match) {
      const row = { modelId, tokenId, piece, decoded, normalized, isSpecial, isByte, isWhitespace, startsWithSpace, isAlphabetic };
      match = { ...vocabTokenView(row), model: modelById.get(modelId), scores: [] };
      matches.set(key, match);
    }
    if (sweepId !== null && promptId !== null && mode !== null && tokenCount !== null && score !== null && rank !== null) {
      match.scores.push({ ...scoreView({ sweepId, modelId, promptId, mode, score, rank, nextRank, tokenCount }), prompt: promptById.get(promptId) });
    }
  }
  return { view: { text, exact: matchExactly, matches: [...matches.values()], truncated }, models, prompts };
}

export const tokenSearchSchema = z.object({
  query: z.string().min(1, "query must not be empty").max(256),
  match: z.enum(["EXACT", "PREFIX"]),
  caseInsensitive: z.boolean(),
  ignoreLeadingSpace: z.boolean(),
  modelSlugs: z.array(z.string().max(MAX_SLUG_LENGTH)).max(100).nullish(),
  first: z.number().int().min(1).max(MAX_PAGE_SIZE),
});
export type TokenSearchInput = z.input<typeof tokenSearchSchema>;

/**
 * Search by decoded text. Case-insensitive searches use the `normalized` index (which is trimmed,
 * so the leading space is then told apart by the startsWithSpace flag); case-sensitive searches use
 * the `decoded` index, once for "text" and once for " text" when the leading space is ignored.
 * Ordered by the matched column, so the index order serves the LIMIT (exact text sorts before its
 * extensions). Prefix matching uses LIKE with escaped metacharacters: index-assisted under the C
 * collation (the embedded database); other collations fall back to a scan.
 */
export async function searchTokens(db: Db, input: TokenSearchInput): Promise<VocabTokenView[]> {
  const parsed = tokenSearchSchema.safeParse(input);
  if (!parsed.success) throw new BadInputError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const { query, match, caseInsensitive, ignoreLeadingSpace, modelSlugs, first } = parsed.data;
  const stored = storableTokenText(query, "query");
  if (stored === null) return [];
  const modelFilter = modelSlugs?.length
    ? Prisma.sql`AND v."modelId" IN (SELECT id FROM "RewardModel" WHERE slug = ANY(${modelSlugs}::text[]))`
    : Prisma.empty;
  const compare = (column: Prisma.Sql, text: string) =>
    match === "EXACT" ? Prisma.sql`${column} = ${text}` : Prisma.sql`${column} LIKE ${likePrefix(text)}`;

  if (caseInsensitive) {
    const key = searchKey(stored);
    if (key === "" && match === "PREFIX") throw new BadInputError("query: a case-insensitive prefix search needs a non-blank query");
    const space = ignoreLeadingSpace ? Prisma.empty : Prisma.sql`AND v."startsWithSpace" = ${stored.startsWith(" ")}`;
    const rows = await db.$queryRaw<VocabTokenRow[]>`
      SELECT ${VOCAB_COLUMNS} FROM "VocabToken" v
       WHERE ${compare(Prisma.sql`v.normalized`, key)} ${space} ${modelFilter}
       ORDER BY v.normalized, v."modelId", v."tokenId"
       LIMIT ${first}`;
    return rows.map(vocabTokenView);
  }
  if (!ignoreLeadingSpace) {
    const rows = await db.$queryRaw<VocabTokenRow[]>`
      SELECT ${VOCAB_COLUMNS} FROM "VocabToken" v
       WHERE ${compare(Prisma.sql`v.decoded`, stored)} ${modelFilter}
       ORDER BY v.decoded, v."modelId", v."tokenId"
       LIMIT ${first}`;
    return rows.map(vocabTokenView);
  }
  // "text" and " text": two index-ordered branches, merged on the text without its leading space.
  const bare = stored.replace(/^ +/, "");
  if (bare === "") throw new BadInputError("query: nothing left to search for once leading spaces are ignored");
  const rows = await db.$queryRaw<VocabTokenRow[]>`
    SELECT * FROM (
      (SELECT ${VOCAB_COLUMNS}, v.decoded AS "sortKey", 0 AS "spaced" FROM "VocabToken" v
        WHERE ${compare(Prisma.sql`v.decoded`, bare)} ${modelFilter}
        ORDER BY v.decoded, v."modelId", v."tokenId" LIMIT ${first})
      UNION ALL
      (SELECT ${VOCAB_COLUMNS}, substr(v.decoded, 2) AS "sortKey", 1 AS "spaced" FROM "VocabToken" v
        WHERE ${compare(Prisma.sql`v.decoded`, ` ${bare}`)} ${modelFilter}
        ORDER BY v.decoded, v."modelId", v."tokenId" LIMIT ${first})
    ) both_forms
    ORDER BY "sortKey", spaced, "modelId", "tokenId"
    LIMIT ${first}`;
  return rows.map(vocabTokenView);
}

export async function tokenById(db: Db, modelSlug: string, tokenId: number): Promise<VocabTokenView | null> {
  const rows = await db.$queryRaw<VocabTokenRow[]>`
    SELECT ${VOCAB_COLUMNS} FROM "VocabToken" v JOIN "RewardModel" m ON m.id = v."modelId"
     WHERE m.slug = ${modelSlug} AND v."tokenId" = ${tokenId}`;
  return rows[0] ? vocabTokenView(rows[0]) : null;
}

/** Scores of many (model, token) pairs, one per prompt and mode (the representative sweep, catalog/representativeSweep.ts): one statement (DataLoader batch). */
export async function scoresOfTokens(
  db: Db,
  keys: readonly { modelId: number; tokenId: number }[],
): Promise<(TokenScoreView & { tokenId: number })[]> {
  if (keys.length === 0) return [];
  const rows = await db.$queryRaw<{ sweepId: number; modelId: number; tokenId: number; promptId: number; mode: SweepMode; score: number; rank: number; nextRank: number | null; tokenCount: number }[]>`
    SELECT s.id AS "sweepId", s."modelId", sc."tokenId", s."promptId", s.mode::text AS mode, sc.score, sc.rank, ${Prisma.raw(NEXT_RANK_SQL)} AS "nextRank", s."tokenCount"
      FROM unnest(${keys.map((k) => k.modelId)}::int[], ${keys.map((k) => k.tokenId)}::int[]) AS k("modelId", "tokenId")
      JOIN LATERAL (SELECT DISTINCT ON (s."promptId", s.mode) s.* FROM "Sweep" s
                     WHERE s."modelId" = k."modelId" AND s.status = 'COMPLETED'
                     ORDER BY s."promptId", s.mode, ${Prisma.raw(REPRESENTATIVE_SWEEP_ORDER)}) s ON true
      JOIN "Score" sc ON sc."sweepId" = s.id AND sc."tokenId" = k."tokenId"
     WHERE sc.rank IS NOT NULL
     ORDER BY s."promptId", s.id`;
  return rows.map(({ tokenId, ...row }) => ({ ...scoreView(row), tokenId }));
}
