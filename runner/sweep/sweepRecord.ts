// The Sweep row: identity (settingsKey), resume state, and the chunk commits that advance it.
import { createHash } from "node:crypto";
import type pg from "pg";
import type { Db } from "../../server/db/prisma";
import type { SweepMode } from "../../server/db/generated/prisma/client";
import { IS_WHOLE_VOCABULARY } from "../../server/catalog/representativeSweep";
import { SWEEP_REQUEST_PREFIX } from "../../server/catalog/sweepRequest";
import { copyScores } from "../ingest/copy";
import { inTransaction } from "../ingest/transaction";
import type { ChunkSink } from "./pipeline";
import { SweepError } from "./errors";

export interface SweepSettings {
  modelId: number;
  tokenizerFingerprint: string;
  promptId: number;
  promptText: string;
  mode: SweepMode;
  chatTemplate: string | null;
  renderedTemplate: string | null;
  prefixIds: number[];
  suffixIds: number[];
  vocabPolicy: string;
}

/** Same settings -> same key -> the same sweep is found, resumed or skipped. */
export function settingsKey(s: SweepSettings): string {
  const canonical = JSON.stringify([
    s.modelId, s.tokenizerFingerprint, s.promptText, s.mode, s.chatTemplate, s.prefixIds, s.suffixIds, s.vocabPolicy,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

export async function findOrCreateSweep(
  db: Db,
  s: SweepSettings,
  extra: { tokenCount: number; backend: string; device: string; batchSize: number | null; roundTripFailures: number | null; softwareVersions: Record<string, string> },
) {
  const key = settingsKey(s);
  const existing = await db.sweep.findUnique({ where: { settingsKey: key } });
  if (existing) return existing;
  return db.sweep.create({
    data: {
      modelId: s.modelId,
      promptId: s.promptId,
      mode: s.mode,
      settingsKey: key,
      chatTemplate: s.chatTemplate,
      renderedTemplate: s.renderedTemplate,
      prefixIds: s.prefixIds,
      suffixIds: s.suffixIds,
      vocabPolicy: s.vocabPolicy,
      tokenCount: extra.tokenCount,
      backend: extra.backend,
      device: extra.device,
      batchSize: extra.batchSize,
      roundTripFailures: extra.roundTripFailures,
      softwareVersions: extra.softwareVersions,
    },
  });
}

/** Token ids this sweep has committed: the resume point, read from the rows themselves. */
export async function committedTokenIds(pool: pg.Pool, sweepId: number): Promise<Set<number>> {
  const result = await pool.query<{ tokenId: number }>('SELECT "tokenId" FROM "PendingScore" WHERE "sweepId" = $1', [sweepId]);
  return new Set(result.rows.map((r) => r.tokenId));
}

/** Forget a sweep's scores (forced re-run, or a sweep that failed on bad model output). */
export async function resetSweepScores(pool: pg.Pool, sweepId: number): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('DELETE FROM "Score" WHERE "sweepId" = $1', [sweepId]);
    await client.query('DELETE FROM "PendingScore" WHERE "sweepId" = $1', [sweepId]);
    await client.query(
      `UPDATE "Sweep" SET "scoredCount" = 0, "nextTokenId" = 0, status = 'PENDING', error = NULL,
         "finishedAt" = NULL, "wallSeconds" = NULL, "inferenceSeconds" = NULL, "completionSeconds" = NULL WHERE id = $1`,
      [sweepId],
    );
  });
}

/** Each chunk's rows and the sweep's progress commit together: a kill -9 loses at most the chunk
 * in flight, and the resume skips exactly what was committed. */
export class ScoreChunkSink implements ChunkSink {
  constructor(
    private readonly pool: pg.Pool,
    private readonly sweepId: number,
  ) {}

  async commit(tokenIds: Int32Array, scores: Float32Array, count: number): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await copyScores(client, this.sweepId, tokenIds, scores, count);
      let maxId = -1;
      for (let i = 0; i < count; i++) if (tokenIds[i] > maxId) maxId = tokenIds[i];
      const updated = await client.query(
        `UPDATE "Sweep" SET "scoredCount" = "scoredCount" + $2, "nextTokenId" = GREATEST("nextTokenId", $3)
          WHERE id = $1 AND status = 'RUNNING'`,
        [this.sweepId, count, maxId + 1],
      );
      if (updated.rowCount === 0) {
        throw new SweepError("runtime", "SWEEP_NOT_RUNNING", `sweep ${this.sweepId} is no longer running (cancelled?)`);
      }
    });
  }
}

