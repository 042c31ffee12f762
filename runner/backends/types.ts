/**
 * Scoring backends: something that turns a batch of equal-length token-id rows into one
 * reward per row. Rows are `prefixIds + [tokenId] + suffixIds` (runner/tokenize), so a batch
 * is a dense row-major BigInt64Array of batchSize * seqLen ids, with no padding.
 */

export interface BackendStats {
  /** Rows scored so far. */
  rows: number;
  /** Calls to score(). */
  batches: number;
  /**
   * Milliseconds spent inside inference: summed session.run time (onnx) or summed HTTP
   * request latency including retries' final attempts (vllm; requests overlap, so this can
   * exceed wall time). The engine reports wall / inferenceMs.
   */
  inferenceMs: number;
  /** HTTP requests sent (vllm), session runs (onnx). */
  requests: number;
  /** Retried attempts (vllm). */
  retries: number;
}

export interface ScoringBackend {
  readonly kind: "onnx" | "vllm";
  /** Human-readable device / endpoint, e.g. "cpu", "cuda", "vllm http://host:8000 (model)". */
  readonly device: string;
  /**
   * Score `batchSize` rows of `seqLen` ids (row-major). Resolves to one reward per row.
   * Rejects with a BackendError subclass on any model or transport problem.
   */
  score(batch: BigInt64Array, batchSize: number, seqLen: number): Promise<Float32Array>;
  /**
   * Backends that can keep a shared prefix's attention keys/values (an ONNX model with cache I/O)
   * return a backend scoring only the rows' continuation after `prefixIds`; null when they cannot.
   */
  withCachedPrefix?(prefixIds: number[]): Promise<ScoringBackend | null>;
  close(): Promise<void>;
  /** Counters for throughput reporting. */
  stats?(): BackendStats;
}

export type BackendErrorCode =
  | "MODEL_LOAD"
  | "IO_MISMATCH"
  | "OUTPUT_SHAPE"
  | "NON_FINITE"
  | "VOCAB_MISMATCH"
  | "DEVICE_UNAVAILABLE"
  | "BAD_BATCH"
  | "INFERENCE"
  | "HTTP"
  | "PROTOCOL"
  | "CLOSED";

export class BackendError extends Error {
  override name = "BackendError";
  constructor(
    readonly code: BackendErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** model.onnx could not be loaded (missing, truncated, corrupt, unsupported op...). */
export class ModelLoadError extends BackendError {
  override name = "ModelLoadError";
  constructor(
    readonly path: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super("MODEL_LOAD", `failed to load model ${path}: ${detail}`, options);
  }
}

/** The requested execution provider / device is not usable. */
export class DeviceUnavailableError extends BackendError {
  override name = "DeviceUnavailableError";
  constructor(
    readonly device: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super("DEVICE_UNAVAILABLE", message, options);
  }
}

/** The manifest names inputs/outputs the model does not have. */
export class ModelIoError extends BackendError {
  override name = "ModelIoError";
  constructor(message: string) {
    super("IO_MISMATCH", message);
  }
}

/** The reward output does not have the shape [batch, k] with index < k. */
export class OutputShapeError extends BackendError {
  override name = "OutputShapeError";
  constructor(
    message: string,
    readonly dims: readonly number[],
  ) {
    super("OUTPUT_SHAPE", message);
  }
}

export interface NonFiniteRow {
  /** Row index within the batch. */
  row: number;
  value: number;
  /**
   * The row's candidate token: the id at the one column where rows of the batch differ
   * (undefined when the batch has a single row or several varying columns).
   */
  tokenId?: number;
  /** Column of that candidate token. */
  position?: number;
}

/** The model produced NaN or +-Inf. */
export class NonFiniteScoreError extends BackendError {
  override name = "NonFiniteScoreError";
  constructor(
    message: string,
    readonly rows: NonFiniteRow[],
  ) {
    super("NON_FINITE", message);
  }
}

/** The model's embedding is smaller than the tokenizer vocabulary (a token id is out of range). */
export class VocabularyMismatchError extends BackendError {
  override name = "VocabularyMismatchError";
  constructor(
    message: string,
    readonly tokenId: number | undefined,
    readonly embeddingRows: number | undefined,
    options?: { cause?: unknown },
  ) {
    super("VOCAB_MISMATCH", message, options);
  }
}

/** HTTP failure talking to a scoring server (after retries for transient ones). */
export class HttpBackendError extends BackendError {
  override name = "HttpBackendError";
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super("HTTP", message, options);
  }
}

export function checkBatch(batch: BigInt64Array, batchSize: number, seqLen: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1 || !Number.isInteger(seqLen) || seqLen < 1)
    throw new BackendError("BAD_BATCH", `batchSize and seqLen must be positive integers (got ${batchSize} x ${seqLen})`);
  if (batch.length !== batchSize * seqLen)
    throw new BackendError(
      "BAD_BATCH",
      `batch holds ${batch.length} ids but batchSize x seqLen = ${batchSize} x ${seqLen} = ${batchSize * seqLen}`,
    );
}

/**
 * Locate the candidate token of each row: the single column whose id varies across rows.
 * Returns -1 when no single such column exists (one row, identical rows, or several varying columns).
 */
export function varyingColumn(batch: BigInt64Array, batchSize: number, seqLen: number): number {
  if (batchSize < 2) return -1;
  let found = -1;
  for (let col = 0; col < seqLen; col++) {
    const first = batch[col];
    for (let r = 1; r < batchSize; r++) {
      if (batch[r * seqLen + col] !== first) {
        if (found !== -1) return -1;
        found = col;
        break;
      }
    }
  }
  return found;
}

/** Build the NON_FINITE error for the given rows of out (checks every value). */
export function findNonFinite(
  out: Float32Array,
  batch: BigInt64Array,
  batchSize: number,
  seqLen: number,
  /** Tokens before the rows (a cached prefix): positions are reported in the whole sequence. */
  positionOffset = 0,
): NonFiniteScoreError | null {
  let bad: number[] | null = null;
  for (let i = 0; i < out.length; i++) if (!Number.isFinite(out[i])) (bad ??= []).push(i);
  if (!bad) return null;
  const col = varyingColumn(batch, batchSize, seqLen);
  const rows: NonFiniteRow[] = bad.map((row) =>
    col >= 0
      ? { row, value: out[row], tokenId: Number(batch[row * seqLen + col]), position: positionOffset + col }
      : { row, value: out[row] },
  );
  const shown = rows
    .slice(0, 8)
    .map((r) =>
      r.tokenId !== undefined
        ? `row ${r.row} (token id ${r.tokenId} at position ${r.position}) = ${r.value}`
        : `row ${r.row} (ids ${Array.from(batch.subarray(r.row * seqLen, (r.row + 1) * seqLen)).join(",")}) = ${r.value}`,
    )
    .join("; ");
  const more = rows.length > 8 ? `; and ${rows.length - 8} more` : "";
  return new NonFiniteScoreError(
    `model returned ${rows.length} non-finite score(s) in a batch of ${batchSize}: ${shown}${more}`,
    rows,
  );
}
