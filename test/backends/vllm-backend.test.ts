import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BackendError, HttpBackendError, NonFiniteScoreError, OnnxBackend, parseRetryAfter, VllmBackend } from "../../runner/backends";
import { familyVocabulary, writeDemoBundle } from "../../runner/onnx";
import { fakeLogit, startFakeVllm, type FakeVllmOptions, type FakeVllmServer } from "../fixtures/fake-vllm/server";
import { batchOf, chatFrame, PROMPTS, wordId } from "../onnx/helpers";

let server: FakeVllmServer | null = null;
let backend: VllmBackend | null = null;
afterEach(async () => {
  await backend?.close();
  await server?.close();
  backend = null;
  server = null;
});

async function setup(opts: FakeVllmOptions = {}, client: Partial<Parameters<typeof VllmBackend.open>[0]> = {}) {
  server = await startFakeVllm(opts);
  backend = await VllmBackend.open({ baseUrl: server.url, initialBackoffMs: 5, maxBackoffMs: 50, ...client });
  return { server, backend };
}

/** n rows of seqLen ids; row r has candidate id 100 + r at position 3. */
function makeBatch(n: number, seqLen = 9): BigInt64Array {
  const b = new BigInt64Array(n * seqLen);
  for (let r = 0; r < n; r++) for (let j = 0; j < seqLen; j++) b[r * seqLen + j] = BigInt(j === 3 ? 100 + r : 7 * j + 1);
  return b;
}
const rowOf = (b: BigInt64Array, r: number, seqLen = 9) => Array.from(b.subarray(r * seqLen, (r + 1) * seqLen), Number);

