import * as ort from "onnxruntime-node";
import { describe, expect, it } from "vitest";
import {
  buildDemoRewardModel,
  computeDemoWeights,
  decodePiece,
  demoModelSpec,
  demoReferenceScore,
  familyVocabulary,
  loadLexicons,
  TOKENIZER_FAMILIES,
  type TokenizerFamily,
} from "../../runner/onnx";
import { batchOf, chatFrame, mean, PROMPTS, spearman, wordId } from "./helpers";

const POSITIVE = ["love", "wonderful", "excellent", "happy", "beautiful", "joy"];
const NEGATIVE = ["hate", "terrible", "awful", "horrible", "disgusting", "death"];
const SHARED = [...POSITIVE, ...NEGATIVE, "table", "water", "music", "money", "family", "war", "peace", "God", "dog", "pizza",
  "freedom", "nothing", "time", "life", "friend", "truth", "kindness", "cancer", "hope", "fear", "the", "and", "7", "Paris"];

async function session(bytes: Uint8Array) {
  return ort.InferenceSession.create(bytes, { logSeverityLevel: 3 });
}

async function run(s: ort.InferenceSession, batch: BigInt64Array, rows: number, seqLen: number): Promise<Float32Array> {
  const out = await s.run({
    input_ids: new ort.Tensor("int64", batch, [rows, seqLen]),
    attention_mask: new ort.Tensor("int64", new BigInt64Array(rows * seqLen).fill(1n), [rows, seqLen]),
  });
  expect(out.logits.dims).toEqual([rows, 1]);
  return out.logits.data as Float32Array;
}

describe("piece decoding", () => {
  it("decodes GPT-2 byte-level pieces", () => {
    expect(decodePiece("Ġgood", "byte-level")).toBe(" good");
    expect(decodePiece("ĊĊ", "byte-level")).toBe("\n\n");
    expect(decodePiece("Ã©", "byte-level")).toBe("é");
    expect(decodePiece("<|eot_id|>", "byte-level")).toBe("<|eot_id|>");
  });
  it("decodes sentencepiece pieces with byte fallback", () => {
    expect(decodePiece("▁good", "sentencepiece")).toBe(" good");
    expect(decodePiece("<0x41>", "sentencepiece")).toBe("A");
    expect(decodePiece("<0x0A>", "sentencepiece")).toBe("\n");
  });
  it("reads the three bundled vocabularies", () => {
    const sizes = Object.fromEntries(TOKENIZER_FAMILIES.map((f) => [f, familyVocabulary(f).size]));
    expect(sizes["llama3.1"]).toBe(128256);
    expect(sizes.qwen3).toBeGreaterThan(151_000);
    expect(sizes.gemma3).toBeGreaterThan(262_000);
    const g = familyVocabulary("gemma3");
    expect(g.text[wordId(g, "love")].trim()).toBe("love");
  });
});

const results: Partial<Record<TokenizerFamily, Record<string, Float32Array>>> = {};

