/**
 * Scoring through a vLLM server started in pooling mode, e.g.
 *   vllm serve Skywork/Skywork-Reward-V2-Llama-3.1-8B --runner pooling
 * using its `/classify` endpoint with pre-tokenized inputs.
 *
 * Wire format, as documented by vLLM (checked against the source, 2025-2026 releases):
 * - Request (`ClassificationCompletionRequest` = PoolingBasicRequestMixin + CompletionRequestMixin
 *   + ClassifyRequestMixin, vllm/entrypoints/pooling/{base,classify}/protocol.py):
 *     { "model": str | null,
 *       "input": list[int] | list[list[int]] | str | list[str],   -- token-id lists are accepted
 *       "add_special_tokens": bool = true,   -- "If true (the default), special tokens (e.g. BOS)
 *                                                will be added to the prompt": we send false,
 *                                                our ids already hold the chat template's BOS
 *       "use_activation": bool | null = null -- "Whether to use activation for the pooler outputs.
 *                                                None uses the pooler's default, which is True in
 *                                                most cases": we send false to get raw logits
 *       "truncate_prompt_tokens", "priority", "request_id", ... (unused) }
 *   examples/pooling/classify/classification_online.py ("/classify can accept token ids as
 *   input") posts {"model": model, "input": token_ids} with token_ids a list of id lists.
 * - Response (ClassificationResponse): { "id": "classify-...", "object": "list", "created": int,
 *     "model": str, "data": [ { "index": int, "label": str | null, "probs": list[float],
 *     "num_classes": int } ], "usage": { "prompt_tokens", "total_tokens", ... } }
 *   With use_activation=false `probs` holds the raw classifier logits; data[i].index is the
 *   position of the input in the request.
 * - Errors: current vLLM returns { "error": { "message", "type", "param", "code" } }
 *   (ErrorResponse/ErrorInfo in vllm/entrypoints/openai/engine/protocol.py); older releases
 *   returned the flat { "object": "error", "message", "type", "param", "code" }. Both are read.
 * - GET /health (200 when ready), GET /v1/models -> { "object": "list", "data": [ { "id", "max_model_len", ... } ] }.
 * Sources: https://docs.vllm.ai/en/v0.15.0/examples/pooling/classify/ (classification_online.py),
 * https://docs.vllm.ai/en/v0.16.0/api/vllm/entrypoints/pooling/classify/protocol/ ,
 * https://docs.vllm.ai/en/stable/models/pooling_models/classify/ .
 */
import { z } from "zod";
import {
  BackendError,
  checkBatch,
  findNonFinite,
  HttpBackendError,
  type BackendStats,
  type ScoringBackend,
} from "./types";

export interface VllmBackendOptions {
  /** Server root, e.g. "http://127.0.0.1:8000" (no trailing /v1). */
  baseUrl: string;
  /** Served model name; default: the first entry of GET /v1/models. */
  model?: string;
  /** Column of `probs` that is the reward. Default 0. */
  rewardIndex?: number;
  /** Rows per /classify request. Default 64. */
  rowsPerRequest?: number;
  /** Requests in flight at once. Default 4. */
  maxInFlight?: number;
  /** Retries per request for transient failures (5xx, 408, 429, connection errors). Default 5. */
  maxRetries?: number;
  /** First backoff delay; doubles per retry (with jitter), capped by maxBackoffMs. Defaults 250 / 10000 ms. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Largest Retry-After honoured (longer values are capped). Default 60000 ms. */
  maxRetryAfterMs?: number;
  /** Per-attempt timeout. Default 300000 ms. */
  requestTimeoutMs?: number;
  /** Sent as `Authorization: Bearer ...` (vllm serve --api-key). */
  apiKey?: string;
  /** Default false: raw logits. */
  useActivation?: boolean;
  /** Default false: the ids already hold the template's special tokens. */
  addSpecialTokens?: boolean;
  /**
   * Extra request fields, e.g. { activation: false } for vLLM 0.10.x, which predates
   * `use_activation` (renamed in vllm-project/vllm#25524, 0.11.1; per-request `activation`
   * came with #20538). Servers older than that ignore both: start them with
   * --override-pooler-config '{"softmax": false}' (or check that scores are not squashed into (0, 1)).
   */
  extraBody?: Record<string, unknown>;
}

const ModelList = z.object({
  data: z.array(z.object({ id: z.string(), max_model_len: z.number().int().nullish() }).passthrough()),
});

const ClassificationResponse = z.object({
  data: z.array(
    z
      .object({
        index: z.number().int().nonnegative(),
        probs: z.array(z.number().nullable()),
        num_classes: z.number().int().optional(),
        label: z.string().nullish(),
      })
      .passthrough(),
  ),
});
type ClassificationResponse = z.infer<typeof ClassificationResponse>;

const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

function errorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

function describeNetworkError(e: unknown): string {
  const code = errorCode(e);
  const msg = e instanceof Error ? e.message : String(e);
  const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : "";
  return code ? `${msg} (${code}${cause})` : `${msg}${cause}`;
}

