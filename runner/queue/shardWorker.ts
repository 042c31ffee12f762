// A runner worker: claims shard jobs, scores them, and commits each shard's scores together with
// its DONE status. Exactly-once effect under at-least-once delivery: a retried or duplicated job
// whose shard is already DONE does nothing. A shard that fails maxAttempts times is PARKED with
// its error; bad model output parks at once. The last shard of a sweep finalizes it (ranks).
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type PgBoss from "pg-boss";
import { copyScores } from "../ingest/copy";
import { failureKind, SweepError } from "../sweep/errors";
import { runScoringPipeline, splicedBatches, type ScoringBackend } from "../sweep/pipeline";
import { prepareSweep, type BackendFactory, type PreparedSweep } from "../sweep/prepare";
import { setUpRows, type PrefixCacheMode } from "../sweep/rowPath";
import { completeIfWhole, finalizeSweep } from "../sweep/sweepRecord";
import { refreshInsights } from "../../server/insights/refresh";
import { fillBatch, type InputSpec } from "../tokenize";
import { openQueue, SHARD_QUEUE, type QueueSettings, type ShardJob } from "./queue";
import { assertSameInputs } from "./sameInputs";

export interface WorkerOptions {
  databaseUrl: string;
  settings: QueueSettings;
  openBackend: BackendFactory;
  log?: (line: string) => void;
  /** Identifies this worker's connections (pg_stat_activity.application_name). */
  applicationName?: string;
  /** Refresh the materialised analyses when this worker completes a sweep (default true). */
  refreshAnalyses?: boolean;
  /** Prompt-prefix cache for models with cache I/O: measured on this worker's device (auto), on or off. */
  prefixCache?: PrefixCacheMode;
}

interface SweepContext {
  prepared: PreparedSweep;
  batchSize: number;
  /** The backend, or its prompt-prefix-cached form (rows are then [id] + suffix: rowSpec). */
  scorer: ScoringBackend;
  rowSpec: InputSpec;
}

/** Models a worker keeps open at once: the sweep in hand and the one before (one prompt's shards
 * interleave with the next prompt's); a third is opened only after the oldest is closed. */
const MAX_OPEN_MODELS = 2;

interface CommitOutcome {
  last: boolean;
  parked: boolean;
  /** Why this worker's scores were dropped (the shard or sweep was settled meanwhile). */
  discarded?: string;
}

interface ShardRow {
  sweepId: number;
  index: number;
  startIndex: number;
  endIndex: number;
  status: string;
  attempts: number;
}

export class ShardWorker {
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  private readonly pool: pg.Pool;
  private boss?: PgBoss;
  private readonly contexts = new Map<number, Promise<SweepContext>>();
  private heartbeat?: NodeJS.Timeout;
  private tokens = 0;
  private busySeconds = 0;
  private current: string | null = null;
  private stopping = false;
  private loop?: Promise<void>;
  /** Time spent on the queue itself (fetch, acknowledge, claim) vs on shards, for bench/scale. */
  readonly timing = { shards: 0, queueMs: 0, shardMs: 0 };
  private readonly log: (line: string) => void;

  constructor(private readonly options: WorkerOptions) {
    this.log = options.log ?? ((line) => console.log(line));
    this.pool = new pg.Pool({ connectionString: options.databaseUrl, max: 3, application_name: options.applicationName ?? "reward-atlas-worker" });
    // A terminated connection errors its idle client; the pool drops it and connects anew.
    this.pool.on("error", (error) => this.log(`worker ${this.id}: database connection lost (${error.message}); reconnecting`));
  }

  async start(): Promise<void> {
    await this.pool.query(
      `INSERT INTO "RunnerWorker" (id, host, pid) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET "lastSeenAt" = now()`,
      [this.id, hostname(), process.pid],
    );
    this.boss = await openQueue(this.options.databaseUrl, this.options.settings, this.options.applicationName ?? "reward-atlas-worker");
    this.heartbeat = setInterval(() => void this.beat(), 5000);
    this.loop = this.run(this.boss);
    this.log(`worker ${this.id}: waiting for shards`);
  }

