// Scatter points for charts: at most `max` points per chart, so a 262k-token sweep does not ship
// megabytes to the browser. The points a reader looks for are always kept: the `extremes`
// highest and lowest by each axis, and any labelled tokens (e.g. the top/bottom lists shown next
// to the chart); the rest is a seeded uniform sample, so the cloud keeps its shape and a refresh
// of unchanged inputs gives the same points.
import { bottomK, mulberry32, topK } from "../analysis";
import type { StoredScatterPoint } from "./stored";

export const MAX_SCATTER_POINTS = 2000;
export const SCATTER_EXTREMES = 50;
const SCATTER_SEED = 7_919;

export interface ScatterInput {
  x: Float64Array;
  y: Float64Array;
  tokenIds: ArrayLike<number>;
  texts: readonly string[];
  /** Indices (into x/y) that must be kept. */
  labelled?: Iterable<number>;
  max?: number;
  extremes?: number;
}

/** Indices of the points to keep, ascending. */
export function scatterSample(input: ScatterInput): number[] {
  const n = input.x.length;
  const max = input.max ?? MAX_SCATTER_POINTS;
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const k = input.extremes ?? SCATTER_EXTREMES;
  const keep = new Set<number>(input.labelled ?? []);
  for (const axis of [input.x, input.y]) {
    for (const i of topK(axis, k, input.tokenIds)) keep.add(i);
    for (const i of bottomK(axis, k, input.tokenIds)) keep.add(i);
  }
  // Partial Fisher-Yates over the indices not kept yet: a uniform sample without replacement.
  const rest = new Int32Array(n - keep.size);
  let r = 0;
  for (let i = 0; i < n; i++) if (!keep.has(i)) rest[r++] = i;
  const rng = mulberry32(SCATTER_SEED);
  const wanted = Math.max(0, Math.min(rest.length, max - keep.size));
  for (let j = 0; j < wanted; j++) {
    const pick = j + Math.floor(rng() * (rest.length - j));
    const tmp = rest[j];
    rest[j] = rest[pick];
    rest[pick] = tmp;
    keep.add(rest[j]);
  }
  return [...keep].sort((a, b) => a - b);
}

export function scatterPoints(input: ScatterInput): StoredScatterPoint[] {
  return scatterSample(input).map((i) => ({ tokenId: input.tokenIds[i], text: input.texts[i], x: input.x[i], y: input.y[i] }));
}
