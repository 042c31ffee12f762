// The shard queue: pg-boss (a maintained Postgres-backed job queue) in the same database, schema
// "pgboss". pg-boss gives leases (a job's worker must finish within expireInSeconds or the job is
// retried elsewhere) and retries; what a shard wrote is decided by SweepShard, never by the queue.
import PgBoss from "pg-boss";

export const SHARD_QUEUE = "sweep-shard";

export interface ShardJob {
  sweepId: number;
  index: number;
}

export interface QueueSettings {
  /** A shard not finished within this many seconds is presumed dead and handed to another worker. */
  leaseSeconds: number;
  /** pg-boss retries; SweepShard.attempts parks a shard after maxAttempts whatever the queue says. */
  maxAttempts: number;
  /** How often expired leases are noticed. */
  maintenanceSeconds: number;
  pollSeconds: number;
}

export function queueSettings(env: Record<string, string | undefined> = process.env): QueueSettings {
  return {
    leaseSeconds: Number(env.RA_SHARD_LEASE_SECONDS ?? 600),
    maxAttempts: Number(env.RA_SHARD_MAX_ATTEMPTS ?? 3),
    maintenanceSeconds: Number(env.RA_QUEUE_MAINTENANCE_SECONDS ?? 30),
    pollSeconds: Number(env.RA_QUEUE_POLL_SECONDS ?? 1),
  };
}

export async function openQueue(url: string, settings: QueueSettings, applicationName = "reward-atlas-queue"): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: url,
    application_name: applicationName,
    max: 4,
    maintenanceIntervalSeconds: settings.maintenanceSeconds,
    monitorStateIntervalSeconds: Math.max(settings.maintenanceSeconds, 10),
  });
  // A lost connection surfaces here; pg-boss reconnects on its next poll.
  boss.on("error", (error) => console.error(`queue: ${error.message}`));
  await boss.start();
  const options = { name: SHARD_QUEUE, retryLimit: settings.maxAttempts, retryDelay: 1, retryBackoff: true, expireInSeconds: settings.leaseSeconds };
  if (await boss.getQueue(SHARD_QUEUE)) await boss.updateQueue(SHARD_QUEUE, options);
  else await boss.createQueue(SHARD_QUEUE, options);
  return boss;
}
