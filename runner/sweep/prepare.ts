// Everything about a sweep's input, validated before anything is written: bundle files, manifest,
// tokenizer vs model, input construction per prompt, the model's embedding size, and the output
// shape and finiteness on the first rows. Shared by in-process sweeps and queued shards.
import type pg from "pg";
import type { Db } from "../../server/db/prisma";
import { BundleError, loadBundle, type LoadedBundle } from "../bundle";
import {
  assertTokenizerMatchesModel,
  buildInputSpec,
  buildPaperBatches,
  continuationSpec,
  fillBatch,
  loadTokenizer,
  TokenizeError,
  type InputSpec,
  type PaperInputSpec,
  type RewardTokenizer,
  type TokenizerFamily,
  type TokenizerModelMatch,
  type VocabEntry,
} from "../tokenize";
import { SweepError } from "./errors";
import type { ScoreBatch, ScoringBackend } from "./pipeline";
import { storeVocabulary, upsertModel } from "./registry";
import { selectTokenIds, type VocabExclusion } from "./vocabPolicy";

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

export interface PrepareOptions {
  bundleDir: string;
  prompts: { text: string }[];
  openBackend: BackendFactory;
  mode?: "id" | "paper";
  exclude?: VocabExclusion[];
  limit?: number;
}

export interface PreparedSweep {
  bundle: LoadedBundle;
  tok: RewardTokenizer;
  match: TokenizerModelMatch;
  vocabulary: readonly VocabEntry[];
  /** The ids a sweep scores, in order: the basis of resume and of shard ranges. */
  tokenIds: Int32Array;
  specs: InputSpec[];
  backend: ProbingBackend;
}

const FIRST_ROWS_CHECK = 8;

export function asBadInput(error: unknown): never {
  if (error instanceof BundleError || error instanceof TokenizeError) {
    throw new SweepError("bad-input", error.name, error.message, { cause: error });
  }
  throw error;
}

function tokenizerFamily(manifestFamily: string): TokenizerFamily | undefined {
  const base = manifestFamily.replace(/\.\d+$/, "");
  return (["llama3", "qwen3", "qwen2", "gemma3", "gemma2"] as const).find((f) => f === base);
}

/** What a sweep's rows are scored with: the backend on whole rows, or, for a model with key/value
 * cache I/O in id mode, its prefix-cached form on [id] + suffix rows (`rowSpec`). */
export interface RowScorer {
  scorer: ScoringBackend;
  rowSpec: InputSpec;
  /** Prefix tokens run once and reused by every row; null when rows run whole. */
  cachedPrefixTokens: number | null;
  close(): Promise<void>;
}

export async function openRowScorer(backend: ScoringBackend, spec: InputSpec, useCache = true): Promise<RowScorer> {
  const cached = useCache && spec.mode === "id" ? ((await backend.withCachedPrefix?.(spec.prefixIds)) ?? null) : null;
  return cached
    ? { scorer: cached, rowSpec: continuationSpec(spec), cachedPrefixTokens: spec.prefixIds.length, close: () => cached.close() }
    : { scorer: backend, rowSpec: spec, cachedPrefixTokens: null, close: async () => {} };
}

export function spliceBatch(spec: InputSpec, ids: Int32Array): ScoreBatch {
  const inputIds = new BigInt64Array(ids.length * spec.sequenceLength);
  fillBatch(spec, ids, 0, ids.length, inputIds);
  return { tokenIds: ids, inputIds, rows: ids.length, seqLen: spec.sequenceLength };
}

export function* paperBatchIterator(tok: RewardTokenizer, spec: PaperInputSpec, ids: Int32Array, batchSize: number): Generator<ScoreBatch> {
  for (const group of buildPaperBatches(tok, spec, ids)) {
    const L = group.sequenceLength;
    for (let start = 0; start < group.tokenIds.length; start += batchSize) {
      const rows = Math.min(batchSize, group.tokenIds.length - start);
      yield { tokenIds: group.tokenIds.subarray(start, start + rows), inputIds: group.inputIds.subarray(start * L, (start + rows) * L), rows, seqLen: L };
    }
  }
}

export async function prepareSweep(options: PrepareOptions): Promise<PreparedSweep> {
  const bundle = await loadBundle(options.bundleDir).catch(asBadInput);
  const { manifest } = bundle;
  const tok = await loadTokenizer(bundle.dir).catch(asBadInput);
  let match: TokenizerModelMatch;
  try {
    match = assertTokenizerMatchesModel(tok, { vocabSize: manifest.vocabSize, family: tokenizerFamily(manifest.family), name: manifest.slug });
  } catch (error) {
    asBadInput(error);
  }
  const vocabulary = tok.vocabulary();
  const selected = selectTokenIds(vocabulary, match.sweepVocabSize, options.exclude ?? [], match.unembeddableIds);
  const tokenIds = options.limit ? selected.subarray(0, options.limit) : selected;
  const specs = options.prompts.map((prompt) => {
    try {
      return buildInputSpec(tok, { prompt: prompt.text, mode: options.mode ?? "id" });
    } catch (error) {
      return asBadInput(error);
    }
  });

  const backend = await options.openBackend(bundle);
  try {
    await backend.probeVocabulary(match.sweepVocabSize - 1, specs[0]);
    for (const spec of specs) {
      if (spec.mode !== "id") continue;
      const first = spliceBatch(spec, tokenIds.subarray(0, FIRST_ROWS_CHECK));
      const scores = await backend.score(first.inputIds, first.rows, first.seqLen);
      if (scores.length < first.rows) throw new SweepError("bad-input", "OUTPUT_SHAPE", `${manifest.slug}: ${scores.length} scores for ${first.rows} rows`);
      const bad = Array.from(scores.subarray(0, first.rows)).findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new SweepError("bad-input", "NON_FINITE_SCORE", `${manifest.slug}: the model returned ${scores[bad]} for token id ${first.tokenIds[bad]}: scores must be finite`);
    }
  } catch (error) {
    await backend.close();
    throw error;
  }
  return { bundle, tok, match, vocabulary, tokenIds, specs, backend };
}

/** The catalogue row and vocabulary of a prepared model; says whether the model existed before. */
export async function registerPreparedModel(db: Db, pool: pg.Pool, prepared: PreparedSweep, log: (line: string) => void) {
  const { manifest } = prepared.bundle;
  const previous = await db.rewardModel.findUnique({ where: { slug: manifest.slug }, select: { tokenizerFingerprint: true } });
  const modelExisted = previous !== null;
  const model = await upsertModel(db, {
    slug: manifest.slug,
    displayName: manifest.displayName,
    source: manifest.source,
    family: manifest.family,
    architecture: manifest.architecture,
    parameterCount: manifest.parameterCount,
    vocabSize: prepared.match.sweepVocabSize,
    licence: manifest.licence,
    tokenizerFingerprint: prepared.tok.fingerprint,
    chatTemplateFingerprint: prepared.tok.chatTemplateFingerprint,
    backend: prepared.backend.kind,
    notes: manifest.notes,
    isDemo: manifest.demo,
  });
  // Rewritten when the tokenizer changed, even at the same size (a corrected tokenizer.json).
  const written = await storeVocabulary(pool, model.id, prepared.vocabulary.slice(0, prepared.match.sweepVocabSize), {
    replace: modelExisted && previous.tokenizerFingerprint !== prepared.tok.fingerprint,
  });
  if (written) log(`${manifest.slug}: stored ${written.toLocaleString("en")} vocabulary entries`);
  return { modelId: model.id, modelExisted };
}
