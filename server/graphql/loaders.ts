// Per-request DataLoaders: a list resolves its related rows in one query per kind, never one per
// item. Built per request so batching and caching never leak between users.
import DataLoader from "dataloader";
import type { Db } from "../db/prisma";
import type { CandidateScore, Prompt, RewardModel, Sweep } from "../db/generated/prisma/client";
import { scoresOfTokens } from "../tokens/tokens.service";
import type { TokenScoreView } from "../tokens/tokens.types";

function byId<T extends { id: number }>(rows: T[], ids: readonly number[]): (T | Error)[] {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id) ?? new Error(`no row with id ${id}`));
}

function groupBy<T, K>(rows: T[], keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

export interface TokenKey {
  modelId: number;
  tokenId: number;
}

export function createLoaders(db: Db) {
  return {
    model: new DataLoader<number, RewardModel>(async (ids) =>
      byId(await db.rewardModel.findMany({ where: { id: { in: [...ids] } } }), ids),
    ),
    prompt: new DataLoader<number, Prompt>(async (ids) =>
      byId(await db.prompt.findMany({ where: { id: { in: [...ids] } } }), ids),
    ),
    sweep: new DataLoader<number, Sweep>(async (ids) => byId(await db.sweep.findMany({ where: { id: { in: [...ids] } } }), ids)),
    sweepsByModel: new DataLoader<number, Sweep[]>(async (modelIds) => {
      const rows = await db.sweep.findMany({ where: { modelId: { in: [...modelIds] } }, orderBy: { id: "asc" } });
      const groups = groupBy(rows, (row) => row.modelId);
      return modelIds.map((id) => groups.get(id) ?? []);
    }),
    /** Scores of a (model, token id) in every completed sweep of the model. */
    tokenScores: new DataLoader<TokenKey, TokenScoreView[], string>(
      async (keys) => {
        const groups = groupBy(await scoresOfTokens(db, keys), (row) => `${row.modelId}:${row.tokenId}`);
        return keys.map((key) => (groups.get(`${key.modelId}:${key.tokenId}`) ?? []).map(({ tokenId: _tokenId, ...view }) => view));
      },
      { cacheKeyFn: (key) => `${key.modelId}:${key.tokenId}` },
    ),
    candidateItemCount: new DataLoader<number, number>(async (setIds) => {
      const counts = await db.candidateItem.groupBy({ by: ["setId"], where: { setId: { in: [...setIds] } }, _count: { _all: true } });
      const map = new Map(counts.map((row) => [row.setId, row._count._all]));
      return setIds.map((id) => map.get(id) ?? 0);
    }),
    candidateScores: new DataLoader<number, CandidateScore[]>(async (itemIds) => {
      const rows = await db.candidateScore.findMany({
        where: { itemId: { in: [...itemIds] } },
        orderBy: [{ modelId: "asc" }, { promptId: "asc" }],
      });
      const groups = groupBy(rows, (row) => row.itemId);
      return itemIds.map((id) => groups.get(id) ?? []);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
