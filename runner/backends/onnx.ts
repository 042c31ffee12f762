/**
 * onnxruntime-node scoring backend.
 *
 * Checks, with messages that say what is wrong:
 * - at open: model.onnx loads (else ModelLoadError naming the path); the execution provider is
 *   available (else DeviceUnavailableError); the input/output names of the manifest exist in
 *   the graph (else ModelIoError listing the graph's actual names).
 * - at the first run: the reward output is [batch, k] with reward.index < k (OutputShapeError
 *   naming the shape); a [batch, seq] output whose second dim is symbolic and equals the
 *   sequence length is rejected as per-token scores.
 * - every run: all rewards finite (NonFiniteScoreError naming the rows and candidate tokens);
 *   onnxruntime's out-of-bounds Gather error is mapped to VocabularyMismatchError.
 * `probeVocabulary(maxTokenId)` runs a one-row batch holding the largest id to surface an
 * embedding smaller than the tokenizer vocabulary before a sweep starts. Note: onnxruntime's
 * CUDA Gather does not bounds-check, so run the probe on CPU when in doubt.
 */
import { existsSync } from "node:fs";
import * as ort from "onnxruntime-node";
import path from "node:path";
import { BUNDLE_FILES, pastTensorName, type BundleManifest } from "../bundle/manifest";
import { emptyPast, PrefixKeyValues, readPastLayout, type PastLayout } from "./pastKeyValues";
import { mapCreateError, mapRunError, type OnnxDevice } from "./onnxErrors";
import {
  BackendError,
  checkBatch,
  DeviceUnavailableError,
  findNonFinite,
  ModelIoError,
  ModelLoadError,
  OutputShapeError,
  VocabularyMismatchError,
  type BackendStats,
  type ScoringBackend,
} from "./types";

export { CUDA_UNAVAILABLE_HINT, mapCreateError, mapRunError, type OnnxDevice } from "./onnxErrors";

export interface OnnxBackendOptions {
  device: OnnxDevice;
  /** Threads for one operator (CPU EP). Default: onnxruntime's (all physical cores). */
  intraOpThreads?: number;
  interOpThreads?: number;
  /** onnxruntime log level: 0 verbose .. 4 fatal. Default 3 (errors). */
  logSeverityLevel?: 0 | 1 | 2 | 3 | 4;
  /** CUDA device id. Default 0. */
  deviceId?: number;
}

/** The part of a manifest the backend needs. */
export type ModelIo = Pick<BundleManifest, "inputs" | "reward"> & Partial<Pick<BundleManifest, "dtype" | "vocabSize" | "pastKeyValues">>;

function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

function toFloat(data: ort.Tensor["data"], type: string): ArrayLike<number> {
  if (type === "float32" || type === "float64") return data as Float32Array | Float64Array;
  if (type === "float16") {
    if (data instanceof Uint16Array) return Float32Array.from(data, halfToFloat);
    return data as unknown as ArrayLike<number>; // Float16Array where the runtime has it
  }
  throw new BackendError("OUTPUT_SHAPE", `reward output has element type ${type}; expected float32 or float16`);
}

export class OnnxBackend implements ScoringBackend {
  readonly kind = "onnx" as const;
  private session: ort.InferenceSession | null;
  private checkedShape = false;
  private readonly onesCache = new Map<string, ort.Tensor>();
  private readonly posCache = new Map<string, ort.Tensor>();
  private readonly counters: BackendStats = { rows: 0, batches: 0, inferenceMs: 0, requests: 0, retries: 0 };
  /** Key/value cache inputs, when the manifest declares them (pastKeyValues). */
  private past: PastLayout | null = null;

  private constructor(
    session: ort.InferenceSession,
    readonly device: OnnxDevice,
    readonly modelPath: string,
    readonly io: ModelIo,
  ) {
    this.session = session;
  }

  /** Open the model.onnx of a bundle folder (manifest already parsed, e.g. by loadBundle). */
  static async open(bundleDir: string, manifest: BundleManifest, opts: OnnxBackendOptions): Promise<OnnxBackend> {
    return OnnxBackend.openModel(path.join(bundleDir, BUNDLE_FILES.model), manifest, opts);
  }

