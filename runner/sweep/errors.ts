// Sweep failures split by who must act: bad input (fix the bundle, tokenizer, prompt or file) or a
// runtime failure (retry, check the machine). The CLI maps them to distinct exit codes.
import { BackendError } from "../backends/types";
import { BundleError } from "../bundle";
import { ImportError } from "../import/errors";
import { TokenizeError } from "../tokenize/errors";

export type SweepErrorKind = "bad-input" | "runtime";

export class SweepError extends Error {
  constructor(
    readonly kind: SweepErrorKind,
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SweepError";
  }
}

export const EXIT_CODES = { ok: 0, runtime: 1, badInput: 2, usage: 64 } as const;

/** Backend failures caused by the model or the request, not by the machine or the network. */
const BAD_INPUT_BACKEND_CODES = new Set(["MODEL_LOAD", "IO_MISMATCH", "OUTPUT_SHAPE", "NON_FINITE", "VOCAB_MISMATCH", "DEVICE_UNAVAILABLE", "BAD_BATCH"]);

/** The one place that decides whose problem a failure is. */
export function failureKind(error: unknown): SweepErrorKind {
  if (error instanceof SweepError) return error.kind;
  if (error instanceof BundleError || error instanceof TokenizeError || error instanceof ImportError) return "bad-input";
  if (error instanceof BackendError) return BAD_INPUT_BACKEND_CODES.has(error.code) ? "bad-input" : "runtime";
  return "runtime";
}
