/**
 * A tiny ONNX graph builder over the `onnx-proto` protobuf classes. Produces a
 * serialized ModelProto (IR version 8, default-domain opset 17) that
 * onnxruntime-node loads directly. Initializers are stored as little-endian
 * `raw_data` (fast to encode even for 262k x d embeddings).
 */
import { createRequire } from "node:module";
import type { onnx as OnnxNs } from "onnx-proto";

const require = createRequire(import.meta.url);
// onnx-proto is CommonJS (`module.exports = $root`), so load it through require
// to work the same under Node ESM, tsx and vitest.
export const onnx = (require("onnx-proto") as { onnx: typeof OnnxNs }).onnx;

export const OPSET = 17;
export const IR_VERSION = 8;

export type ElemType = "float32" | "int64" | "float16";
const ELEM: Record<ElemType, number> = {
  float32: 1, // TensorProto.DataType.FLOAT
  int64: 7, // INT64
  float16: 10, // FLOAT16
};

export type Dim = number | string;

/** Attribute values; ints vs floats are explicit because JS numbers are ambiguous. */
export type Attr =
  | { i: number }
  | { f: number }
  | { ints: number[] }
  | { floats: number[] }
  | { s: string }
  | { t: OnnxNs.ITensorProto };

function attrProto(name: string, a: Attr): OnnxNs.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if ("i" in a) return { name, type: T.INT, i: a.i };
  if ("f" in a) return { name, type: T.FLOAT, f: a.f };
  if ("ints" in a) return { name, type: T.INTS, ints: a.ints };
  if ("floats" in a) return { name, type: T.FLOATS, floats: a.floats };
  if ("s" in a) return { name, type: T.STRING, s: new TextEncoder().encode(a.s) };
  return { name, type: T.TENSOR, t: a.t };
}

function valueInfo(name: string, elem: ElemType, dims: Dim[]): OnnxNs.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: ELEM[elem],
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

export function floatTensor(name: string, data: Float32Array, dims: number[]): OnnxNs.ITensorProto {
  const n = dims.reduce((a, b) => a * b, 1);
  if (n !== data.length) throw new Error(`tensor ${name}: ${data.length} values for dims [${dims}]`);
  return { name, dims, dataType: ELEM.float32, rawData: bytesOf(data) };
}

export function int64Tensor(name: string, data: ArrayLike<number | bigint>, dims: number[]): OnnxNs.ITensorProto {
  const arr = BigInt64Array.from(Array.from(data, (v) => BigInt(v)));
  return { name, dims, dataType: ELEM.int64, rawData: bytesOf(arr) };
}

export class GraphBuilder {
  private readonly nodes: OnnxNs.INodeProto[] = [];
  private readonly inits: OnnxNs.ITensorProto[] = [];
  private readonly inputs: OnnxNs.IValueInfoProto[] = [];
  private readonly outputs: OnnxNs.IValueInfoProto[] = [];
  private counter = 0;

  constructor(readonly name: string) {}

  input(name: string, elem: ElemType, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, elem, dims));
    return name;
  }

  output(name: string, elem: ElemType, dims: Dim[]): string {
    this.outputs.push(valueInfo(name, elem, dims));
    return name;
  }

  floatInit(name: string, data: Float32Array, dims: number[]): string {
    this.inits.push(floatTensor(name, data, dims));
    return name;
  }

  int64Init(name: string, data: ArrayLike<number | bigint>, dims: number[]): string {
    this.inits.push(int64Tensor(name, data, dims));
    return name;
  }

  /** Scalar float constant (rank 0). */
  scalar(value: number, name = this.fresh("c")): string {
    return this.floatInit(name, Float32Array.of(value), []);
  }

  /** 1-D int64 constant (axes, shapes, indices). */
  ints(values: number[], name = this.fresh("i")): string {
    return this.int64Init(name, values, [values.length]);
  }

  fresh(prefix: string): string {
    return `${prefix}_${this.counter++}`;
  }

  /** Add a node with one output; returns the output name. */
  op(opType: string, inputs: string[], attrs: Record<string, Attr> = {}, output?: string): string {
    const out = output ?? this.fresh(opType.toLowerCase());
    this.nodes.push({
      opType,
      name: `${opType}_${this.nodes.length}`,
      input: inputs,
      output: [out],
      attribute: Object.entries(attrs).map(([k, v]) => attrProto(k, v)),
    });
    return out;
  }

  build(meta: BuildMeta = {}): Uint8Array {
    return onnx.ModelProto.encode(this.modelProto(meta)).finish();
  }

  /**
   * Serialize with initializers of at least `minBytes` moved to an external-data file (the
   * layout onnx uses for models > 2 GB): returns model.onnx bytes and the data file bytes;
   * write the data next to the model under the name `location`.
   */
  buildExternal(location: string, minBytes = 1024, meta: BuildMeta = {}): { model: Uint8Array; data: Uint8Array } {
    const proto = this.modelProto(meta);
    const chunks: Uint8Array[] = [];
    let offset = 0;
    for (const t of proto.graph!.initializer!) {
      const raw = t.rawData;
      if (!raw || raw.length < minBytes) continue;
      const pad = (4096 - (offset % 4096)) % 4096; // page-align each tensor (allows mmap)
      if (pad) chunks.push(new Uint8Array(pad));
      offset += pad;
      chunks.push(raw);
      t.externalData = [
        { key: "location", value: location },
        { key: "offset", value: String(offset) },
        { key: "length", value: String(raw.length) },
      ];
      t.dataLocation = 1; // TensorProto.DataLocation.EXTERNAL
      t.rawData = null;
      offset += raw.length;
    }
    const data = new Uint8Array(offset);
    let o = 0;
    for (const c of chunks) {
      data.set(c, o);
      o += c.length;
    }
    return { model: onnx.ModelProto.encode(proto).finish(), data };
  }

  private modelProto(meta: BuildMeta): OnnxNs.ModelProto {
    return onnx.ModelProto.create({
      irVersion: IR_VERSION,
      opsetImport: [{ domain: "", version: OPSET }],
      producerName: meta.producer ?? "reward-atlas",
      producerVersion: "1",
      docString: meta.docString ?? "",
      metadataProps: Object.entries(meta.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: this.name,
        node: this.nodes,
        initializer: this.inits.map((t) => ({ ...t })),
        input: this.inputs,
        output: this.outputs,
      },
    });
  }
}

export interface BuildMeta {
  producer?: string;
  docString?: string;
  metadata?: Record<string, string>;
}
