// Attention key/value cache tensors of an ONNX decoder ("-with-past" I/O). A sweep's rows share
// their prompt prefix, so its keys/values are computed once (batch 1) and repeated for every row
// of a batch; each row then runs only [id] + suffix. onnxruntime takes the past as ordinary input
// tensors, so the repeated copy is built once per batch size and reused for every batch.
import * as ort from "onnxruntime-node";
import { pastTensorName, type BundleManifest } from "../bundle/manifest";
import { ModelIoError } from "./types";

type PastSpec = NonNullable<BundleManifest["pastKeyValues"]>;
type PastType = "float32" | "float16";

export interface PastLayout {
  type: PastType;
  tensors: { input: string; output: string; heads: number; headDim: number }[];
}

/** Heads and head size of every past input, from the graph's declared shapes
 * [batch, heads, past_sequence_length, head_dim]. */
export function readPastLayout(session: ort.InferenceSession, spec: PastSpec, modelPath: string): PastLayout {
  const tensors: PastLayout["tensors"] = [];
  let type: PastType | null = null;
  for (let layer = 0; layer < spec.layers; layer++) {
    for (const kind of ["key", "value"] as const) {
      const input = pastTensorName(spec.input, layer, kind);
      const meta = session.inputMetadata.find((m) => m.name === input);
      const shape = meta?.isTensor ? meta.shape : [];
      const [, heads, , headDim] = shape;
      if (shape.length !== 4 || typeof heads !== "number" || typeof headDim !== "number")
        throw new ModelIoError(
          `${modelPath}: past input "${input}" has shape [${shape.join(", ")}]; expected [batch, heads, past_sequence_length, head_dim] with fixed heads and head_dim`,
        );
      const elem = meta?.isTensor ? meta.type : "";
      if (elem !== "float32" && elem !== "float16")
        throw new ModelIoError(`${modelPath}: past input "${input}" has element type ${elem}; expected float32 or float16`);
      if (type && elem !== type) throw new ModelIoError(`${modelPath}: past inputs mix ${type} and ${elem}`);
      type = elem;
      tensors.push({ input, output: pastTensorName(spec.output, layer, kind), heads, headDim });
    }
  }
  return { type: type ?? "float32", tensors };
}

function zeros(type: PastType, length: number): Float32Array | Uint16Array {
  return type === "float32" ? new Float32Array(length) : new Uint16Array(length);
}

/** Past of length 0: the whole row is computed, as in a model without cache I/O. */
export function emptyPast(layout: PastLayout, batchSize: number): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const t of layout.tensors) feeds[t.input] = new ort.Tensor(layout.type, zeros(layout.type, 0), [batchSize, t.heads, 0, t.headDim]);
  return feeds;
}

/** One prefix's keys/values, repeated per batch row on demand. */
export class PrefixKeyValues {
  private readonly perRow: { input: string; data: Float32Array | Uint16Array; dims: number[] }[];
  /** Repeated copies for the batch size in use; a smaller batch (the last one) uses a leading view.
   * Rebuilt for a much smaller batch, so the largest size batch tuning tried is not kept for the sweep. */
  private repeated: { rows: number; data: (Float32Array | Uint16Array)[] } | null = null;

  constructor(
    private readonly layout: PastLayout,
    /** Number of cached tokens. */
    readonly length: number,
    present: Record<string, ort.Tensor>,
  ) {
    this.perRow = layout.tensors.map((t) => {
      const tensor = present[t.output];
      const dims = tensor.dims as number[];
      if (dims.length !== 4 || dims[0] !== 1 || dims[1] !== t.heads || dims[2] !== length || dims[3] !== t.headDim)
        throw new ModelIoError(
          `present output "${t.output}" has shape [${dims.join(", ")}] after a prefix of ${length} tokens; expected [1, ${t.heads}, ${length}, ${t.headDim}]`,
        );
      // A copy: the output's buffer belongs to onnxruntime.
      const data = tensor.data as Float32Array | Uint16Array;
      return { input: t.input, data: data.slice(), dims: [t.heads, length, t.headDim] };
    });
  }

  /** Bytes of past one batch row carries. */
  get bytesPerRow(): number {
    return this.perRow.reduce((sum, t) => sum + t.data.byteLength, 0);
  }

  feeds(batchSize: number): Record<string, ort.Tensor> {
    if (!this.repeated || this.repeated.rows < batchSize || this.repeated.rows > 4 * batchSize) {
      this.repeated = {
        rows: batchSize,
        data: this.perRow.map((t) => {
          const out = zeros(this.layout.type, t.data.length * batchSize);
          for (let r = 0; r < batchSize; r++) out.set(t.data, r * t.data.length);
          return out;
        }),
      };
    }
    const feeds: Record<string, ort.Tensor> = {};
    this.perRow.forEach((t, i) => {
      feeds[t.input] = new ort.Tensor(this.layout.type, this.repeated!.data[i].subarray(0, t.data.length * batchSize), [batchSize, ...t.dims]);
    });
    return feeds;
  }

  release(): void {
    this.repeated = null;
  }
}
