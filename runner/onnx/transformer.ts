/**
 * A transformer-shaped reward model with seeded random weights, for benchmarks on realistic
 * compute (it is not trained; its scores mean nothing):
 *
 *   x = TokEmb[ids] + PosEmb[0..S-1]      (or PosEmb[position_ids] with spec.positionIds)
 *   repeat `layers` times (pre-LayerNorm):
 *     x += Wo * MHA(LN(x))          softmax attention, `heads` heads, causal + padding mask
 *     x += W2 * SiLU(W1 * LN(x))    MLP, hidden = ffnMult * dModel
 *   h = LN(x)[last position with attention_mask = 1]      (last-token pooling, like *ForSequenceClassification)
 *   logits = h * Wh + bh                                   [batch, 1]
 *
 * Inputs input_ids / attention_mask (/ position_ids) int64 [batch, seq] (seq <= seqLen); output logits float32 [batch, 1].
 *
 * With `withPast` the graph is shaped like optimum's decoder "-with-past" exports: it also takes
 * past_key_values.{l}.key/value [batch, heads, past, head_dim] (past may be 0), returns
 * present.{l}.key/value [batch, heads, past + seq, head_dim], its attention_mask covers past + seq
 * and position_ids (required) give the absolute positions of the new tokens. Feeding a prefix's
 * present tensors back as past gives the scores of the whole sequence up to float rounding.
 */
import { GraphBuilder } from "./graph";
import { SeededRandom } from "./rng";

export interface TransformerFixtureSpec {
  vocabSize: number;
  /** 2-4 */
  layers: number;
  /** 64-256 (any multiple of heads works) */
  dModel: number;
  heads: number;
  /** Maximum sequence length (rows of the position embedding). Default 128. */
  seqLen?: number;
  /** MLP hidden size multiplier. Default 4. */
  ffnMult?: number;
  /** Attention mask: causal (decoder RM) or bidirectional. Default true. */
  causal?: boolean;
  seed?: number;
  /**
   * Take a third input `position_ids` int64 [batch, seq] (as some optimum exports of Llama/Qwen
   * do) and gather the position embedding with it, instead of using 0..seq-1 implicitly.
   * With the same seed the weights are identical, so feeding 0..seq-1 gives the same scores.
   */
  positionIds?: boolean;
  /** Attention key/value cache inputs and outputs (implies positionIds); see the file comment. */
  withPast?: boolean;
  /** Element type of the cache tensors (exports of large models keep them in float16). Default float32. */
  pastType?: "float32" | "float16";
}

export function transformerParameterCount(spec: TransformerFixtureSpec): number {
  const D = spec.dModel;
  const Hf = (spec.ffnMult ?? 4) * D;
  const perLayer = 4 * (D * D + D) + 2 * 2 * D + (D * Hf + Hf) + (Hf * D + D);
  return spec.vocabSize * D + (spec.seqLen ?? 128) * D + spec.layers * perLayer + 2 * D + D + 1;
}