  /** Fetch, handle, acknowledge; the next shard is fetched at once, the queue is polled only when
   * empty (pg-boss's own work() waits a full polling interval between jobs). */
  private async run(boss: PgBoss): Promise<void> {
    const fetchOne = async (): Promise<PgBoss.Job<ShardJob> | undefined> => {
      try {
        return (await boss.fetch<ShardJob>(SHARD_QUEUE, { batchSize: 1 }))[0];
      } catch (error) {
        this.log(`worker ${this.id}: queue unavailable (${(error as Error).message}); retrying`);
        return undefined;
      }
    };
    let job = await fetchOne();
    let acknowledged: Promise<unknown> = Promise.resolve();
    while (!this.stopping) {
      if (!job) {
        await new Promise((r) => setTimeout(r, this.options.settings.pollSeconds * 1000));
        job = await fetchOne();
        continue;
      }
      // The next job is fetched while this shard is scored, and this shard is acknowledged while
      // the next is claimed: the queue's round trips stay off the critical path.
      const next = this.stopping ? Promise.resolve(undefined) : fetchOne();
      const shardStart = performance.now();
      const current = job;
      try {
        await this.handle(current.data, current.id);
        acknowledged = boss.complete(SHARD_QUEUE, current.id).catch((e: Error) => this.log(`worker ${this.id}: acknowledge failed: ${e.message}`));
      } catch (error) {
        acknowledged = boss.fail(SHARD_QUEUE, current.id, { message: (error as Error).message }).catch(() => {});
      }
      const waitStart = performance.now();
      job = await next;
      this.timing.queueMs += performance.now() - waitStart;
      this.timing.shardMs += waitStart - shardStart;
      this.timing.shards++;
    }
    await acknowledged;
    if (job) await this.handBack(boss, job);
  }

  /** A job fetched ahead but not started when the worker stops goes back to the queue now, not when
   * its lease expires (the lease is meant for dead workers, and may be long). Its shard was never
   * claimed, so no attempt was spent; pg-boss counts the hand-back as one of its retries, and gives
   * one back if that was its last. */
  private async handBack(boss: PgBoss, job: PgBoss.Job<ShardJob>): Promise<void> {
    try {
      await boss.fail(SHARD_QUEUE, job.id, { message: `worker ${this.id} stopped before starting it` });
      await boss.retry(SHARD_QUEUE, job.id); // acts only where that fail used up the job's retries
    } catch (error) {
      this.log(`worker ${this.id}: could not hand back job ${job.id} (${(error as Error).message}); it returns when its lease expires`);
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.heartbeat);
    await this.loop;
    await this.boss?.stop({ graceful: true, wait: true });
    for (const context of this.contexts.values()) await (await context.catch(() => null))?.prepared.backend.close();
    await this.pool.end();
  }

  private async beat(): Promise<void> {
    await this.pool
      .query(`UPDATE "RunnerWorker" SET "lastSeenAt" = now(), tokens = $2, "tokensPerSecond" = $3, "currentShard" = $4 WHERE id = $1`, [
        this.id, this.tokens, this.busySeconds > 0 ? this.tokens / this.busySeconds : null, this.current,
      ])
      .catch(() => {});
  }

  /** Sweeps whose model this worker holds open (most recently used last). */
  get openSweeps(): number[] {
    return [...this.contexts.keys()];
  }

  /** Closes a sweep's model (its sweep is complete, or it is the least recently used of too many). */
  private async release(sweepId: number): Promise<void> {
    const context = this.contexts.get(sweepId);
    this.contexts.delete(sweepId);
    await (await context?.catch(() => null))?.prepared.backend.close();
  }

  private context(sweepId: number): Promise<SweepContext> {
    let context = this.contexts.get(sweepId);
    if (context) {
      this.contexts.delete(sweepId); // most recently used last
      this.contexts.set(sweepId, context);
      return context;
    }
    context = (async () => {
      // Shards are handled one at a time, so the models evicted here are idle.
      for (const other of this.openSweeps.slice(0, Math.max(0, this.contexts.size - (MAX_OPEN_MODELS - 1)))) await this.release(other);
      return this.openContext(sweepId);
    })();
    context.catch(() => this.contexts.delete(sweepId));
    this.contexts.set(sweepId, context);
    return context;
  }

