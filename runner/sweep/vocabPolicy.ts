// Which ids a sweep scores. Default: every id the model can embed (METHOD.md: the whole
// vocabulary); exclusions are explicit and recorded with the sweep.
import type { VocabEntry } from "../tokenize";

export const VOCAB_EXCLUSIONS = ["special", "added", "byte", "whitespace"] as const;
export type VocabExclusion = (typeof VOCAB_EXCLUSIONS)[number];

export function describeVocabPolicy(exclude: VocabExclusion[], limit?: number): string {
  const base = exclude.length ? `exclude:${[...new Set(exclude)].sort().join(",")}` : "all";
  return limit ? `${base};first:${limit}` : base;
}

export function selectTokenIds(
  vocabulary: readonly VocabEntry[],
  sweepVocabSize: number,
  exclude: VocabExclusion[],
  unembeddable: number[] = [],
): Int32Array {
  const skip = new Set(unembeddable);
  const ids: number[] = [];
  for (let id = 0; id < sweepVocabSize; id++) {
    if (skip.has(id)) continue;
    const flags = vocabulary[id]?.flags;
    if (flags) {
      if (exclude.includes("special") && flags.special) continue;
      if (exclude.includes("added") && flags.added) continue;
      if (exclude.includes("byte") && flags.unreadable) continue;
      if (exclude.includes("whitespace") && flags.whitespaceOnly) continue;
    }
    ids.push(id);
  }
  return Int32Array.from(ids);
}
