// Sweep one model bundle over prompts. Everything that can be wrong with the input (bundle files,
// tokenizer, embedding size, output shape, non-finite scores on the first rows) is checked before
// the first database write; a model that turns out to emit NaN later leaves no scores behind.
import pg from "pg";
import type { Db } from "../../server/db/prisma";
import { loadBundle, BundleError, type LoadedBundle } from "../bundle";
import {
  assertTokenizerMatchesModel,
  buildInputSpec,
  buildPaperBatches,
  fillBatch,
  loadTokenizer,
  paperRoundTrip,
  TokenizeError,
  type InputSpec,
  type PaperInputSpec,
  type RewardTokenizer,
  type TokenizerFamily,
} from "../tokenize";
import { tuneBatchSize } from "./batchSize";
import { failureKind, SweepError } from "./errors";
import { runScoringPipeline, splicedBatches, type ScoreBatch, type ScoringBackend } from "./pipeline";
import { createProgressReporter } from "./progress";
import { storeVocabulary, upsertModel } from "./registry";
import { committedTokenIds, finalizeSweep, findOrCreateSweep, resetSweepScores, ScoreChunkSink } from "./sweepRecord";
import { describeVocabPolicy, selectTokenIds, type VocabExclusion } from "./vocabPolicy";
import { softwareVersions } from "./versions";

export interface ProbingBackend extends ScoringBackend {
  /** Throws when the model cannot embed `maxTokenId` (embedding smaller than the vocabulary). */
  probeVocabulary(maxTokenId: number, context?: { prefixIds: number[]; suffixIds: number[] }): Promise<unknown>;
}

export type BackendFactory = (bundle: LoadedBundle) => Promise<ProbingBackend>;

/** For backends without their own probe (vLLM): score the one row holding the largest id. */
export function withRowProbe(backend: ScoringBackend): ProbingBackend {
  return Object.assign(backend, {
    async probeVocabulary(maxTokenId: number, context?: { prefixIds: number[]; suffixIds: number[] }) {
      const ids = [...(context?.prefixIds ?? []), maxTokenId, ...(context?.suffixIds ?? [])];
      return (await backend.score(BigInt64Array.from(ids, BigInt), 1, ids.length))[0];
    },
  });
}

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
  wallSeconds: number;
  inferenceSeconds: number;
  batchSize: number;
  roundTripFailures: number | null;
}

const FIRST_ROWS_CHECK = 8;

function asBadInput(error: unknown): never {
  if (error instanceof BundleError || error instanceof TokenizeError) {
    throw new SweepError("bad-input", error.name, error.message, { cause: error });
  }
  throw error;
}

function tokenizerFamily(manifestFamily: string): TokenizerFamily | undefined {
  const base = manifestFamily.replace(/\.\d+$/, "");
  return (["llama3", "qwen3", "qwen2", "gemma3", "gemma2"] as const).find((f) => f === base);
}

function spliceBatch(spec: InputSpec, ids: Int32Array): ScoreBatch {
  const inputIds = new BigInt64Array(ids.length * spec.sequenceLength);
  fillBatch(spec, ids, 0, ids.length, inputIds);
  return { tokenIds: ids, inputIds, rows: ids.length, seqLen: spec.sequenceLength };
}

function* paperBatchIterator(tok: RewardTokenizer, spec: PaperInputSpec, ids: Int32Array, batchSize: number): Generator<ScoreBatch> {
  for (const group of buildPaperBatches(tok, spec, ids)) {
    const L = group.sequenceLength;
    for (let start = 0; start < group.tokenIds.length; start += batchSize) {
      const rows = Math.min(batchSize, group.tokenIds.length - start);
      yield {
        tokenIds: group.tokenIds.subarray(start, start + rows),
        inputIds: group.inputIds.subarray(start * L, (start + rows) * L),
        rows,
        seqLen: L,
      };
    }
  }
}

