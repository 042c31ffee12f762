/**
 * Optimal (top-k) and pessimal (bottom-k) tokens, and the best+worst / best-worst rankings of a
 * framing pair (paper tables A6-A9).
 *
 * Ties are broken by ascending token id in both directions, so a listing is reproducible.
 * Selection uses a bounded binary heap: O(n log k), which for k << n is much cheaper than a
 * full sort of a 256k-token sweep.
 */
import { assertNoNaN, assertSameLength, type Numbers } from "./types";

/** Returns true when item a should come before item b (higher score, or equal score & lower id). */
type Before = (a: number, b: number) => boolean;

function selectK(n: number, k: number, before: Before): Int32Array {
  const size = Math.max(0, Math.min(k, n));
  // Max-heap on "worst kept" (root = the kept item that comes last).
  const heap = new Int32Array(size);
  let count = 0;
  const after = (a: number, b: number) => before(b, a);
  const siftUp = (pos: number) => {
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (!after(heap[pos], heap[parent])) break;
      [heap[pos], heap[parent]] = [heap[parent], heap[pos]];
      pos = parent;
    }
  };
  const siftDown = (pos: number) => {
    for (;;) {
      const l = 2 * pos + 1;
      const r = l + 1;
      let top = pos;
      if (l < count && after(heap[l], heap[top])) top = l;
      if (r < count && after(heap[r], heap[top])) top = r;
      if (top === pos) return;
      [heap[pos], heap[top]] = [heap[top], heap[pos]];
      pos = top;
    }
  };
  for (let i = 0; i < n && size > 0; i++) {
    if (count < size) {
      heap[count++] = i;
      siftUp(count - 1);
    } else if (before(i, heap[0])) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return Int32Array.from(heap).sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
}

function idsOrIndex(n: number, tokenIds?: Numbers): Numbers {
  if (tokenIds) {
    if (tokenIds.length !== n) throw new RangeError("tokenIds must align with scores");
    return tokenIds;
  }
  return Int32Array.from({ length: n }, (_, i) => i);
}

/** Indices of the k highest scores, best first; ties by ascending token id (default: index). */
export function topK(scores: Numbers, k: number, tokenIds?: Numbers): Int32Array {
  assertNoNaN(scores, "scores");
  const ids = idsOrIndex(scores.length, tokenIds);
  return selectK(scores.length, k, (a, b) => scores[a] > scores[b] || (scores[a] === scores[b] && ids[a] < ids[b]));
}

/** Indices of the k lowest scores, worst first; ties by ascending token id (default: index). */
export function bottomK(scores: Numbers, k: number, tokenIds?: Numbers): Int32Array {
  assertNoNaN(scores, "scores");
  const ids = idsOrIndex(scores.length, tokenIds);
  return selectK(scores.length, k, (a, b) => scores[a] < scores[b] || (scores[a] === scores[b] && ids[a] < ids[b]));
}

export interface IdScores {
  tokenIds: Numbers;
  scores: Numbers;
}

export interface AlignedPair {
  tokenIds: Int32Array;
  a: Float64Array;
  b: Float64Array;
}

/** Joins two sweeps of one model on token id (ids present in both), ordered by id. */
export function alignByTokenId(first: IdScores, second: IdScores): AlignedPair {
  assertSameLength(first.tokenIds, first.scores, "first sweep");
  assertSameLength(second.tokenIds, second.scores, "second sweep");
  const secondIndex = new Map<number, number>();
  for (let i = 0; i < second.tokenIds.length; i++) secondIndex.set(second.tokenIds[i], i);
  const rows: [number, number, number][] = [];
  for (let i = 0; i < first.tokenIds.length; i++) {
    const j = secondIndex.get(first.tokenIds[i]);
    if (j !== undefined) rows.push([first.tokenIds[i], first.scores[i], second.scores[j]]);
  }
  rows.sort((r, s) => r[0] - s[0]);
  return {
    tokenIds: Int32Array.from(rows, (r) => r[0]),
    a: Float64Array.from(rows, (r) => r[1]),
    b: Float64Array.from(rows, (r) => r[2]),
  };
}

export interface FramingRankings {
  tokenIds: Int32Array;
  /** best + worst: high = rewarded under both framings (framing-insensitive preference). */
  sum: Float64Array;
  /** best - worst: high = the model follows the framing (good under "best", bad under "worst"). */
  difference: Float64Array;
  topSum: Int32Array;
  bottomSum: Int32Array;
  topDifference: Int32Array;
  bottomDifference: Int32Array;
}

/** best+worst and best-worst rankings of a framing pair (indices into `tokenIds`). */
export function framingRankings(best: IdScores, worst: IdScores, k = 20): FramingRankings {
  const { tokenIds, a, b } = alignByTokenId(best, worst);
  const sum = new Float64Array(a.length);
  const difference = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    sum[i] = a[i] + b[i];
    difference[i] = a[i] - b[i];
  }
  return {
    tokenIds,
    sum,
    difference,
    topSum: topK(sum, k, tokenIds),
    bottomSum: bottomK(sum, k, tokenIds),
    topDifference: topK(difference, k, tokenIds),
    bottomDifference: bottomK(difference, k, tokenIds),
  };
}