  private async openContext(sweepId: number): Promise<SweepContext> {
    const { rows } = await this.pool.query(
      `SELECT s."bundlePath", s."vocabPolicy", s."batchSize", s."tokenCount", s."prefixIds", s."suffixIds", p.text
         FROM "Sweep" s JOIN "Prompt" p ON p.id = s."promptId" WHERE s.id = $1`,
      [sweepId],
    );
    if (!rows[0]?.bundlePath) throw new SweepError("bad-input", "NOT_QUEUED", `sweep ${sweepId} has no bundle path: it was not queued`);
    const [policy, first] = String(rows[0].vocabPolicy).split(";");
    const exclude = policy.startsWith("exclude:") ? (policy.slice(8).split(",") as never[]) : [];
    const limit = first?.startsWith("first:") ? Number(first.slice(6)) : undefined;
    const prepared = await prepareSweep({ bundleDir: rows[0].bundlePath, prompts: [{ text: rows[0].text }], openBackend: this.options.openBackend, exclude, limit });
    try {
      const spec = prepared.specs[0];
      assertSameInputs(sweepId, rows[0].bundlePath, rows[0], { tokenCount: prepared.tokenIds.length, prefixIds: spec.prefixIds, suffixIds: spec.suffixIds });
      // As in a local sweep: a model with key/value cache I/O runs the prompt prefix once per worker,
      // where that is faster on this worker's device (measured at the sweep's batch size).
      const { rows: scoring, batchSize } = await setUpRows(prepared.backend, spec, prepared.tokenIds.subarray(0, 4096), {
        mode: this.options.prefixCache ?? "auto",
        batchSize: rows[0].batchSize ?? 1024,
        log: this.log,
        label: `sweep ${sweepId}`,
      });
      if (scoring.cachedPrefixTokens !== null) await this.pool.query('UPDATE "Sweep" SET "cachedPrefixTokens" = $2 WHERE id = $1', [sweepId, scoring.cachedPrefixTokens]);
      return { prepared, batchSize, scorer: scoring.scorer, rowSpec: scoring.rowSpec };
    } catch (error) {
      await prepared.backend.close();
      throw error;
    }
  }

  /** Returns normally when the shard is settled (DONE or PARKED), or when `jobId` is a stray job for
   * a shard another job carries; throws to have the queue retry. */
  async handle(job: ShardJob, jobId?: string): Promise<void> {
    const claimed = await this.claim(job, jobId);
    if (claimed === "stray") {
      this.log(`sweep ${job.sweepId} shard ${job.index}: job ${jobId} dropped: another job carries this shard`);
      return;
    }
    if (!claimed) {
      // A DONE shard delivered again: if its sweep never completed (the worker that committed the
      // last shard died first), complete it now.
      if (await completeIfWhole(this.pool, job.sweepId)) await this.afterCompletion(job.sweepId, `sweep ${job.sweepId}: completed on a repeated delivery of shard ${job.index}`);
      return;
    }
    const label = `sweep ${job.sweepId} shard ${job.index}`;
    this.current = label;
    const started = performance.now();
    try {
      const { prepared, batchSize, scorer, rowSpec } = await this.context(job.sweepId);
      const ids = prepared.tokenIds.subarray(claimed.startIndex, claimed.endIndex);
      const scores = new Float32Array(ids.length);
      let filled = 0;
      const scored = await runScoringPipeline({
        backend: scorer,
        batches: splicedBatches(ids, batchSize, rowSpec.sequenceLength, (start, count, out) => fillBatch(rowSpec, ids, start, count, out)),
        sink: { commit: async (_ids, chunk, count) => { scores.set(chunk.subarray(0, count), filled); filled += count; } },
        chunkRows: ids.length,
      });
      const seconds = (performance.now() - started) / 1000;
      const { last, parked, discarded } = await this.commit(claimed, ids, scores, seconds, scored.inferenceSeconds);
      if (discarded) {
        this.log(`${label}: scores dropped: ${discarded}`);
        return;
      }
      this.tokens += ids.length;
      this.busySeconds += seconds;
      if (last) {
        await finalizeSweep(this.pool, job.sweepId, { wallSeconds: 0, inferenceSeconds: 0 });
        await this.release(job.sweepId); // no shard of it is left
        await this.afterCompletion(job.sweepId);
      } else if (parked) await this.settleIfStuck(job.sweepId);
      this.log(`${label}: ${ids.length} tokens in ${seconds.toFixed(2)} s${last ? " — sweep complete" : ""}`);
    } catch (error) {
      await this.recordFailure(claimed, error);
    } finally {
      this.current = null;
    }
  }

