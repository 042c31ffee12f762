// Device behaviour the CPU cannot show, around the real ONNX backend: a GPU's per-batch upload
// (slower calls), its memory limit (large batches fail), a device lost mid-sweep. The scores stay
// the model's own; only when and whether a call returns changes.
import type { ScoringBackend } from "../../runner/sweep/pipeline";
import type { ProbingBackend } from "../../runner/sweep/prepare";

/** Decides one score call: run it (`score`), delay it, or fail it. */
export type CallHook = (score: ScoringBackend["score"], ids: BigInt64Array, rows: number, seqLen: number) => Promise<Float32Array>;

/** `backend` with its whole-row calls (`rows`) and its prompt-prefix-cached calls (`cached`) hooked. */
export function onDevice(backend: ProbingBackend, hooks: { rows?: CallHook; cached?: CallHook }): ProbingBackend {
  const hooked = (hook: CallHook, scorer: ScoringBackend): ScoringBackend["score"] => (ids, rows, len) => hook((i, r, l) => scorer.score(i, r, l), ids, rows, len);
  return new Proxy(backend, {
    get(target, prop) {
      if (prop === "score" && hooks.rows) return hooked(hooks.rows, target);
      if (prop === "withCachedPrefix" && hooks.cached) {
        const cachedHook = hooks.cached;
        return async (prefixIds: number[]) => {
          const cached = await target.withCachedPrefix!(prefixIds);
          return cached && { ...cached, score: hooked(cachedHook, cached) };
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each call `ms` slower. */
export const slower = (ms: number): CallHook => async (score, ids, rows, len) => {
  await pause(ms);
  return score(ids, rows, len);
};
