// Sweep one model bundle over prompts. Everything that can be wrong with the input (bundle files,
// tokenizer, embedding size, output shape, non-finite scores on the first rows) is checked before
// the first database write; a model that turns out to emit NaN later leaves no scores behind.
import pg from "pg";
import type { Db } from "../../server/db/prisma";
import type { LoadedBundle } from "../bundle";
import { fillBatch, paperRoundTrip, type InputSpec, type PaperInputSpec, type RewardTokenizer } from "../tokenize";
import { failureKind, SweepError } from "./errors";
import { runScoringPipeline, splicedBatches, type ScoreBatch } from "./pipeline";
import { paperBatchIterator, prepareSweep, registerPreparedModel, type BackendFactory, type ProbingBackend } from "./prepare";
import { setUpRows, type PrefixCacheMode, type RowSetup } from "./rowPath";
import { createProgressReporter } from "./progress";
import { committedTokenIds, finalizeSweep, findOrCreateSweep, resetSweepScores, ScoreChunkSink } from "./sweepRecord";
import { describeVocabPolicy, type VocabExclusion } from "./vocabPolicy";
import { softwareVersions } from "./versions";

export { withRowProbe, type BackendFactory, type ProbingBackend } from "./prepare";

export interface PromptRef {
  id: number;
  slug: string;
  text: string;
}

export interface SweepBundleOptions {
  db: Db;
  databaseUrl: string;
  bundleDir: string;
  prompts: PromptRef[];
  openBackend: BackendFactory;
  mode?: "id" | "paper";
  exclude?: VocabExclusion[];
  /** Fixed batch size; otherwise tuned within memoryBudgetBytes. */
  batchSize?: number;
  memoryBudgetBytes?: number;
  /** Rows per COPY transaction (the resume granularity). */
  chunkRows?: number;
  force?: boolean;
  /** For a model with cache I/O: reuse the prompt prefix's attention keys/values where measured
   * faster than whole rows (auto, the default), always (on) or never (off). */
  prefixCache?: PrefixCacheMode;
  /** Score only the first `limit` selected ids (smoke tests, benchmarks); recorded in the policy. */
  limit?: number;
  log?: (line: string) => void;
  interactive?: boolean;
}

export interface PromptSweepSummary {
  prompt: string;
  sweepId: number;
  status: "completed" | "skipped";
  rows: number;
  /** Scoring pipeline (splice, session.run, COPY chunks with progress). */
  wallSeconds: number;
  /** The pipeline plus the sweep's finalisation (completeness check, ranks). */
  totalSeconds: number;
  inferenceSeconds: number;
  /** Rows per session.run; for a skipped sweep, what its own run used (null if unknown). */
  batchSize: number | null;
  /** performance.now() when scoring began and when the completion ended: prompts overlap (the
   * completion of one runs while the next is scored), so a run's wall time is the span of these. */
  scoringStartedAt: number;
  completedAt: number;
  roundTripFailures: number | null;
}

export async function sweepBundle(input: SweepBundleOptions): Promise<PromptSweepSummary[]> {
  // A prompt named twice (--prompt best --prompt best) is one sweep, swept once.
  const options = { ...input, prompts: input.prompts.filter((p, i) => input.prompts.findIndex((q) => q.id === p.id) === i) };
  const log = options.log ?? (() => {});
  const exclude = options.exclude ?? [];
  // 1. Validate everything about the input; nothing is written yet.
  const prepared = await prepareSweep({ ...options, exclude });
  const { bundle, tok, backend, tokenIds, specs } = prepared;
  const summaries: PromptSweepSummary[] = [];
  let completing: Promise<CompletedPrompt> | null = null;
  // Summary lines are logged here, between progress bars (a completion ends while the next prompt's bar runs).
  const collect = (done: CompletedPrompt) => {
    if (done.line) log(done.line);
    summaries.push(done.summary);
  };
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
  // An idle connection closed by the server is dropped by the pool; a query in flight fails on its own.
  pool.on("error", (error) => log(`database connection lost (${error.message})`));
  try {
    // 2. Register the model and its vocabulary, then sweep each prompt.
    const { modelId, modelExisted } = await registerPreparedModel(options.db, pool, prepared, log);
    try {
      // The batch size and the row path are settled once per model (prompts change the row length by a few tokens).
      let batchSize = options.batchSize;
      let useCache: boolean | undefined;
      for (const [index, prompt] of options.prompts.entries()) {
        const scored = await sweepPrompt({ options, bundle, tok, backend, pool, modelId, prompt, spec: specs[index], tokenIds, exclude, log, batchSize, useCache, previous: completing });
        if (scored.ran) {
          batchSize ??= scored.batchSize ?? undefined;
          useCache ??= scored.useCache;
        }
        // The previous prompt's completion ran in PostgreSQL while this prompt was scored.
        const previous = completing;
        completing = scored.completion;
        if (previous) collect(await previous);
      }
      if (completing) collect(await completing);
      completing = null;
    } catch (error) {
      await completing?.catch(() => {}); // the last completion started (it waits for the ones before) settles before the pool closes
      // A model found broken mid-sweep (e.g. NaN for some ids) leaves no trace if this run added it.
      if (failureKind(error) === "bad-input" && !modelExisted && (await options.db.sweep.count({ where: { modelId } })) === 0) {
        await options.db.rewardModel.delete({ where: { id: modelId } });
      }
      throw error;
    }
  } finally {
    await pool.end();
    await backend.close();
  }
  return summaries;
}

