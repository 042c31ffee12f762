/**
 * Small dense linear algebra (p x p with p of a few to a few dozen): enough for OLS normal
 * equations and MDS of ~10-50 models, without a numeric dependency. Matrices are row-major
 * Float64Array of size n*n.
 */

/** Inverse of a square matrix by Gauss-Jordan elimination with partial pivoting; null if singular. */
export function invert(matrix: Float64Array, n: number): Float64Array | null {
  const a = Float64Array.from(matrix);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  // Relative singularity threshold: pivots this small mean collinear predictors.
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(a[i]));
  const tiny = scale * n * 1e-13;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(a[r * n + col]) > Math.abs(a[pivot * n + col])) pivot = r;
    }
    if (!(Math.abs(a[pivot * n + col]) > tiny)) return null;
    if (pivot !== col) {
      swapRows(a, n, pivot, col);
      swapRows(inv, n, pivot, col);
    }
    const d = a[col * n + col];
    for (let c = 0; c < n; c++) {
      a[col * n + c] /= d;
      inv[col * n + c] /= d;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r * n + col];
      if (f === 0) continue;
      for (let c = 0; c < n; c++) {
        a[r * n + c] -= f * a[col * n + c];
        inv[r * n + c] -= f * inv[col * n + c];
      }
    }
  }
  return inv;
}

function swapRows(m: Float64Array, n: number, r1: number, r2: number): void {
  for (let c = 0; c < n; c++) {
    const t = m[r1 * n + c];
    m[r1 * n + c] = m[r2 * n + c];
    m[r2 * n + c] = t;
  }
}

/** y = M x for a square row-major matrix. */
export function multiplyVector(matrix: Float64Array, n: number, x: Float64Array): Float64Array {
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    for (let c = 0; c < n; c++) s += matrix[r * n + c] * x[c];
    y[r] = s;
  }
  return y;
}

export interface Eigen {
  /** Eigenvalues in descending order. */
  values: Float64Array;
  /** Column k (vectors[i * n + k]) is the unit eigenvector of values[k]. */
  vectors: Float64Array;
}

/**
 * All eigenpairs of a symmetric matrix by cyclic Jacobi rotations. Deterministic, accurate to
 * machine precision, and simple; O(n^3) per sweep is nothing for n <= 100.
 * Sign convention: each eigenvector is flipped so its largest-magnitude component is positive
 * (first such component on exact ties), so plots do not mirror between runs.
 */
export function symmetricEigen(matrix: Float64Array, n: number): Eigen {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const app = a[p * n + p];
        const aqq = a[q * n + q];
        // Rotation angle that zeroes a[p][q] (Numerical Recipes formulation, stable tan).
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i] || i - j);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, k) => {
    values[k] = a[src * n + src];
    let best = 0;
    for (let i = 1; i < n; i++) {
      if (Math.abs(v[i * n + src]) > Math.abs(v[best * n + src]) + 1e-12) best = i;
    }
    const sign = v[best * n + src] < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) vectors[i * n + k] = sign * v[i * n + src];
  });
  return { values, vectors };
}
