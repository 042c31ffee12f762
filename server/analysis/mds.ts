/**
 * Classical (Torgerson) multidimensional scaling: a 2-D map of models from the distance
 * matrix 1 - tau (METHOD: heterogeneity). Steps: square the distances, double-centre
 * B = -1/2 J D^2 J (J = I - 11'/n), take the top eigenpairs of B, coordinates = v_k sqrt(l_k).
 * 1 - tau is not guaranteed Euclidean, so B may have negative eigenvalues; those dimensions
 * get coordinate 0 and the returned eigenvalues let the caller report the fit.
 * Deterministic: Jacobi eigen-solver plus a fixed sign convention (largest-magnitude
 * coordinate of each axis is positive).
 */
import { symmetricEigen } from "./linalg";

export interface MdsResult {
  /** n x dims row-major coordinates: point i = coords[i*dims .. i*dims+dims). */
  coords: Float64Array;
  dims: number;
  /** All eigenvalues of B, descending. */
  eigenvalues: Float64Array;
  /** Share of total |eigenvalue| mass captured by the kept (positive) dimensions. */
  goodnessOfFit: number;
}

/** Accepts a row-major Float64Array (n*n) or an array of rows. Must be symmetric with 0 diagonal. */
export function classicalMds(distances: Float64Array | readonly (readonly number[])[], dims = 2): MdsResult {
  const { matrix, n } = toSquare(distances);
  if (n === 0) return { coords: new Float64Array(0), dims, eigenvalues: new Float64Array(0), goodnessOfFit: NaN };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (Math.abs(matrix[i * n + j] - matrix[j * n + i]) > 1e-9) throw new RangeError("classicalMds: distance matrix is not symmetric");
    }
  }
  // Double centring of squared distances.
  const sq = matrix.map((d) => d * d);
  const rowMean = new Float64Array(n);
  let grand = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += sq[i * n + j];
    rowMean[i] = s / n;
    grand += s;
  }
  grand /= n * n;
  const b = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      b[i * n + j] = -0.5 * (sq[i * n + j] - rowMean[i] - rowMean[j] + grand);
    }
  }
  const { values, vectors } = symmetricEigen(b, n);
  const coords = new Float64Array(n * dims);
  let kept = 0;
  let total = 0;
  for (let k = 0; k < n; k++) total += Math.abs(values[k]);
  // Eigenvalues within rounding of zero (relative to the largest) carry no structure.
  const floor = Math.max(0, values[0]) * 1e-10;
  for (let k = 0; k < Math.min(dims, n); k++) {
    const lambda = values[k];
    if (!(lambda > floor)) continue;
    kept += lambda;
    const s = Math.sqrt(lambda);
    for (let i = 0; i < n; i++) coords[i * dims + k] = vectors[i * n + k] * s;
  }
  return { coords, dims, eigenvalues: values, goodnessOfFit: total > 0 ? kept / total : NaN };
}

function toSquare(d: Float64Array | readonly (readonly number[])[]): { matrix: Float64Array; n: number } {
  if (d instanceof Float64Array) {
    const n = Math.round(Math.sqrt(d.length));
    if (n * n !== d.length) throw new RangeError("classicalMds: flat matrix length is not a square");
    return { matrix: d, n };
  }
  const n = d.length;
  const matrix = new Float64Array(n * n);
  d.forEach((row, i) => {
    if (row.length !== n) throw new RangeError("classicalMds: matrix is not square");
    row.forEach((v, j) => (matrix[i * n + j] = v));
  });
  return { matrix, n };
}