function isTransientNetworkError(e: unknown): boolean {
  const name = e instanceof Error ? e.name : "";
  if (name === "TimeoutError") return true; // AbortSignal.timeout
  const code = errorCode(e);
  if (code && TRANSIENT_CODES.has(code)) return true;
  return e instanceof TypeError && /fetch failed|terminated|other side closed/i.test(e.message);
}

function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** Retry-After: delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const s = Number(value.trim());
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const t = Date.parse(value);
  return Number.isFinite(t) ? Math.max(0, t - now) : undefined;
}

/** The server's error message from a vLLM/OpenAI-style error body, or the raw text. */
export function serverMessage(text: string): string {
  try {
    const j = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown; detail?: unknown };
    if (j && typeof j.error === "object" && typeof j.error?.message === "string") return j.error.message;
    if (typeof j.error === "string") return j.error;
    if (typeof j.message === "string") return j.message;
    if (j.detail !== undefined) return typeof j.detail === "string" ? j.detail : JSON.stringify(j.detail);
  } catch {
    /* not JSON */
  }
  return text.trim().slice(0, 500) || "(empty body)";
}

/** JSON.parse that tolerates Python's NaN / Infinity tokens (turned into null = non-finite). */
function parseJsonLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const fixed = text.replace(/(?<=[[,:]\s*)(-?Infinity|NaN)(?=\s*[,\]}])/g, "null");
    if (fixed !== text) return JSON.parse(fixed);
    throw e;
  }
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

export class VllmBackend implements ScoringBackend {
  readonly kind = "vllm" as const;
  readonly device: string;
  private closed = false;
  private readonly inflight = new Set<AbortController>();
  private readonly counters: BackendStats = { rows: 0, batches: 0, inferenceMs: 0, requests: 0, retries: 0 };
  private readonly o: Required<Omit<VllmBackendOptions, "model" | "apiKey" | "extraBody">> & {
    apiKey?: string;
    extraBody: Record<string, unknown>;
  };

  private constructor(
    opts: VllmBackendOptions,
    readonly model: string,
    readonly maxModelLen: number | undefined,
  ) {
    this.o = {
      baseUrl: opts.baseUrl.replace(/\/+$/, ""),
      rewardIndex: opts.rewardIndex ?? 0,
      rowsPerRequest: opts.rowsPerRequest ?? 64,
      maxInFlight: opts.maxInFlight ?? 4,
      maxRetries: opts.maxRetries ?? 5,
      initialBackoffMs: opts.initialBackoffMs ?? 250,
      maxBackoffMs: opts.maxBackoffMs ?? 10_000,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 60_000,
      requestTimeoutMs: opts.requestTimeoutMs ?? 300_000,
      useActivation: opts.useActivation ?? false,
      addSpecialTokens: opts.addSpecialTokens ?? false,
      apiKey: opts.apiKey,
      extraBody: opts.extraBody ?? {},
    };
    this.device = `vllm ${this.o.baseUrl} (${model})`;
  }

  /** Check /health, resolve the served model through /v1/models. */
  static async open(opts: VllmBackendOptions): Promise<VllmBackend> {
    for (const [k, v] of Object.entries({ rowsPerRequest: opts.rowsPerRequest, maxInFlight: opts.maxInFlight }))
      if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new BackendError("BAD_BATCH", `${k} must be a positive integer, got ${v}`);
    if (opts.rewardIndex !== undefined && (!Number.isInteger(opts.rewardIndex) || opts.rewardIndex < 0))
      throw new BackendError("BAD_BATCH", `rewardIndex must be a non-negative integer, got ${opts.rewardIndex}`);
    const probe = new VllmBackend(opts, opts.model ?? "?", undefined);
    await probe.request("GET", "/health");
    const list = ModelList.safeParse(parseJsonLenient(await probe.request("GET", "/v1/models")));
    if (!list.success || list.data.data.length === 0)
      throw new BackendError("PROTOCOL", `${probe.o.baseUrl}/v1/models returned no models`);
    const ids = list.data.data.map((m) => m.id);
    const name = opts.model ?? ids[0];
    const card = list.data.data.find((m) => m.id === name);
    if (!card)
      throw new BackendError("PROTOCOL", `model "${name}" is not served by ${probe.o.baseUrl} (served: ${ids.join(", ")})`);
    return new VllmBackend(opts, name, card.max_model_len ?? undefined);
  }

  stats(): BackendStats {
    return { ...this.counters };
  }

  private backoff(attempt: number): number {
    const base = Math.min(this.o.maxBackoffMs, this.o.initialBackoffMs * 2 ** attempt);
    return base / 2 + (Math.random() * base) / 2;
  }

