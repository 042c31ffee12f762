// Per-request DataLoaders: a list of sweeps resolves its models and prompts in one query each.
import DataLoader from "dataloader";
import type { Db } from "../db/prisma";
import type { Prompt, RewardModel, Sweep } from "../db/generated/prisma/client";

function byId<T extends { id: number }>(rows: T[], ids: readonly number[]): (T | Error)[] {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id) ?? new Error(`no row with id ${id}`));
}

export function createLoaders(db: Db) {
  return {
    model: new DataLoader<number, RewardModel>(async (ids) =>
      byId(await db.rewardModel.findMany({ where: { id: { in: [...ids] } } }), ids),
    ),
    prompt: new DataLoader<number, Prompt>(async (ids) =>
      byId(await db.prompt.findMany({ where: { id: { in: [...ids] } } }), ids),
    ),
    sweepsByModel: new DataLoader<number, Sweep[]>(async (modelIds) => {
      const rows = await db.sweep.findMany({ where: { modelId: { in: [...modelIds] } }, orderBy: { id: "asc" } });
      return modelIds.map((id) => rows.filter((row) => row.modelId === id));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