/** Moves a sweep's rows from PendingScore to Score with their ranks, in the caller's transaction:
 * rank = 1 + number of strictly higher scores (ties share the best rank). Returns the row count. */
export async function promoteScores(client: pg.ClientBase, sweepId: number): Promise<number> {
  const inserted = await client.query(
    `INSERT INTO "Score" ("sweepId", "tokenId", score, rank)
     SELECT "sweepId", "tokenId", score, rank() OVER (ORDER BY score DESC) FROM "PendingScore" WHERE "sweepId" = $1
      ORDER BY "tokenId"`,
    [sweepId],
  );
  await client.query('DELETE FROM "PendingScore" WHERE "sweepId" = $1', [sweepId]);
  return inserted.rowCount ?? 0;
}

/** Verifies the sweep is whole (exactly one row per planned id), moves its rows to Score with
 * their ranks (1 = highest score, so percentiles are lookups) and marks it COMPLETED, recording
 * how long this took (completionSeconds, up to the commit) beside the scoring times. A sweep
 * already COMPLETED is left as it is (two workers may both find a queued sweep whole). */
export async function finalizeSweep(
  pool: pg.Pool,
  sweepId: number,
  timings: { wallSeconds: number; inferenceSeconds: number },
): Promise<void> {
  const started = performance.now();
  await inTransaction(pool, async (client) => {
    const sweep = await client.query<{ tokenCount: number; status: string }>('SELECT "tokenCount", status::text FROM "Sweep" WHERE id = $1 FOR UPDATE', [sweepId]);
    if (sweep.rows[0]?.status === "COMPLETED") return; // completed by another worker meanwhile: nothing left to move
    const rows = await client.query<{ n: string }>('SELECT count(*) AS n FROM "PendingScore" WHERE "sweepId" = $1', [sweepId]);
    const planned = sweep.rows[0].tokenCount;
    if (Number(rows.rows[0].n) !== planned) {
      throw new SweepError("runtime", "INCOMPLETE", `sweep ${sweepId} has ${rows.rows[0].n} scores for ${planned} planned ids`);
    }
    // A duplicated token id would violate Score's primary key here and roll everything back.
    await promoteScores(client, sweepId);
    await client.query(
      `UPDATE "Sweep" SET status = 'COMPLETED', "scoredCount" = $2, "finishedAt" = now(), error = NULL,
         "wallSeconds" = COALESCE("wallSeconds", 0) + $3, "inferenceSeconds" = COALESCE("inferenceSeconds", 0) + $4,
         "completionSeconds" = $5
       WHERE id = $1`,
      [sweepId, planned, timings.wallSeconds, timings.inferenceSeconds, (performance.now() - started) / 1000],
    );
    await fulfilRequests(client, sweepId);
  });
}

/** A whole-vocabulary sweep fulfils the requests recorded for its model, prompt and mode
 * (server/catalog/sweepRequest.ts): they go (they hold no scores). */
async function fulfilRequests(client: pg.PoolClient, sweepId: number): Promise<void> {
  await client.query(
    `DELETE FROM "Sweep" r USING "Sweep" s
      WHERE s.id = $1 AND ${IS_WHOLE_VOCABULARY}
        AND r."modelId" = s."modelId" AND r."promptId" = s."promptId" AND r.mode = s.mode
        AND r.status = 'PENDING' AND starts_with(r."settingsKey", $2)`,
    [sweepId, SWEEP_REQUEST_PREFIX],
  );
}

/** A queued sweep whose shards are all DONE but which is not COMPLETED: its last worker died (or
 * lost its connection) between committing the last shard and completing the sweep. Completes it;
 * says whether it did. Called when a DONE shard's job is delivered again and when it is re-queued. */
export async function completeIfWhole(pool: pg.Pool, sweepId: number): Promise<boolean> {
  const { rows } = await pool.query<{ whole: boolean }>(
    `SELECT s.status IN ('PENDING', 'RUNNING') AND EXISTS (SELECT 1 FROM "SweepShard" WHERE "sweepId" = $1)
            AND NOT EXISTS (SELECT 1 FROM "SweepShard" WHERE "sweepId" = $1 AND status <> 'DONE') AS whole
       FROM "Sweep" s WHERE s.id = $1`,
    [sweepId],
  );
  if (!rows[0]?.whole) return false;
  await finalizeSweep(pool, sweepId, { wallSeconds: 0, inferenceSeconds: 0 });
  return true;
}