  /** One HTTP exchange with retries; resolves to the response text of a 2xx. */
  private async request(method: "GET" | "POST", route: string, body?: string, outer?: AbortSignal): Promise<string> {
    const url = `${this.o.baseUrl}${route}`;
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.o.apiKey) headers.authorization = `Bearer ${this.o.apiKey}`;
    for (let attempt = 0; ; attempt++) {
      if (this.closed) throw new BackendError("CLOSED", "backend is closed");
      if (outer?.aborted) throw outer.reason;
      const ctl = new AbortController();
      this.inflight.add(ctl);
      const signal = AbortSignal.any([ctl.signal, AbortSignal.timeout(this.o.requestTimeoutMs), ...(outer ? [outer] : [])]);
      const t0 = performance.now();
      let res: Response;
      let text: string;
      try {
        res = await fetch(url, { method, headers, body, signal });
        text = await res.text();
      } catch (e) {
        if (this.closed) throw new BackendError("CLOSED", "backend was closed during a request", { cause: e });
        if (outer?.aborted) throw outer.reason;
        if (attempt < this.o.maxRetries && isTransientNetworkError(e)) {
          this.counters.retries++;
          await sleep(this.backoff(attempt), outer);
          continue;
        }
        throw new HttpBackendError(
          `${method} ${url} failed after ${attempt + 1} attempt(s): ${describeNetworkError(e)}`,
          undefined,
          attempt + 1,
          { cause: e },
        );
      } finally {
        this.inflight.delete(ctl);
        this.counters.inferenceMs += performance.now() - t0;
        this.counters.requests++;
      }
      if (res.ok) return text;
      const msg = serverMessage(text);
      if (isTransientStatus(res.status) && attempt < this.o.maxRetries) {
        this.counters.retries++;
        const ra = parseRetryAfter(res.headers.get("retry-after"));
        await sleep(ra !== undefined ? Math.min(ra, this.o.maxRetryAfterMs) : this.backoff(attempt), outer);
        continue;
      }
      const why = isTransientStatus(res.status) ? ` (gave up after ${attempt + 1} attempts)` : "";
      throw new HttpBackendError(`${method} ${url} -> HTTP ${res.status}${why}: ${msg}`, res.status, attempt + 1);
    }
  }

  private async classify(rows: number[][], signal: AbortSignal): Promise<Float64Array> {
    const body = JSON.stringify({
      ...this.o.extraBody,
      model: this.model,
      input: rows,
      add_special_tokens: this.o.addSpecialTokens,
      use_activation: this.o.useActivation,
    });
    const text = await this.request("POST", "/classify", body, signal);
    let parsed: ClassificationResponse;
    try {
      const r = ClassificationResponse.safeParse(parseJsonLenient(text));
      if (!r.success) throw new Error(r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      parsed = r.data;
    } catch (e) {
      throw new BackendError("PROTOCOL", `unexpected /classify response from ${this.o.baseUrl}: ${(e as Error).message}`, { cause: e });
    }
    if (parsed.data.length !== rows.length)
      throw new BackendError("PROTOCOL", `/classify returned ${parsed.data.length} results for ${rows.length} inputs`);
    const out = new Float64Array(rows.length).fill(NaN);
    const seen = new Uint8Array(rows.length);
    for (const d of parsed.data) {
      if (d.index >= rows.length || seen[d.index])
        throw new BackendError("PROTOCOL", `/classify returned a bad or duplicate index ${d.index} for ${rows.length} inputs`);
      seen[d.index] = 1;
      if (this.o.rewardIndex >= d.probs.length)
        throw new BackendError(
          "OUTPUT_SHAPE",
          `rewardIndex = ${this.o.rewardIndex} but the model returns ${d.probs.length} value(s) per input (num_classes ${d.num_classes ?? "?"})`,
        );
      const v = d.probs[this.o.rewardIndex];
      out[d.index] = v === null ? NaN : v;
    }
    return out;
  }

  async score(batch: BigInt64Array, batchSize: number, seqLen: number): Promise<Float32Array> {
    checkBatch(batch, batchSize, seqLen);
    if (this.closed) throw new BackendError("CLOSED", "backend is closed");
    if (this.maxModelLen !== undefined && seqLen > this.maxModelLen)
      throw new BackendError("BAD_BATCH", `sequence length ${seqLen} exceeds the server's max_model_len ${this.maxModelLen}`);
    const per = this.o.rowsPerRequest;
    const chunks: [number, number][] = [];
    for (let r = 0; r < batchSize; r += per) chunks.push([r, Math.min(batchSize, r + per)]);
    const out = new Float32Array(batchSize);
    const abort = new AbortController();
    let next = 0;
    let failure: unknown;
    const worker = async () => {
      while (next < chunks.length && failure === undefined) {
        const [from, to] = chunks[next++];
        const rows: number[][] = [];
        for (let r = from; r < to; r++) rows.push(Array.from(batch.subarray(r * seqLen, (r + 1) * seqLen), Number));
        try {
          const vals = await this.classify(rows, abort.signal);
          out.set(vals, from);
        } catch (e) {
          if (failure === undefined) {
            failure = e;
            abort.abort(e);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.maxInFlight, chunks.length) }, worker));
    if (failure !== undefined) throw failure;
    const bad = findNonFinite(out, batch, batchSize, seqLen);
    if (bad) throw bad;
    this.counters.rows += batchSize;
    this.counters.batches++;
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const c of this.inflight) c.abort(new BackendError("CLOSED", "backend closed"));
    this.inflight.clear();
  }
}