export function buildTransformerFixture(spec: TransformerFixtureSpec): Uint8Array {
  const { vocabSize: V, layers, dModel: D, heads: H } = spec;
  const P = spec.seqLen ?? 128;
  const Hf = (spec.ffnMult ?? 4) * D;
  if (!Number.isInteger(V) || V < 2) throw new Error(`vocabSize must be an integer >= 2, got ${V}`);
  if (!(layers >= 1 && layers <= 12)) throw new Error(`layers must be 1..12, got ${layers}`);
  if (D % H !== 0) throw new Error(`dModel (${D}) must be a multiple of heads (${H})`);
  const Dh = D / H;
  const rng = new SeededRandom(spec.seed ?? 1);
  const g = new GraphBuilder(`transformer_fixture_L${layers}_D${D}_H${H}`);

  const withPast = spec.withPast ?? false;
  const pastType = spec.pastType ?? "float32";
  const ids = g.input("input_ids", "int64", ["batch_size", "sequence_length"]);
  const mask = g.input("attention_mask", "int64", ["batch_size", withPast ? "total_sequence_length" : "sequence_length"]);
  const posIds = spec.positionIds || withPast ? g.input("position_ids", "int64", ["batch_size", "sequence_length"]) : null;
  const past: { key: string; value: string }[] = [];
  if (withPast) {
    for (let l = 0; l < layers; l++) {
      const kv = (kind: string) => {
        const input = g.input(`past_key_values.${l}.${kind}`, pastType, ["batch_size", H, "past_sequence_length", D / H]);
        return pastType === "float16" ? g.op("Cast", [input], { to: { i: 1 } }) : input;
      };
      past.push({ key: kv("key"), value: kv("value") });
    }
  }
  g.output("logits", "float32", ["batch_size", 1]);
  if (withPast) {
    for (let l = 0; l < layers; l++)
      for (const kind of ["key", "value"]) g.output(`present.${l}.${kind}`, pastType, ["batch_size", H, "total_sequence_length", D / H]);
  }

  const w = (name: string, rows: number, cols: number, std: number) =>
    g.floatInit(name, rng.normalArray(rows * cols, std), [rows, cols]);
  const vec = (name: string, n: number, value: number) => g.floatInit(name, new Float32Array(n).fill(value), [n]);
  const smallVec = (name: string, n: number) => g.floatInit(name, rng.normalArray(n, 0.02), [n]);

  const tok = w("tok_embedding", V, D, 0.5);
  const pos = w("pos_embedding", P, D, 0.1);
  const S1 = g.op("Shape", [ids], { start: { i: 1 }, end: { i: 2 } }); // [1] int64
  const posS = posIds
    ? g.op("Gather", [pos, posIds], { axis: { i: 0 } }) // [B, S, D]
    : g.op("Slice", [pos, g.ints([0]), S1, g.ints([0])]); // [S, D]
  let x = g.op("Add", [g.op("Gather", [tok, ids], { axis: { i: 0 } }), posS]); // [B,S,D]

  // Additive attention bias [B,1,S,T] (T = past + S): 0 where attending is allowed, -1e9 elsewhere.
  const maskF = g.op("Cast", [mask], { to: { i: 1 } }); // [B,T]
  const padBias = g.op("Unsqueeze", [g.op("Mul", [g.op("Sub", [maskF, g.scalar(1)]), g.scalar(1e9)]), g.ints([1, 2])]);
  const T1 = g.op("Shape", [mask], { start: { i: 1 }, end: { i: 2 } }); // [1] int64
  // New token i sits at absolute position past + i and sees keys 0..past + i.
  const pastLen = withPast ? g.op("Shape", [past[0].key], { start: { i: 2 }, end: { i: 3 } }) : g.ints([0]); // [1]
  let bias = padBias;
  if (spec.causal ?? true) {
    const ones = g.op("ConstantOfShape", [g.op("Concat", [S1, T1], { axis: { i: 0 } })], {
      value: { t: { name: "one", dims: [1], dataType: 1, floatData: [1] } },
    });
    const tril = g.op("Trilu", [ones, g.op("Squeeze", [pastLen, g.ints([0])])], { upper: { i: 0 } });
    const causalBias = g.op("Mul", [g.op("Sub", [tril, g.scalar(1)]), g.scalar(1e9)]); // [S,S]
    bias = g.op("Add", [padBias, causalBias]);
  }
  const headShape = g.ints([0, 0, H, Dh]);
  const modelShape = g.ints([0, 0, D]);
  const invSqrt = g.scalar(1 / Math.sqrt(Dh));
  const wStd = 1 / Math.sqrt(D);

  const layerNorm = (input: string, prefix: string) =>
    g.op("LayerNormalization", [input, vec(`${prefix}.gamma`, D, 1), vec(`${prefix}.beta`, D, 0)], {
      axis: { i: -1 },
      epsilon: { f: 1e-5 },
    });
  const linear = (input: string, prefix: string, inDim: number, outDim: number, std: number) =>
    g.op("Add", [g.op("MatMul", [input, w(`${prefix}.weight`, inDim, outDim, std)]), smallVec(`${prefix}.bias`, outDim)]);

  for (let l = 0; l < layers; l++) {
    const p = `layers.${l}`;
    const h = layerNorm(x, `${p}.ln1`);
    const split = (name: string, perm: number[]) =>
      g.op("Transpose", [g.op("Reshape", [linear(h, `${p}.attn.${name}`, D, D, wStd), headShape])], { perm: { ints: perm } });
    const q = split("q", [0, 2, 1, 3]); // [B,H,S,Dh]
    let kT: string;
    let v: string;
    if (withPast) {
      // present = the keys/values of every position so far (in the cache's element type). The
      // Concat itself is the output when no Cast is needed: an Identity there costs ~25% (measured).
      const present = (kind: "key" | "value", all: string) =>
        pastType === "float16" ? g.op("Cast", [all], { to: { i: 10 } }, `present.${l}.${kind}`) : all;
      const k = g.op("Concat", [past[l].key, split("k", [0, 2, 1, 3])], { axis: { i: 2 } }, pastType === "float16" ? undefined : `present.${l}.key`); // [B,H,T,Dh]
      v = g.op("Concat", [past[l].value, split("v", [0, 2, 1, 3])], { axis: { i: 2 } }, pastType === "float16" ? undefined : `present.${l}.value`);
      present("key", k);
      present("value", v);
      kT = g.op("Transpose", [k], { perm: { ints: [0, 1, 3, 2] } }); // [B,H,Dh,T]
    } else {
      kT = split("k", [0, 2, 3, 1]); // [B,H,Dh,S]
      v = split("v", [0, 2, 1, 3]);
    }
    const scores = g.op("Add", [g.op("Mul", [g.op("MatMul", [q, kT]), invSqrt]), bias]); // [B,H,S,T]
    const probs = g.op("Softmax", [scores], { axis: { i: -1 } });
    const ctx = g.op("Reshape", [g.op("Transpose", [g.op("MatMul", [probs, v])], { perm: { ints: [0, 2, 1, 3] } }), modelShape]);
    x = g.op("Add", [x, linear(ctx, `${p}.attn.o`, D, D, wStd / Math.sqrt(2 * layers))]);
    const h2 = layerNorm(x, `${p}.ln2`);
    const ff = linear(h2, `${p}.mlp.up`, D, Hf, wStd);
    const act = g.op("Mul", [ff, g.op("Sigmoid", [ff])]);
    x = g.op("Add", [x, linear(act, `${p}.mlp.down`, Hf, D, 1 / Math.sqrt(Hf) / Math.sqrt(2 * layers))]);
  }
  const hf = layerNorm(x, "final_ln");

  // Last-token pooling: one-hot of (sum(mask) - 1 - past) over the new positions, then a batched MatMul.
  const lastAbsolute = g.op("Sub", [g.op("ReduceSum", [mask, g.ints([1])], { keepdims: { i: 1 } }), g.int64Init("one_i64", [1], [])]); // [B,1]
  const last = withPast ? g.op("Sub", [lastAbsolute, pastLen]) : lastAbsolute;
  const positions = g.op("Range", [g.int64Init("zero_i64", [0], []), g.op("Squeeze", [S1, g.ints([0])]), g.int64Init("step_i64", [1], [])]); // [S]
  const onehot = g.op("Unsqueeze", [g.op("Cast", [g.op("Equal", [positions, last])], { to: { i: 1 } }), g.ints([1])]); // [B,1,S]
  const pooled = g.op("Squeeze", [g.op("MatMul", [onehot, hf]), g.ints([1])]); // [B,D]
  const head = g.op("MatMul", [pooled, w("score.weight", D, 1, 1)]);
  g.op("Add", [head, g.floatInit("score.bias", Float32Array.of(0), [1])], {}, "logits");
  return g.build({
    docString: `transformer fixture: vocab=${V} layers=${layers} d_model=${D} heads=${H} max_seq=${P}${withPast ? " with past key/values" : ""} (random weights, seed=${spec.seed ?? 1})`,
  });
}