  /** Open any model.onnx path with the given I/O description. */
  static async openModel(modelPath: string, io: ModelIo, opts: OnnxBackendOptions): Promise<OnnxBackend> {
    const device = opts.device;
    if (!["cpu", "cuda", "webgpu"].includes(device))
      throw new DeviceUnavailableError(String(device), `unknown device "${device}" (use cpu, cuda or webgpu)`);
    if (!existsSync(modelPath)) throw new ModelLoadError(modelPath, "file not found");
    const so: ort.InferenceSession.SessionOptions = {
      executionProviders:
        device === "cuda" ? [{ name: "cuda", deviceId: opts.deviceId ?? 0 }] : device === "webgpu" ? ["webgpu"] : ["cpu"],
      graphOptimizationLevel: "all",
      logSeverityLevel: opts.logSeverityLevel ?? 3,
      // Idle intra-op threads sleep instead of spinning: several runner processes (workers, the
      // web app's queue checks, tests) often share few cores, and spinning threads starve them.
      // RA_ORT_SPIN=1 restores spinning for a machine given to one sweep.
      extra: { session: { intra_op: { allow_spinning: process.env.RA_ORT_SPIN === "1" ? "1" : "0" }, inter_op: { allow_spinning: process.env.RA_ORT_SPIN === "1" ? "1" : "0" } } },
    };
    if (opts.intraOpThreads) so.intraOpNumThreads = opts.intraOpThreads;
    if (opts.interOpThreads) so.interOpNumThreads = opts.interOpThreads;
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(modelPath, so);
    } catch (e) {
      throw mapCreateError(e, modelPath, device);
    }
    const backend = new OnnxBackend(session, device, modelPath, io);
    try {
      backend.validateIo();
      if (io.pastKeyValues) backend.past = readPastLayout(session, io.pastKeyValues, modelPath);
    } catch (e) {
      await session.release();
      throw e;
    }
    return backend;
  }

  private validateIo(): void {
    const s = this.session!;
    const problems: string[] = [];
    const want: [string, string | null | undefined][] = [
      ["inputs.inputIds", this.io.inputs.inputIds],
      ["inputs.attentionMask", this.io.inputs.attentionMask],
      ["inputs.positionIds", this.io.inputs.positionIds],
    ];
    const past = this.io.pastKeyValues;
    const pastOutputs: string[] = [];
    for (let layer = 0; past && layer < past.layers; layer++)
      for (const kind of ["key", "value"] as const) {
        want.push([`pastKeyValues.input (layer ${layer} ${kind})`, pastTensorName(past.input, layer, kind)]);
        pastOutputs.push(pastTensorName(past.output, layer, kind));
      }
    for (const [field, name] of want)
      if (name && !s.inputNames.includes(name)) problems.push(`manifest ${field} = "${name}" is not an input of the model`);
    const named = new Set(want.map(([, n]) => n).filter(Boolean));
    const unnamedPast = s.inputNames.filter((name) => !named.has(name) && /past|cache/i.test(name));
    if (unnamedPast.length)
      problems.push(
        `model inputs ${unnamedPast.map((n) => `"${n}"`).join(", ")} look like a key/value cache the manifest does not declare ` +
          `(set pastKeyValues: { "layers": ${Math.max(1, unnamedPast.length / 2)} } and inputs.positionIds)`,
      );
    for (const name of s.inputNames)
      if (!named.has(name) && !unnamedPast.includes(name))
        problems.push(`model input "${name}" is not named in the manifest (set inputs.attentionMask / inputs.positionIds)`);
    for (const name of pastOutputs)
      if (!s.outputNames.includes(name)) problems.push(`manifest pastKeyValues.output gives "${name}", which is not an output of the model`);
    if (!s.outputNames.includes(this.io.reward.output))
      problems.push(`manifest reward.output = "${this.io.reward.output}" is not an output of the model`);
    if (problems.length)
      throw new ModelIoError(
        `${this.modelPath}: ${problems.join("; ")}. Model inputs: [${s.inputNames.join(", ")}]; outputs: [${s.outputNames.join(", ")}]`,
      );
  }

  /** Declared shape of the reward output (symbolic dims as strings), if onnxruntime reports it. */
  get declaredOutputShape(): readonly (number | string)[] | undefined {
    const md = this.session?.outputMetadata.find((m) => m.name === this.io.reward.output);
    return md && md.isTensor ? md.shape : undefined;
  }

  stats(): BackendStats {
    return { ...this.counters };
  }

  /** Milliseconds spent inside session.run so far. */
  get inferenceMs(): number {
    return this.counters.inferenceMs;
  }

  private ones(batchSize: number, seqLen: number): ort.Tensor {
    const key = `${batchSize}x${seqLen}`;
    let t = this.onesCache.get(key);
    if (!t) {
      t = new ort.Tensor("int64", new BigInt64Array(batchSize * seqLen).fill(1n), [batchSize, seqLen]);
      this.onesCache.set(key, t);
    }
    return t;
  }

  /** Positions first..first+seqLen-1 for every row (first > 0 after a cached prefix). */
  private positions(batchSize: number, seqLen: number, first = 0): ort.Tensor {
    const key = `${batchSize}x${seqLen}+${first}`;
    let t = this.posCache.get(key);
    if (!t) {
      const data = new BigInt64Array(batchSize * seqLen);
      for (let r = 0; r < batchSize; r++) for (let c = 0; c < seqLen; c++) data[r * seqLen + c] = BigInt(first + c);
      t = new ort.Tensor("int64", data, [batchSize, seqLen]);
      this.posCache.set(key, t);
    }
    return t;
  }

  /** One session.run. `prefix`: cached keys/values the rows continue from (else an empty past,
   * for a model with cache inputs). `fetch` defaults to the reward output. */
  private async run(batch: BigInt64Array, batchSize: number, seqLen: number, prefix?: PrefixKeyValues, fetch?: string[]) {
    const s = this.session;
    if (!s) throw new BackendError("CLOSED", "backend is closed");
    const dims = [batchSize, seqLen];
    const cached = prefix?.length ?? 0;
    const feeds: Record<string, ort.Tensor> = { [this.io.inputs.inputIds]: new ort.Tensor("int64", batch, dims) };
    // No padding in a sweep: the mask is all ones (cached per shape); it covers the cached positions too.
    if (this.io.inputs.attentionMask) feeds[this.io.inputs.attentionMask] = this.ones(batchSize, cached + seqLen);
    if (this.io.inputs.positionIds) feeds[this.io.inputs.positionIds] = this.positions(batchSize, seqLen, cached);
    if (this.past) Object.assign(feeds, prefix ? prefix.feeds(batchSize) : emptyPast(this.past, batchSize));
    const outputs = fetch ?? [this.io.reward.output];
    const t0 = performance.now();
    try {
      const out = await s.run(feeds, outputs);
      return fetch ? out : { [this.io.reward.output]: out[this.io.reward.output] };
    } catch (e) {
      throw mapRunError(e, this.io.inputs.inputIds);
    } finally {
      this.counters.inferenceMs += performance.now() - t0;
      this.counters.requests++;
    }
  }

  private checkShape(dims: readonly number[], batchSize: number, seqLen: number): number {
    const out = this.io.reward.output;
    const idx = this.io.reward.index;
    const shape = `[${dims.join(", ")}]`;
    const declared = this.declaredOutputShape;
    const declaredStr = declared ? ` (declared [${declared.join(", ")}])` : "";
    if (dims.length === 1 && dims[0] === batchSize && idx === 0) return 1; // [batch]: tolerated, index 0 only
    if (dims.length !== 2 || dims[0] !== batchSize) {
      const hint =
        dims.length === 3 && dims[0] === batchSize && dims[1] === seqLen
          ? " It looks like per-token scores; export the sequence-classification head (optimum --task text-classification)."
          : "";
      throw new OutputShapeError(
        `reward output "${out}" has shape ${shape}${declaredStr} for a batch of ${batchSize} x ${seqLen}; expected [${batchSize}, k].${hint}`,
        dims,
      );
    }
    if (declared && typeof declared[1] === "string" && dims[1] === seqLen && seqLen > 1)
      throw new OutputShapeError(
        `reward output "${out}" has shape ${shape}${declaredStr}: its second dim is symbolic and equals the sequence length ${seqLen}, ` +
          `so these look like per-token scores, not [batch, num_labels]`,
        dims,
      );
    if (idx >= dims[1])
      throw new OutputShapeError(
        `reward.index = ${idx} but reward output "${out}" has shape ${shape}${declaredStr}, i.e. only ${dims[1]} column(s)`,
        dims,
      );
    return dims[1];
  }

  async score(batch: BigInt64Array, batchSize: number, seqLen: number): Promise<Float32Array> {
    return this.scoreRows(batch, batchSize, seqLen);
  }

  /**
   * For a model with key/value cache I/O (manifest pastKeyValues): run `prefixIds` once and return
   * a backend whose rows are only what follows that prefix ([id] + suffix); every row attends to
   * the prefix's cached keys/values, so its score equals that of the whole row up to float
   * rounding. Resolves to null for a model without cache I/O. Shares this backend's counters.
   */
  async withCachedPrefix(prefixIds: number[]): Promise<ScoringBackend | null> {
    const layout = this.past;
    if (!layout || prefixIds.length === 0) return null;
    const ids = BigInt64Array.from(prefixIds, (id) => BigInt(id));
    const out = await this.run(ids, 1, ids.length, undefined, layout.tensors.map((t) => t.output));
    const prefix = new PrefixKeyValues(layout, prefixIds.length, out);
    return {
      kind: this.kind,
      device: this.device,
      score: (batch, batchSize, seqLen) => this.scoreRows(batch, batchSize, seqLen, prefix),
      close: async () => prefix.release(),
      stats: () => this.stats(),
    };
  }

  private async scoreRows(batch: BigInt64Array, batchSize: number, seqLen: number, prefix?: PrefixKeyValues): Promise<Float32Array> {
    checkBatch(batch, batchSize, seqLen);
    const t = (await this.run(batch, batchSize, seqLen, prefix))[this.io.reward.output];
    const dims = t.dims as readonly number[];
    if (!this.checkedShape) {
      this.checkShape(dims, batchSize, seqLen);
      this.checkedShape = true;
    } else if (dims[0] !== batchSize) {
      this.checkShape(dims, batchSize, seqLen);
    }
    const k = dims.length === 1 ? 1 : dims[1];
    const data = toFloat(t.data, t.type);
    const idx = this.io.reward.index;
    const out = new Float32Array(batchSize);
    for (let i = 0; i < batchSize; i++) out[i] = data[i * k + idx];
    t.dispose?.();
    const bad = findNonFinite(out, batch, batchSize, seqLen, prefix?.length ?? 0);
    if (bad) throw bad;
    this.counters.rows += batchSize;
    this.counters.batches++;
    return out;
  }

  /**
   * Run one row holding `maxTokenId` (inside `context` = prefix/suffix ids when given, else alone)
   * and fail with VocabularyMismatchError if the model's embedding cannot index it.
   * Resolves to the row's score.
   */
  async probeVocabulary(maxTokenId: number, context?: { prefixIds: number[]; suffixIds: number[] }): Promise<number> {
    const ids = [...(context?.prefixIds ?? []), maxTokenId, ...(context?.suffixIds ?? [])];
    const batch = BigInt64Array.from(ids, (x) => BigInt(x));
    try {
      const out = await this.score(batch, 1, ids.length);
      return out[0];
    } catch (e) {
      if (e instanceof VocabularyMismatchError)
        throw new VocabularyMismatchError(
          `vocabulary probe failed: the model's embedding is smaller than the tokenizer vocabulary ` +
            `(max token id ${maxTokenId} needs ${maxTokenId + 1} rows, the embedding has ${e.embeddingRows ?? "fewer"}). ` +
            `Is this the right tokenizer / manifest.vocabSize for this model?`,
          maxTokenId,
          e.embeddingRows,
          { cause: e },
        );
      throw e;
    }
  }

  async close(): Promise<void> {
    const s = this.session;
    this.session = null;
    if (s) await s.release();
  }
}
