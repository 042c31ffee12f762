// A queue worker builds a sweep's inputs from its own copy of the bundle; it must build the same.
import { SweepError } from "../sweep/errors";

/** The bundle at the sweep's path must still build the sweep's inputs: a worker whose copy differs
 * (another chat template, tokenizer or vocabulary policy) would mix other rows into the sweep. */
export function assertSameInputs(
  sweepId: number,
  bundlePath: string,
  stored: { tokenCount: number; prefixIds: number[]; suffixIds: number[] },
  here: { tokenCount: number; prefixIds: number[]; suffixIds: number[] },
): void {
  const differs = (["tokenCount", "prefixIds", "suffixIds"] as const).filter((key) => JSON.stringify(stored[key]) !== JSON.stringify(here[key]));
  if (differs.length === 0) return;
  throw new SweepError(
    "bad-input",
    "BUNDLE_CHANGED",
    `sweep ${sweepId}: the bundle at ${bundlePath} builds other inputs than the sweep was queued with (${differs.join(", ")} differ); ` +
      `give this worker the same bundle, or queue a new sweep`,
  );
}
