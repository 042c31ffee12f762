/**
 * Seeded pseudo-random numbers for bootstrap and permutation nulls.
 *
 * mulberry32 is a tiny 32-bit generator: not cryptographic, but fast, well distributed for
 * resampling, and fully determined by its seed, so every interval we report is reproducible.
 */

export type Rng = () => number;

/** mulberry32: returns a function yielding uniform floats in [0, 1). */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [0, n). */
export function randomIndex(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Fills `out` with n indices drawn uniformly with replacement from [0, n) (one bootstrap resample). */
export function resampleIndices(rng: Rng, n: number, out: Uint32Array = new Uint32Array(n)): Uint32Array {
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(rng() * n);
  return out;
}

/** In-place Fisher-Yates shuffle (uniform over permutations given a uniform rng). */
export function shuffleInPlace<T extends { [index: number]: number; length: number }>(values: T, rng: Rng): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = values[i];
    values[i] = values[j];
    values[j] = tmp;
  }
  return values;
}

/** Dense cluster ids (0..C-1, in order of first appearance) for rows keyed by `keys`. */
export function denseIds(keys: readonly string[]): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(keys, (key) => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  });
}

/** Draws rows for one bootstrap resample: all n rows' indices with replacement, or, with
 * `clusters`, a two-stage resample: as many clusters as there are, with replacement, and within
 * each drawn cluster as many of its rows, with replacement. The second stage keeps the variation
 * within clusters, so a statistic over few clusters (an identity group of one term and its token
 * forms) still gets an interval instead of a point. A single-row cluster draws no second number,
 * so with every cluster a single row (ids 0..n-1 in row order) both ways draw the same rows. */
export function rowResampler(n: number, clusters?: Int32Array): (rng: Rng) => Uint32Array {
  if (!clusters) {
    const out = new Uint32Array(n);
    return (rng) => resampleIndices(rng, n, out);
  }
  if (clusters.length !== n) throw new RangeError(`rowResampler: ${clusters.length} cluster ids for ${n} rows`);
  const members: number[][] = [];
  clusters.forEach((c, row) => (members[c] ??= []).push(row));
  const count = members.length;
  // One buffer for every draw: a resample has at most `count` times the largest cluster's rows.
  const buffer = new Uint32Array(count * members.reduce((most, m) => Math.max(most, m.length), 0));
  return (rng) => {
    let filled = 0;
    for (let k = 0; k < count; k++) {
      const cluster = members[Math.floor(rng() * count)];
      if (cluster.length === 1) buffer[filled++] = cluster[0];
      else for (let j = 0; j < cluster.length; j++) buffer[filled++] = cluster[Math.floor(rng() * cluster.length)];
    }
    return buffer.subarray(0, filled);
  };
}
