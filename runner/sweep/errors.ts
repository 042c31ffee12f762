// Sweep failures split by who must act: bad input (fix the bundle, tokenizer, prompt or file) or a
// runtime failure (retry, check the machine). The CLI maps them to distinct exit codes.
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
