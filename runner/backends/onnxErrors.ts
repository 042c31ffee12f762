// onnxruntime's error messages, mapped to backend errors that say what is wrong and what to do.
import { BackendError, DeviceUnavailableError, ModelLoadError, VocabularyMismatchError } from "./types";

export type OnnxDevice = "cpu" | "cuda" | "webgpu";

export const CUDA_UNAVAILABLE_HINT =
  "CUDA execution provider not available in this onnxruntime-node build; install the CUDA 12 EP binaries " +
  "(onnxruntime-node's install script downloads them on Linux x64: run `ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node` " +
  "with install scripts allowed for onnxruntime-node, and have CUDA 12 + cuDNN 9 libraries on the library path) or use --device cpu";

const OOB = /indices element out of data bounds, idx=(-?\d+) must be within the inclusive range \[(-?\d+),(-?\d+)\]/;

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Map an onnxruntime session-creation failure to a clear error. */
export function mapCreateError(e: unknown, modelPath: string, device: OnnxDevice): BackendError {
  const msg = message(e);
  if (device === "cuda" && /cuda|providers_shared|Failed to load (shared )?library/i.test(msg))
    return new DeviceUnavailableError("cuda", `${CUDA_UNAVAILABLE_HINT} (onnxruntime said: ${firstLine(msg)})`, { cause: e });
  if (device === "webgpu" && /webgpu|adapter|dawn|vulkan/i.test(msg)) {
    const noAdapter = /Failed to get a WebGPU adapter/i.test(msg);
    return new DeviceUnavailableError(
      "webgpu",
      (noAdapter
        ? "WebGPU execution provider found no GPU adapter on this machine (no usable Vulkan/Metal/D3D12 driver)"
        : "WebGPU execution provider failed to initialise") +
        `; use --device cpu (or --device cuda on an NVIDIA machine). onnxruntime said: ${lastMeaningfulLine(msg)}`,
      { cause: e },
    );
  }
  if (/doesn't exist|No such file|ENOENT/i.test(msg)) return new ModelLoadError(modelPath, "file not found", { cause: e });
  if (/protobuf parsing failed/i.test(msg))
    return new ModelLoadError(modelPath, "the file is not a complete ONNX model (protobuf parsing failed: truncated or corrupt download?)", {
      cause: e,
    });
  return new ModelLoadError(modelPath, firstLine(msg), { cause: e });
}

function firstLine(s: string): string {
  return s.split("\n").find((l) => l.trim())?.trim() ?? s;
}
function lastMeaningfulLine(s: string): string {
  const lines = s.split("\n").map((l) => l.trim()).filter(Boolean);
  const hit = lines.find((l) => /adapter/i.test(l));
  return (hit ?? lines[lines.length - 1] ?? s).replace(/^.*?(Failed to get)/, "$1");
}

/** Map an error thrown by session.run. */
export function mapRunError(e: unknown, inputIds: string): BackendError {
  const msg = message(e);
  const m = OOB.exec(msg);
  if (m) {
    const id = Number(m[1]);
    const rows = Number(m[3]) + 1;
    return new VocabularyMismatchError(
      `the model's embedding is smaller than the tokenizer vocabulary: token id ${id} was fed through "${inputIds}" ` +
        `but the embedding has ${rows} rows (valid ids 0..${rows - 1}). Check that manifest.vocabSize and the ` +
        `tokenizer match this model.`,
      id,
      rows,
      { cause: e },
    );
  }
  return new BackendError("INFERENCE", `onnxruntime run failed: ${firstLine(msg)}`, { cause: e });
}
