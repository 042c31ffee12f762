import { REPRESENTATIVE_SWEEP_ORDER_ID_FIRST } from "../catalog/representativeSweep";
import type { Db } from "../db/prisma";
import { KINDS } from "../insights/keys";
import { REFRESH_LOCK } from "../insights/store";

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

export interface AnalysesStatus {
  results: number;
  lastComputedAt: Date | null;
  refreshing: boolean;
  sweepsNotAnalysed: number;
}

/**
 * Whether the figures are current. A sweep the analyses use (the representative completed sweep of
 * its model and prompt, as the refresh chooses it) is analysed when its distribution row names it
 * and was computed after it finished: a refresh writes every row of a sweep in one transaction.
 */
export async function readAnalysesStatus(db: Db): Promise<AnalysesStatus> {
  const [stored, lock, pending] = await Promise.all([
    db.$queryRaw<{ results: number; lastComputedAt: Date | null }[]>`
      SELECT count(*)::int AS results, max("computedAt") AS "lastComputedAt" FROM "AnalysisResult"`,
    // pg_advisory_lock(bigint) of a key below 2^32: classid 0, objid the key, objsubid 1.
    db.$queryRaw<{ held: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
                       AND classid = 0 AND objid = ${REFRESH_LOCK}::int8::oid AND objsubid = 1) AS held`,
    db.$queryRawUnsafe<{ pending: number }[]>(
      `WITH used AS (
         SELECT DISTINCT ON (s."modelId", s."promptId") s.id, s."finishedAt"
           FROM "Sweep" s WHERE s.status = 'COMPLETED'
          ORDER BY s."modelId", s."promptId", ${REPRESENTATIVE_SWEEP_ORDER_ID_FIRST})
       SELECT count(*)::int AS pending FROM used u
        WHERE NOT EXISTS (SELECT 1 FROM "AnalysisResult" a
                           WHERE a.kind = $1 AND a.params->>'sweepId' = u.id::text
                             AND a."computedAt" >= coalesce(u."finishedAt", '-infinity'))`,
      KINDS.distribution,
    ),
  ]);
  return {
    results: stored[0]?.results ?? 0,
    lastComputedAt: stored[0]?.lastComputedAt ?? null,
    refreshing: lock[0]?.held ?? false,
    sweepsNotAnalysed: pending[0]?.pending ?? 0,
  };
}
