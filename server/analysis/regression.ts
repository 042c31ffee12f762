/**
 * Ordinary least squares with an intercept and one or more predictors.
 *
 * Solved from the centred normal equations (Sxx b = Sxy, intercept = ybar - b.xbar): centring
 * removes the intercept column's collinearity with large-mean predictors (log frequency,
 * raw scores of -30), which keeps the small p x p solve well conditioned.
 * Standard errors are the classical homoscedastic ones, sigma^2 = RSS / (n - p - 1), as in
 * R's lm() / scipy.stats.linregress; at n ~ 100k they are tiny, hence the bootstrap intervals.
 */
import { bootstrapVector, type BootstrapInterval } from "./bootstrap";
import { invert } from "./linalg";
import { assertSameLength, type Numbers, type ResamplingOptions } from "./types";

export interface OlsFit {
  n: number;
  intercept: number;
  /** One slope per predictor, in input order. */
  slopes: Float64Array;
  interceptStandardError: number;
  slopeStandardErrors: Float64Array;
  rSquared: number;
  /** Residual degrees of freedom n - p - 1. */
  residualDf: number;
  residualStandardError: number;
}

interface CentredSystem {
  n: number;
  xMean: Float64Array;
  yMean: number;
  sxx: Float64Array;
  sxy: Float64Array;
  syy: number;
}

/** Centred cross-products over `rows` (all rows when null); rows may repeat (bootstrap). */
function centredSystem(predictors: readonly Numbers[], y: Numbers, rows: Uint32Array | null): CentredSystem {
  const p = predictors.length;
  const n = rows ? rows.length : y.length;
  const xMean = new Float64Array(p);
  let yMean = 0;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k] : k;
    yMean += y[i];
    for (let j = 0; j < p; j++) xMean[j] += predictors[j][i];
  }
  yMean /= n;
  for (let j = 0; j < p; j++) xMean[j] /= n;
  const sxx = new Float64Array(p * p);
  const sxy = new Float64Array(p);
  const d = new Float64Array(p);
  let syy = 0;
  for (let k = 0; k < n; k++) {
    const i = rows ? rows[k] : k;
    const dy = y[i] - yMean;
    syy += dy * dy;
    for (let j = 0; j < p; j++) d[j] = predictors[j][i] - xMean[j];
    for (let j = 0; j < p; j++) {
      sxy[j] += d[j] * dy;
      for (let l = j; l < p; l++) sxx[j * p + l] += d[j] * d[l];
    }
  }
  for (let j = 0; j < p; j++) for (let l = 0; l < j; l++) sxx[j * p + l] = sxx[l * p + j];
  return { n, xMean, yMean, sxx, sxy, syy };
}

function solveSlopes(sys: CentredSystem, p: number): { slopes: Float64Array; inverse: Float64Array } | null {
  const inverse = invert(sys.sxx, p);
  if (!inverse) return null;
  const slopes = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let l = 0; l < p; l++) s += inverse[j * p + l] * sys.sxy[l];
    slopes[j] = s;
  }
  return { slopes, inverse };
}

function checkInputs(predictors: readonly Numbers[], y: Numbers): void {
  if (predictors.length === 0) throw new RangeError("ols: need at least one predictor");
  predictors.forEach((x, j) => assertSameLength(x, y, `ols predictor ${j}`));
}

/** OLS fit of y on the predictor columns (plus intercept). Slopes are NaN if X is singular. */
export function ols(predictors: readonly Numbers[], y: Numbers): OlsFit {
  checkInputs(predictors, y);
  const p = predictors.length;
  const sys = centredSystem(predictors, y, null);
  const n = sys.n;
  const residualDf = n - p - 1;
  const solved = n > p ? solveSlopes(sys, p) : null;
  if (!solved) {
    return {
      n,
      intercept: NaN,
      slopes: new Float64Array(p).fill(NaN),
      interceptStandardError: NaN,
      slopeStandardErrors: new Float64Array(p).fill(NaN),
      rSquared: NaN,
      residualDf,
      residualStandardError: NaN,
    };
  }
  const { slopes, inverse } = solved;
  let intercept = sys.yMean;
  for (let j = 0; j < p; j++) intercept -= slopes[j] * sys.xMean[j];
  // Residual sum of squares from the residuals themselves (more accurate than Syy - b.Sxy).
  let rss = 0;
  for (let i = 0; i < n; i++) {
    let fitted = intercept;
    for (let j = 0; j < p; j++) fitted += slopes[j] * predictors[j][i];
    const r = y[i] - fitted;
    rss += r * r;
  }
  const sigma2 = residualDf > 0 ? rss / residualDf : NaN;
  const slopeStandardErrors = new Float64Array(p);
  for (let j = 0; j < p; j++) slopeStandardErrors[j] = Math.sqrt(sigma2 * inverse[j * p + j]);
  let quad = 0;
  for (let j = 0; j < p; j++) for (let l = 0; l < p; l++) quad += sys.xMean[j] * inverse[j * p + l] * sys.xMean[l];
  return {
    n,
    intercept,
    slopes,
    interceptStandardError: Math.sqrt(sigma2 * (1 / n + quad)),
    slopeStandardErrors,
    rSquared: sys.syy > 0 ? 1 - rss / sys.syy : NaN,
    residualDf,
    residualStandardError: Math.sqrt(sigma2),
  };
}

/** Slopes only, for the rows listed (used inside bootstrap loops); NaN when singular. */
export function olsSlopesForRows(predictors: readonly Numbers[], y: Numbers, rows: Uint32Array, out: Float64Array): void {
  const p = predictors.length;
  const solved = rows.length > p ? solveSlopes(centredSystem(predictors, y, rows), p) : null;
  for (let j = 0; j < p; j++) out[j] = solved ? solved.slopes[j] : NaN;
}

export interface BootstrappedOls {
  fit: OlsFit;
  /** Percentile-bootstrap interval per slope (input order); estimate = the OLS slope. */
  slopes: BootstrapInterval[];
}

/** OLS plus percentile-bootstrap CIs for each slope (case resampling; default 1000 x 95%). */
export function bootstrapOls(
  predictors: readonly Numbers[],
  y: Numbers,
  options: ResamplingOptions = {},
): BootstrappedOls {
  const fit = ols(predictors, y);
  const slopes = bootstrapVector(
    y.length,
    predictors.length,
    (rows, out) => olsSlopesForRows(predictors, y, rows, out),
    options,
  );
  return { fit, slopes };
}

/** Simple regression y = a + b x (scipy.stats.linregress's slope, intercept, stderr, r^2). */
export function simpleRegression(x: Numbers, y: Numbers): OlsFit {
  return ols([x], y);
}
