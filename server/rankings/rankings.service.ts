// Ranked token lists of one sweep, paged by KEYSET on (score, token id) over the
// (sweepId, score, tokenId) index — never OFFSET, so page 3,000 costs what page 1 costs.
// TOP walks the index backwards (score DESC, token id DESC), BOTTOM forwards; ties on score are
// broken by token id in the same direction so a page boundary is a single point.
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { Prisma, type Db } from "../db/prisma";
import type { Sweep, SweepMode } from "../db/generated/prisma/client";
import { BadInputError, NotFoundError } from "../errors";
import { REPRESENTATIVE_SWEEP_ORDER_ID_FIRST } from "../catalog/representativeSweep";
import { MAX_PAGE_SIZE } from "../graphql/limits";
import { tokenFlags } from "../tokens/tokens.types";
import { decodeRankingCursor, encodeRankingCursor, type RankingBoundary } from "./cursor";
import { NEXT_RANK_SQL, percentileOfRank } from "./percentile";
import type { RankOrder, RankedTokenView, RankingPage, RankingTokens } from "./rankings.types";
import type { VocabNormalization } from "../insights/stored";
import { sharedVocabularyMembership } from "../insights/insights.service";

type Direction = "DESC" | "ASC";

const ORDER_BY: Record<Direction, Prisma.Sql> = {
  DESC: Prisma.sql`ORDER BY sc.score DESC, sc."tokenId" DESC`,
  ASC: Prisma.sql`ORDER BY sc.score ASC, sc."tokenId" ASC`,
};
/** Rows strictly (or inclusively) after a boundary when walking in a direction. */
const AFTER: Record<Direction, { strict: Prisma.Sql; inclusive: Prisma.Sql }> = {
  DESC: { strict: Prisma.sql`<`, inclusive: Prisma.sql`<=` },
  ASC: { strict: Prisma.sql`>`, inclusive: Prisma.sql`>=` },
};

/** The WORDS filter, on the VocabToken row joined as `v`: letters only after trimming (the stored
 * flag), not special, and no whitespace at the edges but one optional leading space ("\tdie" and
 * "die\n" are not words; " die" is). */
const WORDS_FILTER = Prisma.sql`AND v."isAlphabetic" AND NOT v."isSpecial" AND v.decoded ~ '^ ?[^[:space:]]' AND v.decoded !~ '[[:space:]]$'`;

/** The SQL condition (Score row `sc`, VocabToken row `v`) that keeps `tokens`, and a key naming
 * what it keeps. SHARED tests each row's id in a bitmap of the model's ids in the stored shared
 * vocabulary (under `normalization`) of the sweep's prompt (get_bit is O(1); ids past the bitmap
 * are not shared). */
export async function tokenFilter(
  db: Db,
  sweep: Pick<Sweep, "modelId" | "promptId">,
  tokens: RankingTokens,
  normalization: VocabNormalization = "PAPER",
): Promise<{ sql: Prisma.Sql; key: string }> {
  if (tokens === "ALL") return { sql: Prisma.empty, key: "all" };
  if (tokens === "WORDS") return { sql: WORDS_FILTER, key: "words" };
  const shared = await sharedVocabularyMembership(db, sweep.promptId, sweep.modelId, normalization);
  if (!shared) {
    throw new BadInputError(
      `tokens: SHARED: this model is not in the prompt's shared vocabulary (${normalization}): not computed yet, or the model is not compared (see heterogeneity.notCompared)`,
    );
  }
  // CASE, not AND: SQL does not promise to test the bound before get_bit, which fails past the end.
  return {
    sql: Prisma.sql`AND CASE WHEN sc."tokenId" < ${shared.bits} THEN get_bit(${shared.bitmap}::bytea, sc."tokenId") = 1 ELSE false END`,
    key: `shared:${shared.version}`,
  };
}

interface CountQuery {
  db: Db;
  sweep: Pick<Sweep, "id" | "modelId">;
  tokens: RankingTokens;
  filter: Prisma.Sql;
}

