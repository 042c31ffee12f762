// Kinds, scopes and input keys of the materialised analyses, and the JSON-safe conversions the
// analyses' outputs go through before they are stored.
//
// A row is identified by (kind, scope): one row per analysis and subject (a sweep's model x
// prompt, a prompt x normalisation, ...). Its inputsKey hashes what it was computed from (the
// sweeps' ids and finish times, or a digest of candidate scores) and the options, so a refresh
// recomputes exactly the rows whose inputs changed.
import { createHash } from "node:crypto";
import type { BootstrapInterval, Interval, NullDistribution } from "../analysis";
import type { StoredInterval, StoredNullBaseline, VocabNormalization } from "./stored";

/** Bump when a stored shape or a computation changes: every row is then recomputed. */
export const RESULT_VERSION = 14;

export const KINDS = {
  distribution: "distribution",
  sharedVocab: "shared-vocab",
  sharedVocabMapping: "shared-vocab-mapping",
  heterogeneity: "heterogeneity",
  valence: "valence-asymmetry",
  frequency: "frequency-bias",
  identity: "identity-groups",
  framing: "framing",
  humanBaseline: "human-baseline",
  leaderboard: "leaderboard",
} as const;

export type InsightKind = (typeof KINDS)[keyof typeof KINDS];
export const ALL_KINDS: readonly InsightKind[] = Object.values(KINDS);

export const scopes = {
  sweep: (modelId: number, promptId: number) => `model=${modelId};prompt=${promptId}`,
  /** A sweep's result computed from an uploaded lexicon. */
  sweepLexicon: (modelId: number, promptId: number, lexicon: string) => `model=${modelId};prompt=${promptId};lexicon=${lexicon}`,
  sweepFrequencyList: (modelId: number, promptId: number, list: string) => `model=${modelId};prompt=${promptId};frequency=${list}`,
  /** A sweep's result computed from an uploaded identity list. */
  sweepIdentityList: (modelId: number, promptId: number, list: string) => `model=${modelId};prompt=${promptId};list=${list}`,
  vocab: (promptId: number, normalization: VocabNormalization) => `prompt=${promptId};norm=${normalization}`,
  framing: (modelId: number, positive: number, negative: number) => `model=${modelId};positive=${positive};negative=${negative}`,
  humanBaseline: (setId: number, promptId: number) => `set=${setId};prompt=${promptId}`,
  leaderboard: () => "all",
};

/** One input of a row: a sweep as (id, finish time, rows), or any other content digest. */
export type InputToken = readonly [string, ...(string | number)[]];

export function inputsKey(kind: InsightKind, scope: string, inputs: readonly InputToken[], options: unknown): string {
  const sorted = [...inputs].map((i) => JSON.stringify(i)).sort();
  return createHash("sha256")
    .update(JSON.stringify({ v: RESULT_VERSION, kind, scope, inputs: sorted, options }))
    .digest("hex");
}

const finite = (x: number) => Number.isFinite(x);

/** null unless the estimate and both bounds are finite. */
export function storedInterval(i: Interval | BootstrapInterval | undefined): StoredInterval | null {
  if (!i || !finite(i.estimate) || !finite(i.lower) || !finite(i.upper)) return null;
  return { estimate: i.estimate, low: i.lower, high: i.upper };
}

export function storedNull(d: NullDistribution): StoredNullBaseline | null {
  if (!finite(d.estimate) || !finite(d.lower) || !finite(d.upper)) return null;
  return { mean: d.estimate, low: d.lower, high: d.upper, permutations: d.permutations };
}

export function finiteOrNull(x: number): number | null {
  return finite(x) ? x : null;
}

/** Row-major m x m Float64Array -> nested arrays (JSON). */
export function matrixRows(matrix: Float64Array, m: number): number[][] {
  return Array.from({ length: m }, (_, i) => Array.from(matrix.subarray(i * m, (i + 1) * m)));
}
