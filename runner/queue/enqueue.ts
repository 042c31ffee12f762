// Queue a sweep instead of running it here: validate the input exactly as an in-process sweep does,
// register the model, create each sweep's shards, and send one job per unfinished shard.
import type pg from "pg";
import type { Db } from "../../server/db/prisma";
import { prepareSweep, registerPreparedModel, type BackendFactory } from "../sweep/prepare";
import { completeIfWhole, findOrCreateSweep, resetSweepScores } from "../sweep/sweepRecord";
import { describeVocabPolicy, type VocabExclusion } from "../sweep/vocabPolicy";
import { softwareVersions } from "../sweep/versions";
import { openQueue, queueSettings, SHARD_QUEUE, type QueueSettings, type ShardJob } from "./queue";
import { randomUUID } from "node:crypto";
import path from "node:path";
import type PgBoss from "pg-boss";

/** Large enough that the queue's round trips stay under 2% of a shard's time even for the very
 * cheap demo models (bench/scale); a real 8B RM at ~2k tokens/s takes ~15 s per shard, so a dead
 * worker costs little, and a 262k vocabulary still spreads over 8 workers. */
export const DEFAULT_SHARD_SIZE = 32768;

export interface EnqueueOptions {
  db: Db;
  pool: pg.Pool;
  databaseUrl: string;
  bundleDir: string;
  prompts: { id: number; slug: string; text: string }[];
  openBackend: BackendFactory;
  exclude?: VocabExclusion[];
  limit?: number;
  shardSize?: number;
  batchSize?: number;
  /** Send parked shards again (after fixing what made them fail). */
  retryParked?: boolean;
  /** Lease and retry settings carried by the jobs (default: from the environment). */
  settings?: QueueSettings;
  log?: (line: string) => void;
}

export interface EnqueuedSweep {
  sweepId: number;
  prompt: string;
  shards: number;
  sent: number;
}

export async function enqueueSweeps(options: EnqueueOptions): Promise<EnqueuedSweep[]> {
  const log = options.log ?? (() => {});
  const exclude = options.exclude ?? [];
  const shardSize = options.shardSize ?? DEFAULT_SHARD_SIZE;
  const prepared = await prepareSweep({ ...options, exclude, mode: "id" });
  const result: EnqueuedSweep[] = [];
  try {
    const { modelId } = await registerPreparedModel(options.db, options.pool, prepared, log);
    const settings = options.settings ?? queueSettings();
    const boss = await openQueue(options.databaseUrl, settings);
    try {
      for (const [i, prompt] of options.prompts.entries()) {
        const spec = prepared.specs[i];
        const sweep = await findOrCreateSweep(
          options.db,
          {
            modelId, tokenizerFingerprint: prepared.tok.fingerprint, promptId: prompt.id, promptText: prompt.text, mode: "ID",
            chatTemplate: spec.template, renderedTemplate: spec.renderedText, prefixIds: spec.prefixIds, suffixIds: spec.suffixIds,
            vocabPolicy: describeVocabPolicy(exclude, options.limit),
          },
          {
            tokenCount: prepared.tokenIds.length, backend: prepared.backend.kind, device: prepared.backend.device,
            batchSize: options.batchSize ?? 1024, roundTripFailures: null, softwareVersions: softwareVersions(),
          },
        );
        if (sweep.status === "COMPLETED") {
          log(`${prepared.bundle.manifest.slug} × ${prompt.slug}: already complete (sweep ${sweep.id})`);
          result.push({ sweepId: sweep.id, prompt: prompt.slug, shards: 0, sent: 0 });
          continue;
        }
        if (await completeIfWhole(options.pool, sweep.id)) {
          log(`${prepared.bundle.manifest.slug} × ${prompt.slug}: every shard was done; sweep ${sweep.id} completed now`);
          result.push({ sweepId: sweep.id, prompt: prompt.slug, shards: 0, sent: 0 });
          continue;
        }
        if ((await options.db.sweepShard.count({ where: { sweepId: sweep.id } })) === 0 && sweep.scoredCount > 0) {
          // An interrupted local run of the same sweep: its shards score every id, so its staged rows go.
          log(`${prepared.bundle.manifest.slug} × ${prompt.slug}: dropping ${sweep.scoredCount} scores of an interrupted local run of sweep ${sweep.id}`);
          await resetSweepScores(options.pool, sweep.id);
        }
        await options.db.sweep.update({ where: { id: sweep.id }, data: { bundlePath: path.resolve(prepared.bundle.dir), shardSize, status: sweep.status === "FAILED" ? "PENDING" : sweep.status } });
        const count = Math.ceil(prepared.tokenIds.length / shardSize);
        await options.db.sweepShard.createMany({
          data: Array.from({ length: count }, (_, index) => ({
            sweepId: sweep.id, index, startIndex: index * shardSize, endIndex: Math.min(prepared.tokenIds.length, (index + 1) * shardSize),
          })),
          skipDuplicates: true,
        });
        if (options.retryParked) {
          await options.db.sweepShard.updateMany({ where: { sweepId: sweep.id, status: "PARKED" }, data: { status: "QUEUED", attempts: 0, error: null } });
        }
        const pending = await options.db.sweepShard.findMany({ where: { sweepId: sweep.id, status: { in: ["QUEUED", "RUNNING"] } }, select: { index: true, jobId: true } });
        const unsent = await shardsWithoutLiveJob(boss, pending);
        const jobs = unsent.map((s) => ({ id: randomUUID(), data: { sweepId: sweep.id, index: s.index } satisfies ShardJob }));
        // The shard names its job before the job exists: a failure between the two leaves a shard
        // whose job is not live, which the next --queue sends again (never a shard with two jobs).
        for (const job of jobs) await options.db.sweepShard.update({ where: { sweepId_index: job.data }, data: { jobId: job.id } });
        await boss.insert(
          jobs.map(({ id, data }) => ({
            id, name: SHARD_QUEUE, data, retryLimit: settings.maxAttempts, retryDelay: 1, retryBackoff: true, expireInSeconds: settings.leaseSeconds,
          })),
        );
        const live = pending.length - jobs.length;
        log(`${prepared.bundle.manifest.slug} × ${prompt.slug}: sweep ${sweep.id} queued as ${count} shards of ${shardSize} (${jobs.length} sent${live ? `, ${live} already in the queue` : ""})`);
        result.push({ sweepId: sweep.id, prompt: prompt.slug, shards: count, sent: jobs.length });
      }
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  } finally {
    await prepared.backend.close();
  }
  return result;
}

/** pg-boss states in which a job will still be delivered (or is being handled). */
const LIVE_JOB_STATES = new Set(["created", "retry", "active"]);

/** The shards no live job carries: never sent, or their job finished, failed for good or was purged. */
async function shardsWithoutLiveJob<S extends { jobId: string | null }>(boss: PgBoss, shards: S[]): Promise<S[]> {
  const live = await Promise.all(
    shards.map(async (shard) => shard.jobId !== null && LIVE_JOB_STATES.has((await boss.getJobById(SHARD_QUEUE, shard.jobId))?.state ?? "")),
  );
  return shards.filter((_, i) => !live[i]);
}