interface PromptContext {
  options: SweepBundleOptions;
  bundle: LoadedBundle;
  tok: RewardTokenizer;
  backend: ProbingBackend;
  pool: pg.Pool;
  modelId: number;
  prompt: PromptRef;
  spec: InputSpec;
  tokenIds: Int32Array;
  exclude: VocabExclusion[];
  log: (line: string) => void;
  /** Given, or tuned for an earlier prompt of the same model. */
  batchSize: number | undefined;
  /** Cached prefix or whole rows, when an earlier prompt of the same model settled it. */
  useCache: boolean | undefined;
  /** The previous prompt's completion: completions run one at a time, in prompt order. */
  previous: Promise<unknown> | null;
}

/**
 * A prompt whose scores are all committed. Its completion (whole? -> Score with ranks) is
 * PostgreSQL work that need not hold the model: it runs while the next prompt is scored, and
 * resolves to the summary and its log line. A failed completion rejects, after the same cleanup
 * as a failed scoring run.
 */
interface ScoredPrompt {
  ran: boolean;
  batchSize: number | null;
  useCache?: boolean;
  completion: Promise<CompletedPrompt>;
}

interface CompletedPrompt {
  summary: PromptSweepSummary;
  /** The summary line for the log (null for a skipped sweep: that was said already). */
  line: string | null;
}

async function sweepPrompt(ctx: PromptContext): Promise<ScoredPrompt> {
  const { options, tok, backend, spec, prompt, log } = ctx;
  const label = `${ctx.bundle.manifest.slug} × ${prompt.slug}`;
  const roundTrip = spec.mode === "paper" ? paperRoundTrip(tok, ctx.tokenIds, { spec: spec as PaperInputSpec }).inTemplate?.failureCount ?? null : null;

  const sweep = await findOrCreateSweep(
    options.db,
    {
      modelId: ctx.modelId,
      tokenizerFingerprint: tok.fingerprint,
      promptId: prompt.id,
      promptText: prompt.text,
      mode: spec.mode === "paper" ? "PAPER" : "ID",
      chatTemplate: spec.template,
      renderedTemplate: spec.renderedText,
      prefixIds: spec.prefixIds,
      suffixIds: spec.suffixIds,
      vocabPolicy: describeVocabPolicy(ctx.exclude, options.limit),
    },
    { tokenCount: ctx.tokenIds.length, backend: backend.kind, device: backend.device, batchSize: ctx.batchSize ?? null, roundTripFailures: roundTrip, softwareVersions: softwareVersions() },
  );
  if (sweep.status === "COMPLETED" && !options.force) {
    log(`${label}: already complete (sweep ${sweep.id}); use --force to re-run`);
    const summary: PromptSweepSummary = { prompt: prompt.slug, sweepId: sweep.id, status: "skipped", rows: 0, wallSeconds: 0, totalSeconds: 0, inferenceSeconds: 0, batchSize: sweep.batchSize, roundTripFailures: roundTrip, scoringStartedAt: performance.now(), completedAt: performance.now() };
    return { ran: false, batchSize: sweep.batchSize, completion: Promise.resolve({ summary, line: null }) };
  }
  if (sweep.status !== "COMPLETED" && (await options.db.sweepShard.count({ where: { sweepId: sweep.id } })) > 0) {
    // Its shards belong to queue workers: scoring it here too would stage every id twice.
    throw new SweepError("bad-input", "QUEUED", `${label}: sweep ${sweep.id} is queued as shards: run \`npm run worker\`, or delete the sweep to run it here`);
  }
  // A model with key/value cache I/O runs the prompt prefix once and each row [id] + suffix, where
  // that is faster. Settled for a sweep that will run: a finished one is skipped without the trials.
  let setup: RowSetup;
  try {
    setup = await setUpRows(backend, spec, ctx.tokenIds.subarray(0, Math.min(ctx.tokenIds.length, 4096)), {
      mode: options.prefixCache ?? "auto",
      batchSize: ctx.batchSize,
      useCache: ctx.useCache,
      memoryBudgetBytes: options.memoryBudgetBytes,
      log,
      label,
    });
  } catch (error) {
    return failSweep(ctx, sweep.id, error); // e.g. non-finite scores on the trial rows
  }
  try {
    return await scorePrompt(ctx, sweep, roundTrip, setup);
  } finally {
    await setup.rows.close();
  }
}