  /** The sweep is whole: bring the analyses up to date (refreshes serialise on a lock). */
  private async afterCompletion(sweepId: number, line?: string): Promise<void> {
    if (line) this.log(line);
    if (this.options.refreshAnalyses === false) return;
    await refreshInsights(this.pool).catch((error: Error) => this.log(`sweep ${sweepId}: analyses not refreshed: ${error.message}`));
  }

  /** Mark the shard RUNNING for this attempt; null when there is nothing to do, "stray" when the
   * job is not the one that carries the shard (a duplicate sent before shards named their job). */
  private async claim(job: ShardJob, jobId?: string): Promise<ShardRow | "stray" | null> {
    const started = performance.now();
    try {
      return await this.claimShard(job, jobId ?? null);
    } finally {
      // Claiming is queue bookkeeping, not scoring.
      this.timing.queueMs += performance.now() - started;
      this.timing.shardMs -= performance.now() - started;
    }
  }

  private async claimShard(job: ShardJob, jobId: string | null): Promise<ShardRow | "stray" | null> {
    // One round trip in the common case: claim the shard and start its sweep together.
    const { rows } = await this.pool.query<ShardRow>(
      `WITH shard AS (
         UPDATE "SweepShard" SET status = 'RUNNING', attempts = attempts + 1, "workerId" = $3, "startedAt" = clock_timestamp()
          WHERE "sweepId" = $1 AND index = $2 AND status IN ('QUEUED', 'RUNNING') AND attempts < $4
            AND ($5::uuid IS NULL OR "jobId" IS NULL OR "jobId" = $5::uuid)
            AND EXISTS (SELECT 1 FROM "Sweep" WHERE id = $1 AND status <> 'CANCELLED')
          RETURNING "sweepId", index, "startIndex", "endIndex", status::text, attempts),
       started AS (
         UPDATE "Sweep" SET status = 'RUNNING', "startedAt" = COALESCE("startedAt", now())
          WHERE id = $1 AND status = 'PENDING' AND EXISTS (SELECT 1 FROM shard))
       SELECT * FROM shard`,
      [job.sweepId, job.index, this.id, this.options.settings.maxAttempts, jobId],
    );
    if (rows[0]) return rows[0];
    const { rows: current } = await this.pool.query<ShardRow & { jobId: string | null }>(
      `SELECT "sweepId", index, "startIndex", "endIndex", status::text, attempts, "jobId" FROM "SweepShard" WHERE "sweepId" = $1 AND index = $2`,
      [job.sweepId, job.index],
    );
    const shard = current[0];
    if (shard && jobId !== null && shard.jobId !== null && shard.jobId !== jobId && (shard.status === "QUEUED" || shard.status === "RUNNING")) return "stray";
    const cancelled = (await this.pool.query(`SELECT 1 FROM "Sweep" WHERE id = $1 AND status = 'CANCELLED'`, [job.sweepId])).rowCount;
    if (shard && !cancelled && (shard.status === "QUEUED" || shard.status === "RUNNING")) {
      // Every allowed attempt was claimed and none finished (their workers died): a poison shard.
      await this.park(shard, `gave up after ${shard.attempts} attempts whose workers did not finish (lease expired)`);
    }
    return null; // DONE or PARKED already: a duplicate or late delivery
  }