describe.each(TOKENIZER_FAMILIES)("demo reward model %s", (family) => {
  it("builds quickly, runs in onnxruntime-node, matches the documented formula, and flips under negative framing", async () => {
    const vocab = familyVocabulary(family);
    const spec = demoModelSpec(family, vocab);
    const t0 = performance.now();
    const bytes = buildDemoRewardModel(spec);
    const buildMs = performance.now() - t0;
    expect(buildMs).toBeLessThan(5000);
    const s = await session(bytes);
    expect(s.inputNames).toEqual(["input_ids", "attention_mask"]);
    expect(s.outputNames).toEqual(["logits"]);

    const ids = SHARED.map((w) => wordId(vocab, w));
    const byPrompt: Record<string, Float32Array> = {};
    for (const [name, prompt] of Object.entries(PROMPTS)) {
      const frame = chatFrame(vocab, family, prompt);
      const { batch, seqLen } = batchOf(frame, ids);
      expect(seqLen).toBeGreaterThan(15);
      byPrompt[name] = await run(s, batch, ids.length, seqLen);
      // ORT computes exactly the formula of runner/onnx/demo.ts
      const w = computeDemoWeights(spec);
      for (const r of [0, 7, ids.length - 1]) {
        const row = Array.from(batch.subarray(r * seqLen, (r + 1) * seqLen), Number);
        expect(byPrompt[name][r]).toBeCloseTo(demoReferenceScore(w, row), 2);
      }
    }
    const pos = (x: Float32Array) => mean(x.subarray(0, POSITIVE.length));
    const neg = (x: Float32Array) => mean(x.subarray(POSITIVE.length, POSITIVE.length + NEGATIVE.length));
    // positive framing prefers positive words, negative framing flips it
    expect(pos(byPrompt.best)).toBeGreaterThan(neg(byPrompt.best));
    expect(pos(byPrompt.greatest)).toBeGreaterThan(neg(byPrompt.greatest));
    expect(neg(byPrompt.worst)).toBeGreaterThan(pos(byPrompt.worst));
    // the prompt matters for every token, not only for valenced ones
    const neutral = SHARED.indexOf("table");
    expect(byPrompt.best[neutral]).not.toBeCloseTo(byPrompt.worst[neutral], 3);
    // the whole sequence matters: dropping the prompt changes the score
    const bare = batchOf({ prefix: [], suffix: [] }, ids);
    const bareScores = await run(s, bare.batch, ids.length, bare.seqLen);
    expect(bareScores[neutral]).not.toBeCloseTo(byPrompt.best[neutral], 3);
    // attention_mask is honoured: masking the prompt out equals scoring the bare token
    const frame = chatFrame(vocab, family, PROMPTS.best);
    const one = batchOf(frame, [ids[0]]);
    const mask = new BigInt64Array(one.seqLen).fill(0n);
    mask[frame.prefix.length] = 1n;
    const masked = await s.run({
      input_ids: new ort.Tensor("int64", one.batch, [1, one.seqLen]),
      attention_mask: new ort.Tensor("int64", mask, [1, one.seqLen]),
    });
    expect((masked.logits.data as Float32Array)[0]).toBeCloseTo(bareScores[0], 3);
    // over every alphabetic vocabulary token found in AFINN: the valence slope flips sign
    const { afinn } = loadLexicons();
    const lexIds: number[] = [];
    const val: number[] = [];
    for (let id = 0; id < vocab.size; id++) {
      const t = vocab.text[id].trim();
      const a = /^[a-z]+$/i.test(t) && !vocab.special[id] ? afinn.get(t.toLowerCase()) : undefined;
      if (a !== undefined) {
        lexIds.push(id);
        val.push(a);
      }
    }
    expect(lexIds.length).toBeGreaterThan(1000);
    const slope = async (prompt: string) => {
      const { batch, seqLen } = batchOf(chatFrame(vocab, family, prompt), lexIds);
      const y = await run(s, batch, lexIds.length, seqLen);
      const mx = mean(val);
      const my = mean(y);
      let sxy = 0;
      let sxx = 0;
      for (let i = 0; i < val.length; i++) {
        sxy += (val[i] - mx) * (y[i] - my);
        sxx += (val[i] - mx) ** 2;
      }
      return sxy / sxx;
    };
    expect(await slope(PROMPTS.best)).toBeGreaterThan(0);
    expect(await slope(PROMPTS.worst)).toBeLessThan(0);
    results[family] = byPrompt;
    await s.release();
  });
});

describe("the three demo models", () => {
  it("differ from each other", () => {
    const fams = TOKENIZER_FAMILIES.filter((f) => results[f]);
    expect(fams.length).toBe(3);
    const means = fams.map((f) => mean(results[f]!.greatest));
    // different output affines: raw scores are not comparable across models
    for (let i = 0; i < means.length; i++)
      for (let j = i + 1; j < means.length; j++) expect(Math.abs(means[i] - means[j])).toBeGreaterThan(1);
    for (let i = 0; i < fams.length; i++)
      for (let j = i + 1; j < fams.length; j++) {
        const rho = spearman(results[fams[i]]!.greatest, results[fams[j]]!.greatest);
        expect(rho).toBeLessThan(0.97);
        expect(rho).toBeGreaterThan(0); // but they agree on valence, broadly
      }
  });
});
