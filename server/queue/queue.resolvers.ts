// Progress of sharded sweeps and of the workers, read from SweepShard and RunnerWorker.
import type { Db } from "../db/prisma";
import type { GraphQLContext } from "../graphql/context";

const STALE_AFTER_MS = 30_000;

export async function sweepProgress(db: Db, limit: number) {
  const sweeps = await db.sweep.findMany({
    where: { shardSize: { not: null } },
    orderBy: [{ status: "asc" }, { id: "desc" }],
    take: Math.min(Math.max(limit, 1), 100),
  });
  const ids = sweeps.map((s) => s.id);
  const [counts, parked] = await Promise.all([
    db.sweepShard.groupBy({ by: ["sweepId", "status"], where: { sweepId: { in: ids } }, _count: true }),
    db.sweepShard.findMany({ where: { sweepId: { in: ids }, status: "PARKED" }, orderBy: { index: "asc" } }),
  ]);
  return sweeps.map((sweep) => {
    const of = (status: string) => counts.find((c) => c.sweepId === sweep.id && c.status === status)?._count ?? 0;
    const shards = { queued: of("QUEUED"), running: of("RUNNING"), done: of("DONE"), parked: of("PARKED") };
    // All workers together, since the sweep's first shard started.
    const end = sweep.finishedAt ?? new Date();
    const elapsed = sweep.startedAt ? (end.getTime() - sweep.startedAt.getTime()) / 1000 : 0;
    const rate = elapsed > 0 && sweep.scoredCount > 0 ? sweep.scoredCount / elapsed : null;
    const left = sweep.tokenCount - sweep.scoredCount;
    return {
      sweep,
      shards: { total: shards.queued + shards.running + shards.done + shards.parked, ...shards },
      tokensPerSecond: rate,
      etaSeconds: rate && left > 0 ? left / rate : rate ? 0 : null,
      parked: parked.filter((p) => p.sweepId === sweep.id),
    };
  });
}

export const queueResolvers = {
  Query: {
    sweepProgress: (_parent: unknown, args: { limit?: number | null }, ctx: GraphQLContext) => sweepProgress(ctx.db, args.limit ?? 20),
    workers: async (_parent: unknown, _args: unknown, ctx: GraphQLContext) => {
      const rows = await ctx.db.runnerWorker.findMany({ orderBy: { lastSeenAt: "desc" }, take: 100 });
      const now = Date.now();
      return rows.map((w) => ({ ...w, stale: now - w.lastSeenAt.getTime() > STALE_AFTER_MS }));
    },
  },
};