  /** Scores and DONE in one transaction; says whether this was the sweep's last shard. */
  private async commit(shard: ShardRow, ids: Int32Array, scores: Float32Array, seconds: number, inferenceSeconds: number): Promise<CommitOutcome> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      // Shard commits of one sweep take turns, so exactly one of them sees "no shard left".
      const sweep = await client.query<{ status: string }>(`SELECT status::text FROM "Sweep" WHERE id = $1 FOR UPDATE`, [shard.sweepId]);
      if (sweep.rows[0]?.status === "CANCELLED") {
        await client.query("ROLLBACK"); // cancelled while this shard ran: keep nothing of it
        return { last: false, parked: false, discarded: "the sweep was cancelled" };
      }
      const { rows } = await client.query(`SELECT status FROM "SweepShard" WHERE "sweepId" = $1 AND index = $2 FOR UPDATE`, [shard.sweepId, shard.index]);
      if (rows[0]?.status === "DONE" || rows[0]?.status === "PARKED") {
        // Settled while this worker was slow: another worker finished it first, or every allowed
        // attempt's lease expired and it was parked (parked stays parked until --retry-parked).
        await client.query("ROLLBACK");
        return { last: false, parked: false, discarded: rows[0].status === "DONE" ? "another worker finished the shard first" : "the shard was parked after its leases expired" };
      }
      await copyScores(client, shard.sweepId, ids, scores);
      await client.query(
        `UPDATE "SweepShard" SET status = 'DONE', rows = $3, seconds = $4, "finishedAt" = clock_timestamp(), error = NULL WHERE "sweepId" = $1 AND index = $2`,
        [shard.sweepId, shard.index, ids.length, seconds],
      );
      // A queued sweep's times are its shards' times summed (worker-seconds), as its shards commit.
      await client.query(
        `UPDATE "Sweep" SET "scoredCount" = "scoredCount" + $2, "wallSeconds" = COALESCE("wallSeconds", 0) + $3,
           "inferenceSeconds" = COALESCE("inferenceSeconds", 0) + $4 WHERE id = $1`,
        [shard.sweepId, ids.length, seconds, inferenceSeconds],
      );
      await client.query(`UPDATE "RunnerWorker" SET "shardsDone" = "shardsDone" + 1 WHERE id = $1`, [this.id]);
      const left = await client.query<{ open: number; parked: number }>(
        `SELECT count(*) FILTER (WHERE status <> 'DONE')::int AS open, count(*) FILTER (WHERE status = 'PARKED')::int AS parked
           FROM "SweepShard" WHERE "sweepId" = $1`,
        [shard.sweepId],
      );
      await client.query("COMMIT");
      return { last: left.rows[0].open === 0, parked: left.rows[0].parked > 0 };
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  private async recordFailure(shard: ShardRow, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    await this.pool.query(`UPDATE "RunnerWorker" SET "shardsFailed" = "shardsFailed" + 1 WHERE id = $1`, [this.id]).catch(() => {});
    if (failureKind(error) === "bad-input" || shard.attempts >= this.options.settings.maxAttempts) {
      await this.park(shard, message);
      return; // settled: the queue must not retry it
    }
    await this.pool
      .query(`UPDATE "SweepShard" SET status = 'QUEUED', error = $3 WHERE "sweepId" = $1 AND index = $2 AND status = 'RUNNING'`, [shard.sweepId, shard.index, message])
      .catch(() => {});
    throw error;
  }

  private async park(shard: ShardRow, message: string): Promise<void> {
    await this.pool.query(`UPDATE "SweepShard" SET status = 'PARKED', error = $3, "finishedAt" = now() WHERE "sweepId" = $1 AND index = $2`, [shard.sweepId, shard.index, message]);
    this.log(`sweep ${shard.sweepId} shard ${shard.index}: parked: ${message}`);
    await this.settleIfStuck(shard.sweepId);
  }

  /** Nothing left to run and something parked: the sweep failed, naming its first parked shard. */
  private async settleIfStuck(sweepId: number): Promise<void> {
    await this.pool.query(
      `UPDATE "Sweep" s SET status = 'FAILED',
              error = (SELECT 'shard ' || index || ' parked: ' || error FROM "SweepShard" WHERE "sweepId" = $1 AND status = 'PARKED' ORDER BY index LIMIT 1)
        WHERE s.id = $1 AND s.status <> 'FAILED'
          AND NOT EXISTS (SELECT 1 FROM "SweepShard" WHERE "sweepId" = $1 AND status IN ('QUEUED', 'RUNNING'))
          AND EXISTS (SELECT 1 FROM "SweepShard" WHERE "sweepId" = $1 AND status = 'PARKED')`,
      [sweepId],
    );
  }
}
