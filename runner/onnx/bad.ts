/**
 * Deliberately broken models, so the engine's error paths can be tested against real
 * onnxruntime failures (no mocks). All take input_ids / attention_mask int64 [batch, seq].
 *
 * - "non-finite":       logits [batch, 1] = sum over the row of T[id]; T[id] is NaN where
 *                       id % 97 == 13 and +Inf where id % 97 == 14 (see poisonedId), finite otherwise.
 * - "per-token-output": output "logits" is [batch, seq] (declared ["batch_size", "sequence_length"]),
 *                       i.e. per-token scores, not [batch, num_labels].
 * - "rank3-output":     output "logits" is [batch, seq, 1].
 * - "small-embedding":  a valid reward model whose embedding has floor(vocabSize / 2) rows, so ids
 *                       >= that make onnxruntime's Gather fail (out of bounds).
 * - "renamed-io":       inputs "ids" / "mask", output "score" (for manifest I/O validation).
 * - "truncated":        the bytes of a valid model cut at 60% (protobuf parse failure at load).
 */
import { GraphBuilder } from "./graph";
import { SeededRandom } from "./rng";

export const BAD_MODEL_KINDS = [
  "non-finite",
  "per-token-output",
  "rank3-output",
  "small-embedding",
  "renamed-io",
  "truncated",
] as const;
export type BadModelKind = (typeof BAD_MODEL_KINDS)[number];

/** What the "non-finite" model yields for a row containing `id`. */
export function poisonedId(id: number): "nan" | "inf" | null {
  const r = id % 97;
  return r === 13 ? "nan" : r === 14 ? "inf" : null;
}

function tokenTable(vocabSize: number, poison: boolean): Float32Array {
  const rng = new SeededRandom(97);
  const t = new Float32Array(vocabSize);
  for (let id = 0; id < vocabSize; id++) {
    const p = poison ? poisonedId(id) : null;
    t[id] = p === "nan" ? NaN : p === "inf" ? Infinity : rng.normal();
  }
  return t;
}

/** Sum over the row of a per-token scalar table: logits [batch, 1]. */
function tableModel(
  name: string,
  rows: number,
  poison: boolean,
  io: { ids: string; mask: string; out: string } = { ids: "input_ids", mask: "attention_mask", out: "logits" },
): Uint8Array {
  const g = new GraphBuilder(name);
  const ids = g.input(io.ids, "int64", ["batch_size", "sequence_length"]);
  const mask = g.input(io.mask, "int64", ["batch_size", "sequence_length"]);
  g.output(io.out, "float32", ["batch_size", 1]);
  const T = g.floatInit("token_table", tokenTable(rows, poison), [rows]);
  const perTok = g.op("Mul", [g.op("Gather", [T, ids], { axis: { i: 0 } }), g.op("Cast", [mask], { to: { i: 1 } })]);
  g.op("ReduceSum", [perTok, g.ints([1])], { keepdims: { i: 1 } }, io.out);
  return g.build({ docString: `bad model fixture: ${name}` });
}

function perTokenModel(vocabSize: number, rank3: boolean): Uint8Array {
  const g = new GraphBuilder(rank3 ? "rank3_output" : "per_token_output");
  const ids = g.input("input_ids", "int64", ["batch_size", "sequence_length"]);
  const mask = g.input("attention_mask", "int64", ["batch_size", "sequence_length"]);
  g.output("logits", "float32", rank3 ? ["batch_size", "sequence_length", 1] : ["batch_size", "sequence_length"]);
  const T = g.floatInit("token_table", tokenTable(vocabSize, false), [vocabSize]);
  const perTok = g.op("Mul", [g.op("Gather", [T, ids], { axis: { i: 0 } }), g.op("Cast", [mask], { to: { i: 1 } })]);
  if (rank3) g.op("Unsqueeze", [perTok, g.ints([2])], {}, "logits");
  else g.op("Identity", [perTok], {}, "logits");
  return g.build({ docString: "bad model fixture: per-token output" });
}

export function buildBadModel(kind: BadModelKind, vocabSize: number): Uint8Array {
  switch (kind) {
    case "non-finite":
      return tableModel("non_finite", vocabSize, true);
    case "per-token-output":
      return perTokenModel(vocabSize, false);
    case "rank3-output":
      return perTokenModel(vocabSize, true);
    case "small-embedding":
      return tableModel("small_embedding", Math.max(1, Math.floor(vocabSize / 2)), false);
    case "renamed-io":
      return tableModel("renamed_io", vocabSize, false, { ids: "ids", mask: "mask", out: "score" });
    case "truncated": {
      const full = tableModel("truncated", vocabSize, false);
      return full.slice(0, Math.floor(full.length * 0.6));
    }
    default:
      throw new Error(`unknown bad model kind "${kind as string}" (known: ${BAD_MODEL_KINDS.join(", ")})`);
  }
}