export async function sweepBundle(options: SweepBundleOptions): Promise<PromptSweepSummary[]> {
  const log = options.log ?? (() => {});
  const mode = options.mode ?? "id";
  const exclude = options.exclude ?? [];

  // 1. Validate everything about the input; nothing is written yet.
  const bundle = await loadBundle(options.bundleDir).catch(asBadInput);
  const { manifest } = bundle;
  const tok = await loadTokenizer(bundle.dir).catch(asBadInput);
  let match;
  try {
    match = assertTokenizerMatchesModel(tok, { vocabSize: manifest.vocabSize, family: tokenizerFamily(manifest.family), name: manifest.slug });
  } catch (error) {
    asBadInput(error);
  }
  const vocabulary = tok.vocabulary();
  const selected = selectTokenIds(vocabulary, match.sweepVocabSize, exclude, match.unembeddableIds);
  const tokenIds = options.limit ? selected.subarray(0, options.limit) : selected;
  const specs = options.prompts.map((prompt) => {
    try {
      return buildInputSpec(tok, { prompt: prompt.text, mode });
    } catch (error) {
      return asBadInput(error);
    }
  });

  const backend = await options.openBackend(bundle);
  const summaries: PromptSweepSummary[] = [];
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 4 });
  try {
    await backend.probeVocabulary(match.sweepVocabSize - 1, specs[0]);
    for (const spec of specs) {
      const first = spec.mode === "id" ? spliceBatch(spec, tokenIds.subarray(0, FIRST_ROWS_CHECK)) : undefined;
      if (first) {
        const scores = await backend.score(first.inputIds, first.rows, first.seqLen);
        const bad = Array.from(scores.subarray(0, first.rows)).findIndex((v) => !Number.isFinite(v));
        if (scores.length < first.rows) throw new SweepError("bad-input", "OUTPUT_SHAPE", `${manifest.slug}: ${scores.length} scores for ${first.rows} rows`);
        if (bad >= 0) throw new SweepError("bad-input", "NON_FINITE_SCORE", `${manifest.slug}: the model returned ${scores[bad]} for token id ${first.tokenIds[bad]}: scores must be finite`);
      }
    }

    // 2. Register the model and its vocabulary, then sweep each prompt.
    const modelExisted = (await options.db.rewardModel.count({ where: { slug: manifest.slug } })) > 0;
    const model = await upsertModel(options.db, {
      slug: manifest.slug,
      displayName: manifest.displayName,
      source: manifest.source,
      family: manifest.family,
      architecture: manifest.architecture,
      parameterCount: manifest.parameterCount,
      vocabSize: match.sweepVocabSize,
      licence: manifest.licence,
      tokenizerFingerprint: tok.fingerprint,
      chatTemplateFingerprint: tok.chatTemplateFingerprint,
      backend: backend.kind,
      notes: manifest.notes,
      isDemo: manifest.demo,
    });
    const written = await storeVocabulary(pool, model.id, vocabulary.slice(0, match.sweepVocabSize));
    if (written) log(`${manifest.slug}: stored ${written.toLocaleString("en")} vocabulary entries`);

    try {
      for (const [index, prompt] of options.prompts.entries()) {
        summaries.push(await sweepPrompt({ options, bundle, tok, backend, pool, modelId: model.id, prompt, spec: specs[index], tokenIds, exclude, log }));
      }
    } catch (error) {
      // A model found broken mid-sweep (e.g. NaN for some ids) leaves no trace if this run added it.
      if (failureKind(error) === "bad-input" && !modelExisted && (await options.db.sweep.count({ where: { modelId: model.id } })) === 0) {
        await options.db.rewardModel.delete({ where: { id: model.id } });
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
}

async function sweepPrompt(ctx: PromptContext): Promise<PromptSweepSummary> {
  const { options, tok, backend, pool, spec, prompt, log } = ctx;
  const label = `${ctx.bundle.manifest.slug} × ${prompt.slug}`;
  const roundTrip = spec.mode === "paper" ? paperRoundTrip(tok, ctx.tokenIds, { spec: spec as PaperInputSpec }).inTemplate?.failureCount ?? null : null;

  let batchSize = options.batchSize;
  if (!batchSize) {
    const sample = ctx.tokenIds.subarray(0, Math.min(ctx.tokenIds.length, 4096));
    const tuning = await tuneBatchSize(backend, (rows) => spliceBatch(spec, sample.subarray(0, Math.min(rows, sample.length))), {
      memoryBudgetBytes: options.memoryBudgetBytes ?? 2 * 1024 ** 3,
      maxBatch: Math.min(4096, sample.length),
    });
    batchSize = tuning.batchSize;
  }

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
    { tokenCount: ctx.tokenIds.length, backend: backend.kind, device: backend.device, batchSize, roundTripFailures: roundTrip, softwareVersions: softwareVersions() },
  );
  if (sweep.status === "COMPLETED" && !options.force) {
    log(`${label}: already complete (sweep ${sweep.id}); use --force to re-run`);
    return { prompt: prompt.slug, sweepId: sweep.id, status: "skipped", rows: 0, wallSeconds: 0, inferenceSeconds: 0, batchSize, roundTripFailures: roundTrip };
  }
  if (options.force) await resetSweepScores(pool, sweep.id);

  const done = await committedTokenIds(pool, sweep.id);
  const remaining = done.size ? ctx.tokenIds.filter((id) => !done.has(id)) : ctx.tokenIds;
  if (done.size) log(`${label}: resuming sweep ${sweep.id}, ${done.size.toLocaleString("en")} of ${ctx.tokenIds.length.toLocaleString("en")} already committed`);
  await options.db.sweep.update({
    where: { id: sweep.id },
    data: { status: "RUNNING", startedAt: sweep.startedAt ?? new Date(), error: null, batchSize, device: backend.device },
  });

  const reporter = createProgressReporter(label, remaining.length, log, options.interactive);
  const batches: Iterator<ScoreBatch> =
    spec.mode === "paper"
      ? paperBatchIterator(tok, spec as PaperInputSpec, remaining, batchSize)
      : splicedBatches(remaining, batchSize, spec.sequenceLength, (start, count, out) => fillBatch(spec, remaining, start, count, out));
  try {
    const result = await runScoringPipeline({
      backend,
      batches,
      sink: new ScoreChunkSink(pool, sweep.id),
      chunkRows: options.chunkRows ?? 16384,
      onProgress: (p) => reporter.update(p),
    });
    await finalizeSweep(pool, sweep.id, result);
    reporter.done(
      `${label}: ${result.rows.toLocaleString("en")} tokens in ${result.wallSeconds.toFixed(1)} s ` +
        `(${Math.round(result.rows / Math.max(result.wallSeconds, 1e-3)).toLocaleString("en")} tok/s, batch ${batchSize}, ` +
        `wall/inference ${(result.wallSeconds / Math.max(result.inferenceSeconds, 1e-9)).toFixed(2)})`,
    );
    return { prompt: prompt.slug, sweepId: sweep.id, status: "completed", ...result, batchSize, roundTripFailures: roundTrip };
  } catch (error) {
    // Bad model output invalidates the sweep: its scores and its row go. A runtime failure keeps
    // the committed chunks, marked FAILED, for the next run to resume.
    if (failureKind(error) === "bad-input") {
      await resetSweepScores(pool, sweep.id);
      await options.db.sweep.delete({ where: { id: sweep.id } });
    } else {
      await options.db.sweep.update({
        where: { id: sweep.id },
        data: { status: "FAILED", error: error instanceof Error ? error.message : String(error) },
      });
    }
    throw error;
  }
}
