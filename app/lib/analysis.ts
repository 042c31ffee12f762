// Helpers shared by the analysis views.
import type { LabelledPoint } from "../components/charts/spec";

export interface ScatterPointData {
  tokenId: number;
  text: string;
  x: number;
  y: number;
}

/** Five significant digits are plenty on a chart and halve the page's payload. */
const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(5)) : v);

export const toPoints = (points: ScatterPointData[]): LabelledPoint[] => points.map((p) => [round(p.x), round(p.y), p.text, p.tokenId]);

/**
 * A regression line for display: the API gives slopes (with intervals), not intercepts, so the
 * line with that slope is drawn through the centroid of the plotted points it was fitted on,
 * across their x range.
 */
export function lineThroughCentroid(points: { x: number; y: number }[], slope: number): { from: [number, number]; to: [number, number] } | null {
  if (points.length < 2 || !Number.isFinite(slope)) return null;
  let sx = 0;
  let sy = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    sx += p.x;
    sy += p.y;
    lo = Math.min(lo, p.x);
    hi = Math.max(hi, p.x);
  }
  const mx = sx / points.length;
  const my = sy / points.length;
  if (lo === hi) return null;
  return { from: [lo, my + slope * (lo - mx)], to: [hi, my + slope * (hi - mx)] };
}

/** Chart height for n rows of a category axis. */
export const rowsHeight = (n: number, perRow = 28, chrome = 80, min = 160) => Math.max(min, n * perRow + chrome);