describe("VllmBackend against the fake vLLM server", () => {
  it("round-trips token-id batches through /classify in chunks, several in flight", async () => {
    const { server, backend } = await setup({ latencyMs: 15 }, { rowsPerRequest: 7, maxInFlight: 3 });
    expect(backend.kind).toBe("vllm");
    expect(backend.device).toBe(`vllm ${server.url} (fake/reward-model)`);
    const batch = makeBatch(50);
    const out = await backend.score(batch, 50, 9);
    expect(out).toHaveLength(50);
    for (let r = 0; r < 50; r++) expect(out[r]).toBeCloseTo(fakeLogit(rowOf(batch, r)), 5);
    expect(out.some((v) => v < 0)).toBe(true); // raw logits, no sigmoid
    expect(server.classify).toHaveLength(8);
    expect(server.classify.map((c) => c.rows)).toEqual([7, 7, 7, 7, 7, 7, 7, 1]);
    const body = server.classify[0].body;
    expect(body).toMatchObject({ model: "fake/reward-model", add_special_tokens: false, use_activation: false });
    expect(body.input).toEqual([0, 1, 2, 3, 4, 5, 6].map((r) => rowOf(batch, r)));
    expect(server.maxConcurrent).toBeGreaterThan(1);
    expect(server.maxConcurrent).toBeLessThanOrEqual(3);
    expect(backend.stats()).toMatchObject({ rows: 50, batches: 1, retries: 0 });
  });

  it("retries 503s with backoff and succeeds", async () => {
    const { server, backend } = await setup({ failFirst: 3 }, { rowsPerRequest: 100 });
    const batch = makeBatch(4);
    const out = await backend.score(batch, 4, 9);
    expect(out[2]).toBeCloseTo(fakeLogit(rowOf(batch, 2)), 5);
    expect(server.classify.map((c) => c.status)).toEqual([503, 503, 503, 200]);
    expect(backend.stats().retries).toBe(3);
  });

  it("honours Retry-After on 429", async () => {
    const { server, backend } = await setup({ failFirst: 1, failStatus: 429, retryAfterSeconds: 1 });
    const t0 = Date.now();
    await backend.score(makeBatch(2), 2, 9);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(server.classify.map((c) => c.status)).toEqual([429, 200]);
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
  });

  it("retries connection resets (ECONNRESET)", async () => {
    const { server, backend } = await setup({ resetFirst: 2 });
    const out = await backend.score(makeBatch(3), 3, 9);
    expect(out).toHaveLength(3);
    expect(server.classify.map((c) => c.status)).toEqual([0, 0, 200]);
    expect(backend.stats().retries).toBe(2);
  });

  it("gives up after maxRetries with the status and attempt count", async () => {
    const { backend } = await setup({ failFirst: 100 }, { maxRetries: 2 });
    const err = await backend.score(makeBatch(2), 2, 9).catch((e) => e);
    expect(err).toBeInstanceOf(HttpBackendError);
    expect(err.status).toBe(503);
    expect(err.attempts).toBe(3);
    expect(err.message).toMatch(/HTTP 503 \(gave up after 3 attempts\): The server is temporarily overloaded/);
  });

  it("fails fast on a 400 with the server's message", async () => {
    const { server, backend } = await setup({ vocabSize: 1000 }, { rowsPerRequest: 2, maxInFlight: 1 });
    const batch = makeBatch(4);
    batch[2 * 9 + 3] = 5000n; // row 2 holds an id the model does not have
    const err = await backend.score(batch, 4, 9).catch((e) => e);
    expect(err).toBeInstanceOf(HttpBackendError);
    expect(err.status).toBe(400);
    expect(err.attempts).toBe(1);
    expect(err.message).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/classify -> HTTP 400: Token id 5000 is out of vocabulary/);
    expect(server.classify.map((c) => c.status)).toEqual([200, 400]);
    expect(backend.stats().retries).toBe(0);
  });

  it("checks the served model and the reward column", async () => {
    server = await startFakeVllm({ numLabels: 3 });
    await expect(VllmBackend.open({ baseUrl: server.url, model: "other/model" })).rejects.toThrow(
      /model "other\/model" is not served .*served: fake\/reward-model/,
    );
    backend = await VllmBackend.open({ baseUrl: server.url, rewardIndex: 2 });
    const batch = makeBatch(2);
    const out = await backend.score(batch, 2, 9);
    expect(out[1]).toBeCloseTo(fakeLogit(rowOf(batch, 1)) + 2, 5);
    const b4 = await VllmBackend.open({ baseUrl: server.url, rewardIndex: 3 });
    await expect(b4.score(batch, 2, 9)).rejects.toThrow(/rewardIndex = 3 but the model returns 3 value\(s\)/);
  });

  it("reports non-finite scores and an unreachable server", async () => {
    const { backend } = await setup({ scorer: (rows) => rows.map((r) => [r[3] === 101 ? NaN : 1]) });
    await expect(backend.score(makeBatch(3), 3, 9)).rejects.toThrow(NonFiniteScoreError);
    await expect(backend.score(makeBatch(3), 3, 9)).rejects.toThrow(/row 1 \(token id 101 at position 3\)/);
    const dead = await startFakeVllm();
    const url = dead.url;
    await dead.close();
    const err = await VllmBackend.open({ baseUrl: url, maxRetries: 1, initialBackoffMs: 5 }).catch((e) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect(err.message).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/health failed after 2 attempt\(s\).*ECONNREFUSED/);
  });

  it("gives the same scores as OnnxBackend when the server runs the demo ONNX model", async () => {
    const root = mkdtempSync(path.join(tmpdir(), "ra-vllm-"));
    try {
      const { manifest } = writeDemoBundle("llama3.1", root);
      const onnx = await OnnxBackend.open(root, manifest, { device: "cpu" });
      const scorer = async (rows: number[][]) => {
        const S = rows[0].length;
        const out = await onnx.score(BigInt64Array.from(rows.flat(), BigInt), rows.length, S);
        return Array.from(out, (v) => [v]);
      };
      const { backend } = await setup({ scorer, modelName: "reward-atlas/demo-llama3.1", maxModelLen: 8192 }, { rowsPerRequest: 16 });
      const vocab = familyVocabulary("llama3.1");
      const cands = ["love", "hate", "table", "music", "war", "peace", "pizza", "truth"].map((w) => wordId(vocab, w));
      cands.push(...Array.from({ length: 40 }, (_, i) => 1000 + 997 * i));
      const { batch, seqLen } = batchOf(chatFrame(vocab, "llama3.1", PROMPTS.greatest), cands);
      const viaHttp = await backend.score(batch, cands.length, seqLen);
      const direct = await onnx.score(batch, cands.length, seqLen);
      expect(Array.from(viaHttp)).toEqual(Array.from(direct));
      await onnx.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