async function scorePrompt(
  ctx: PromptContext,
  sweep: { id: number; startedAt: Date | null },
  roundTrip: number | null,
  { rows: { scorer, rowSpec, cachedPrefixTokens }, batchSize, useCache }: RowSetup,
): Promise<ScoredPrompt> {
  const { options, tok, backend, pool, spec, prompt, log } = ctx;
  const label = `${ctx.bundle.manifest.slug} × ${prompt.slug}`;
  if (cachedPrefixTokens !== null) log(`${label}: prompt prefix of ${cachedPrefixTokens} tokens computed once (key/value cache); rows of ${rowSpec.sequenceLength} tokens`);
  if (options.force) await resetSweepScores(pool, sweep.id);

  const done = await committedTokenIds(pool, sweep.id);
  const remaining = done.size ? ctx.tokenIds.filter((id) => !done.has(id)) : ctx.tokenIds;
  if (done.size) log(`${label}: resuming sweep ${sweep.id}, ${done.size.toLocaleString("en")} of ${ctx.tokenIds.length.toLocaleString("en")} already committed`);
  await options.db.sweep.update({
    where: { id: sweep.id },
    data: {
      status: "RUNNING",
      startedAt: sweep.startedAt ?? new Date(),
      error: null,
      batchSize,
      device: backend.device,
      cachedPrefixTokens,
    },
  });

  const reporter = createProgressReporter(label, remaining.length, log, options.interactive);
  const batches: Iterator<ScoreBatch> =
    spec.mode === "paper"
      ? paperBatchIterator(tok, spec as PaperInputSpec, remaining, batchSize)
      : splicedBatches(remaining, batchSize, rowSpec.sequenceLength, (start, count, out) => fillBatch(rowSpec, remaining, start, count, out));
  const scoringStartedAt = performance.now();
  try {
    const result = await runScoringPipeline({
      backend: scorer,
      batches,
      sink: new ScoreChunkSink(pool, sweep.id),
      chunkRows: options.chunkRows ?? 16384,
      onProgress: (p) => reporter.update(p),
    });
    reporter.stop();
    const completion = (async (): Promise<CompletedPrompt> => {
      await ctx.previous?.catch(() => {});
      const completing = performance.now();
      await finalizeSweep(pool, sweep.id, result);
      const totalSeconds = result.wallSeconds + (performance.now() - completing) / 1000;
      const line =
        `${label}: ${result.rows.toLocaleString("en")} tokens in ${totalSeconds.toFixed(1)} s ` +
        `(scoring ${result.wallSeconds.toFixed(1)} s = ${Math.round(result.rows / Math.max(result.wallSeconds, 1e-3)).toLocaleString("en")} tok/s, batch ${batchSize}; ` +
        `inference ${result.inferenceSeconds.toFixed(1)} s; the rest stores and ranks)`;
      const summary: PromptSweepSummary = {
        prompt: prompt.slug, sweepId: sweep.id, status: "completed", ...result, totalSeconds, batchSize, roundTripFailures: roundTrip, scoringStartedAt, completedAt: performance.now(),
      };
      return { summary, line };
    })().catch((error) => failSweep(ctx, sweep.id, error));
    completion.catch(() => {}); // awaited by the caller; not an unhandled rejection meanwhile
    return { ran: true, batchSize, useCache, completion };
  } catch (error) {
    reporter.stop();
    return failSweep(ctx, sweep.id, error);
  }
}

/** Bad model output invalidates the sweep: its scores and its row go. A runtime failure keeps the
 * committed chunks, marked FAILED, for the next run to resume. Rethrows `error`. */
async function failSweep(ctx: PromptContext, sweepId: number, error: unknown): Promise<never> {
  if (failureKind(error) === "bad-input") {
    await resetSweepScores(ctx.pool, sweepId);
    await ctx.options.db.sweep.delete({ where: { id: sweepId } });
  } else {
    // Only a running (or not yet started) sweep fails: one cancelled meanwhile stays CANCELLED.
    await ctx.options.db.sweep.updateMany({
      where: { id: sweepId, status: { in: ["PENDING", "RUNNING"] } },
      data: { status: "FAILED", error: error instanceof Error ? error.message : String(error) },
    });
  }
  throw error;
}
