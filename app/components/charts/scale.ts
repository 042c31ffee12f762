// Value axes of the charts: "nice" linear extents and ticks (steps of 1, 2, 3 or 5 × 10^k, about
// five intervals, as ECharts chose them).

export interface LinearScale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
  /** Decimal places of the step: tick labels show no more. */
  decimals: number;
}

export function niceStep(span: number, splits = 5): number {
  const raw = span / splits;
  const exp = 10 ** Math.floor(Math.log10(raw));
  const f = raw / exp;
  return (f < 1.5 ? 1 : f < 2.5 ? 2 : f < 4 ? 3 : f < 7 ? 5 : 10) * exp;
}

/**
 * A nice extent covering the values (non-finite ones ignored). `includeZero`: value axes that
 * measure from zero (bars); scatter axes fit the data.
 */
export function linearScale(values: Iterable<number>, includeZero: boolean): LinearScale {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) [lo, hi] = [0, 1];
  if (includeZero) [lo, hi] = [Math.min(lo, 0), Math.max(hi, 0)];
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) / 2;
    [lo, hi] = [lo - pad, hi + pad];
  }
  const step = niceStep(hi - lo);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const round = (v: number) => Number(v.toFixed(decimals));
  const min = round(Math.floor(lo / step + 1e-9) * step);
  const max = round(Math.ceil(hi / step - 1e-9) * step);
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step * 1e-6; i++) ticks.push(round(min + i * step));
  return { min, max, step, ticks, decimals };
}

/** Pixel position of a value on a linear scale mapped onto [from, to]. */
export function position(scale: LinearScale, value: number, from: number, to: number): number {
  return from + ((value - scale.min) / (scale.max - scale.min)) * (to - from);
}

/** Default tick label: thousands separated, no more decimals than the step has. */
export function tickLabel(value: number, decimals: number): string {
  return value.toLocaleString("en", { minimumFractionDigits: 0, maximumFractionDigits: decimals });
}
