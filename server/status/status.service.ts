import type { Db } from "../db/prisma";

export interface DatabaseStatus {
  databaseVersion: string;
  schemaVersion: string | null;
  models: number;
  demoModels: number;
  prompts: number;
  sweeps: number;
  completedSweeps: number;
  scores: number;
}

export async function readStatus(db: Db): Promise<DatabaseStatus> {
  const [version, migration, models, demoModels, prompts, sweeps, completedSweeps, scores] = await Promise.all([
    db.$queryRaw<{ server_version: string }[]>`SHOW server_version`,
    db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name DESC LIMIT 1`,
    db.rewardModel.count(),
    db.rewardModel.count({ where: { isDemo: true } }),
    db.prompt.count(),
    db.sweep.count(),
    db.sweep.count({ where: { status: "COMPLETED" } }),
    // Counting 10^7 score rows exactly on every page view is wasteful; completed sweeps know theirs.
    db.sweep.aggregate({ _sum: { scoredCount: true } }),
  ]);
  return {
    databaseVersion: version[0]?.server_version ?? "unknown",
    schemaVersion: migration[0]?.migration_name ?? null,
    models,
    demoModels,
    prompts,
    sweeps,
    completedSweeps,
    scores: scores._sum.scoredCount ?? 0,
  };
}
