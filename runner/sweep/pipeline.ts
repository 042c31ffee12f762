// The scoring loop. Three things overlap: the backend scores batch k while batch k+1 is spliced
// into the other input buffer and the previous chunk of scores is COPYed into Postgres. With one
// inference in flight and equal-length rows, the wall time approaches the inference time.
import { performance } from "node:perf_hooks";
import { SweepError } from "./errors";

/** What the pipeline needs from a backend (runner/backends implement it). */
export interface ScoringBackend {
  readonly kind: string;
  readonly device: string;
  /** inputIds: rows x seqLen, row-major. Resolves to one reward per row. */
  score(inputIds: BigInt64Array, rows: number, seqLen: number): Promise<Float32Array>;
  /** A backend scoring only what follows `prefixIds` (attention keys/values cached); null if unsupported. */
  withCachedPrefix?(prefixIds: number[]): Promise<ScoringBackend | null>;
  close(): Promise<void>;
  /** Time inside the runtime itself (onnxruntime session.run), when the backend measures it. */
  stats?(): { inferenceMs: number };
}

export interface ScoreBatch {
  tokenIds: Int32Array;
  inputIds: BigInt64Array;
  rows: number;
  seqLen: number;
}

/** Receives finished chunks; must commit scores and progress atomically. */
export interface ChunkSink {
  commit(tokenIds: Int32Array, scores: Float32Array, count: number): Promise<void>;
}

export interface PipelineProgress {
  rows: number;
  wallSeconds: number;
  inferenceSeconds: number;
}

export interface PipelineOptions {
  backend: ScoringBackend;
  /** Lazy: the pipeline pulls at most one batch ahead, so two input buffers can alternate. */
  batches: Iterator<ScoreBatch>;
  sink: ChunkSink;
  chunkRows: number;
  onProgress?: (progress: PipelineProgress) => void;
}

export async function runScoringPipeline(options: PipelineOptions): Promise<PipelineProgress> {
  const { backend, batches, sink, chunkRows } = options;
  const started = performance.now();
  const runtimeMsAtStart = backend.stats?.().inferenceMs;
  let inferenceMs = 0;
  let rowsDone = 0;

  let chunkIds = new Int32Array(chunkRows);
  let chunkScores = new Float32Array(chunkRows);
  let chunkFill = 0;
  let flushing: Promise<void> = Promise.resolve();

  const flush = async () => {
    if (chunkFill === 0) return;
    await flushing; // one COPY in flight: back-pressure instead of unbounded memory
    const ids = chunkIds;
    const scores = chunkScores;
    const count = chunkFill;
    chunkIds = new Int32Array(chunkRows);
    chunkScores = new Float32Array(chunkRows);
    chunkFill = 0;
    flushing = sink.commit(ids, scores, count);
    // Surface a failed COPY at the next await rather than as an unhandled rejection.
    flushing.catch(() => {});
  };

  const timedScore = (batch: ScoreBatch) => {
    const t0 = performance.now();
    return backend.score(batch.inputIds, batch.rows, batch.seqLen).then((scores) => {
      inferenceMs += performance.now() - t0;
      return scores;
    });
  };

  let current = batches.next();
  let inFlight = current.done ? undefined : timedScore(current.value);
  try {
    while (!current.done && inFlight) {
      const batch = current.value;
      const next = batches.next(); // splice the next batch while this one is scored
      const scores = await inFlight;
      inFlight = next.done ? undefined : timedScore(next.value);
      if (scores.length < batch.rows) {
        throw new SweepError("bad-input", "OUTPUT_SHAPE", `the backend returned ${scores.length} scores for a batch of ${batch.rows}`);
      }
      for (let r = 0; r < batch.rows; r++) {
        const value = scores[r];
        if (!Number.isFinite(value)) {
          throw new SweepError(
            "bad-input",
            "NON_FINITE_SCORE",
            `the model returned ${value} for token id ${batch.tokenIds[r]}: scores must be finite`,
          );
        }
        chunkIds[chunkFill] = batch.tokenIds[r];
        chunkScores[chunkFill] = value;
        if (++chunkFill === chunkRows) await flush();
      }
      rowsDone += batch.rows;
      options.onProgress?.({ rows: rowsDone, wallSeconds: (performance.now() - started) / 1000, inferenceSeconds: inferenceMs / 1000 });
      current = next;
    }
    await flush();
    await flushing;
  } catch (error) {
    // Nothing of this run may still be working when the caller cleans up (clears a bad sweep's
    // scores, closes the backend): the next batch's inference and the last COPY settle first.
    await Promise.allSettled([inFlight, flushing]);
    throw error;
  }
  // Prefer the runtime's own clock: around score() we would also count its queueing.
  const runtimeMs = runtimeMsAtStart === undefined ? inferenceMs : backend.stats!().inferenceMs - runtimeMsAtStart;
  return { rows: rowsDone, wallSeconds: (performance.now() - started) / 1000, inferenceSeconds: runtimeMs / 1000 };
}

/** Id-mode batches: two alternating buffers, each row prefix + [id] + suffix. */
export function* splicedBatches(
  tokenIds: Int32Array,
  batchSize: number,
  seqLen: number,
  fill: (start: number, count: number, out: BigInt64Array) => void,
): Generator<ScoreBatch> {
  const buffers = [new BigInt64Array(batchSize * seqLen), new BigInt64Array(batchSize * seqLen)];
  let which = 0;
  for (let start = 0; start < tokenIds.length; start += batchSize) {
    const rows = Math.min(batchSize, tokenIds.length - start);
    const buffer = buffers[which];
    which ^= 1;
    fill(start, rows, buffer);
    yield {
      tokenIds: tokenIds.subarray(start, start + rows),
      inputIds: rows === batchSize ? buffer : buffer.subarray(0, rows * seqLen),
      rows,
      seqLen,
    };
  }
}