/** Filtered counts (a scan of the sweep, ~150 ms at 262k ids): a completed sweep's scores never
 * change, its vocabulary rarely (a corrected tokenizer), so counts are kept a few minutes. Through
 * lru-cache's fetch: concurrent requests for one count (a page's top and bottom lists, aliases in
 * one query) share one scan, and a failed count (a statement timeout) is not kept. */
const filteredCounts = new LRUCache<string, number, CountQuery>({
  max: 2000,
  ttl: 5 * 60_000,
  fetchMethod: async (_key, _stale, { context: { db, sweep, tokens, filter } }) => {
    const [row] = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "Score" sc
        ${tokens === "WORDS" ? Prisma.sql`JOIN "VocabToken" v ON v."modelId" = ${sweep.modelId} AND v."tokenId" = sc."tokenId"` : Prisma.empty}
       WHERE sc."sweepId" = ${sweep.id} ${filter}`;
    return row.n;
  },
});

const forward = (order: RankOrder): Direction => (order === "TOP" ? "DESC" : "ASC");
const backward = (order: RankOrder): Direction => (order === "TOP" ? "ASC" : "DESC");

export interface RankedRow {
  tokenId: number;
  score: number;
  /** score::float8: the exact key for cursors. */
  scoreKey: number;
  rank: number;
  /** Rank of the next lower score (null: none), for the tie group's size. */
  nextRank: number | null;
  piece: string | null;
  decoded: string | null;
  isSpecial: boolean | null;
  isByte: boolean | null;
  isWhitespace: boolean | null;
  startsWithSpace: boolean | null;
  isAlphabetic: boolean | null;
}

export interface SweepSelector {
  modelSlug: string;
  promptSlug: string;
  mode?: SweepMode | null;
}

const clip = (text: string) => JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text);

/** The representative completed sweep of a model x prompt (of `mode` when given): what rankings show. */
export async function findRankedSweep(db: Db, selector: SweepSelector): Promise<Sweep> {
  const [chosen] = await db.$queryRaw<{ id: number }[]>`
    SELECT s.id FROM "Sweep" s
      JOIN "RewardModel" m ON m.id = s."modelId"
      JOIN "Prompt" p ON p.id = s."promptId"
     WHERE s.status = 'COMPLETED' AND m.slug = ${selector.modelSlug} AND p.slug = ${selector.promptSlug}
       ${selector.mode ? Prisma.sql`AND s.mode = ${selector.mode}::"SweepMode"` : Prisma.empty}
     ORDER BY ${Prisma.raw(REPRESENTATIVE_SWEEP_ORDER_ID_FIRST)}
     LIMIT 1`;
  const sweep = chosen ? await db.sweep.findUnique({ where: { id: chosen.id } }) : null;
  if (!sweep) {
    throw new NotFoundError(
      `No completed sweep of model ${clip(selector.modelSlug)} on prompt ${clip(selector.promptSlug)}${selector.mode ? ` in mode ${selector.mode}` : ""}`,
    );
  }
  return sweep;
}

/** Up to `limit` rows after `boundary` (all rows from the start when null) walking `direction`. */
export async function fetchRankedRows(
  db: Db,
  sweep: Pick<Sweep, "id" | "modelId">,
  direction: Direction,
  boundary: RankingBoundary | null,
  limit: number,
  inclusive = false,
  filter: Prisma.Sql = Prisma.empty,
): Promise<RankedRow[]> {
  const after = boundary
    ? Prisma.sql`AND (sc.score, sc."tokenId") ${inclusive ? AFTER[direction].inclusive : AFTER[direction].strict}
                     (${String(boundary.score)}::float8::real, ${boundary.tokenId}::int)`
    : Prisma.empty;
  return db.$queryRaw<RankedRow[]>`/* prepared:ranking_page */
    SELECT sc."tokenId", sc.score, sc.score::float8 AS "scoreKey", sc.rank, ${Prisma.raw(NEXT_RANK_SQL)} AS "nextRank",
           v.piece, v.decoded, v."isSpecial", v."isByte", v."isWhitespace", v."startsWithSpace", v."isAlphabetic"
      FROM "Score" sc
      LEFT JOIN "VocabToken" v ON v."modelId" = ${sweep.modelId} AND v."tokenId" = sc."tokenId"
     WHERE sc."sweepId" = ${sweep.id} ${after} ${filter}
     ${ORDER_BY[direction]}
     LIMIT ${limit}`;
}

export function rankedTokenView(row: RankedRow, tokenCount: number): RankedTokenView {
  const hasVocab = row.decoded !== null;
  return {
    tokenId: row.tokenId,
    decoded: row.decoded,
    piece: row.piece,
    score: row.score,
    rank: row.rank,
    percentile: percentileOfRank(row.rank, tokenCount, row.nextRank),
    flags: hasVocab
      ? tokenFlags({
          isSpecial: row.isSpecial ?? false,
          isByte: row.isByte ?? false,
          isWhitespace: row.isWhitespace ?? false,
          startsWithSpace: row.startsWithSpace ?? false,
          isAlphabetic: row.isAlphabetic ?? false,
        })
      : null,
  };
}

/**
 * The row a rank points at: the last row, in TOP order, whose rank is <= r (for an untied rank,
 * the row with that rank; inside a tie group, the group's last row). Found from whichever end of
 * the index is nearer, so at most half the sweep is walked (rank has no index of its own).
 */
async function anchorOfRank(db: Db, sweep: Sweep, rank: number): Promise<RankingBoundary> {
  type Key = { scoreKey: number; tokenId: number };
  const rows =
    rank <= sweep.tokenCount / 2
      ? await db.$queryRaw<Key[]>`
          SELECT sc.score::float8 AS "scoreKey", sc."tokenId" FROM "Score" sc
           WHERE sc."sweepId" = ${sweep.id}
             AND (sc.score, sc."tokenId") > (SELECT n.score, n."tokenId" FROM "Score" n
                                               WHERE n."sweepId" = ${sweep.id} AND n.rank > ${rank}
                                               ORDER BY n.score DESC, n."tokenId" DESC LIMIT 1)
           ORDER BY sc.score ASC, sc."tokenId" ASC LIMIT 1`
      : await db.$queryRaw<Key[]>`
          SELECT sc.score::float8 AS "scoreKey", sc."tokenId" FROM "Score" sc
           WHERE sc."sweepId" = ${sweep.id} AND sc.rank <= ${rank}
           ORDER BY sc.score ASC, sc."tokenId" ASC LIMIT 1`;
  // No row ranked below r: r is in the bottom tie group, whose last row is the lowest row.
  const found = rows[0] ?? (await fetchRankedRows(db, sweep, "ASC", null, 1))[0];
  if (!found) throw new NotFoundError(`Sweep ${sweep.id} has no scores`);
  return { score: found.scoreKey, tokenId: found.tokenId };
}

/** A token's own (score, id): one primary-key probe, so a window around a token costs one page. */
async function anchorOfToken(db: Db, sweep: Sweep, tokenId: number): Promise<RankingBoundary> {
  const rows = await db.$queryRaw<{ scoreKey: number }[]>`
    SELECT score::float8 AS "scoreKey" FROM "Score" WHERE "sweepId" = ${sweep.id} AND "tokenId" = ${tokenId}`;
  if (!rows[0]) throw new NotFoundError(`Token id ${tokenId} has no score in sweep ${sweep.id}`);
  return { score: rows[0].scoreKey, tokenId };
}

export const rankingPageSchema = z
  .object({
    order: z.enum(["TOP", "BOTTOM"]),
    first: z.number().int().min(1, "first must be at least 1").max(MAX_PAGE_SIZE, `first must be at most ${MAX_PAGE_SIZE}`),
    after: z.string().nullish(),
    around: z.number().int().min(1, "around must be a rank (>= 1)").nullish(),
    aroundTokenId: z.number().int().min(0, "aroundTokenId must be a token id (>= 0)").nullish(),
    tokens: z.enum(["ALL", "WORDS", "SHARED"]).default("ALL"),
    sharedVocabulary: z.enum(["PAPER", "STRIP_SPACE", "STRIP_SPACE_CASEFOLD"]).default("PAPER"),
  })
  .refine((input) => [input.after ? 1 : 0, input.around != null ? 1 : 0, input.aroundTokenId != null ? 1 : 0].reduce((a, b) => a + b) <= 1, {
    message: "give at most one of after, around and aroundTokenId",
  });
export type RankingPageInput = z.input<typeof rankingPageSchema>;

export async function rankingPage(db: Db, sweep: Sweep, input: RankingPageInput): Promise<RankingPage> {
  const parsed = rankingPageSchema.safeParse(input);
  if (!parsed.success) throw new BadInputError(parsed.error.issues.map((i) => i.message).join("; "));
  const { order, first, after, around, aroundTokenId, tokens, sharedVocabulary } = parsed.data;
  const filter = (await tokenFilter(db, sweep, tokens, sharedVocabulary)).sql;
  const edge = (row: RankedRow) => ({
    cursor: encodeRankingCursor(sweep.id, order, { score: row.scoreKey, tokenId: row.tokenId }),
    node: rankedTokenView(row, sweep.tokenCount),
  });
  const page = (rows: RankedRow[], hasPreviousPage: boolean, hasNextPage: boolean): RankingPage => {
    const edges = rows.map(edge);
    return {
      sweep,
      order,
      tokens,
      sharedVocabulary,
      edges,
      pageInfo: { hasPreviousPage, hasNextPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    };
  };

  if (around != null || aroundTokenId != null) {
    if (around != null && around > sweep.tokenCount) throw new BadInputError(`around: rank ${around} is beyond the sweep's ${sweep.tokenCount} tokens`);
    const anchor = aroundTokenId != null ? await anchorOfToken(db, sweep, aroundTokenId) : await anchorOfRank(db, sweep, around ?? 1);
    const [before, from] = await Promise.all([
      fetchRankedRows(db, sweep, backward(order), anchor, first + 1, false, filter),
      fetchRankedRows(db, sweep, forward(order), anchor, first + 1, true, filter),
    ]);
    let nBefore = Math.min(Math.floor((first - 1) / 2), before.length);
    const nFrom = Math.min(first - nBefore, from.length);
    nBefore = Math.min(before.length, first - nFrom);
    return page([...before.slice(0, nBefore).reverse(), ...from.slice(0, nFrom)], before.length > nBefore, from.length > nFrom);
  }

  const boundary = after ? decodeRankingCursor(after, sweep.id, order) : null;
  const rows = await fetchRankedRows(db, sweep, forward(order), boundary, first + 1, false, filter);
  return page(rows.slice(0, first), boundary !== null, rows.length > first);
}

/** How many of the sweep's tokens a filter passes: no query for ALL (the sweep knows). */
export async function countRankedTokens(
  db: Db,
  sweep: Pick<Sweep, "id" | "modelId" | "promptId" | "tokenCount">,
  tokens: RankingTokens,
  normalization: VocabNormalization = "PAPER",
): Promise<number> {
  if (tokens === "ALL") return sweep.tokenCount;
  const filter = await tokenFilter(db, sweep, tokens, normalization);
  const key = `${sweep.id}:${filter.key}`;
  return (await filteredCounts.fetch(key, { context: { db, sweep, tokens, filter: filter.sql } })) as number;
}

/** Every row of a sweep in order, in keyset batches (exports stream these without buffering). */
export async function* rankedRowBatches(db: Db, sweep: Sweep, order: RankOrder, batchSize = 5000): AsyncGenerator<RankedRow[]> {
  let boundary: RankingBoundary | null = null;
  for (;;) {
    const rows = await fetchRankedRows(db, sweep, forward(order), boundary, batchSize);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1];
    boundary = { score: last.scoreKey, tokenId: last.tokenId };
  }
}
