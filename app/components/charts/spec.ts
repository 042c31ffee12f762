// Chart specifications: plain data a server component can hand to the client chart (functions
// such as tooltip formatters cannot cross that boundary; options.ts builds them in the browser).

/** [x, y, label, tokenId?]: label is raw text (escaped when shown). */
export type LabelledPoint = [number, number, string, number?];

export interface ScatterSpec {
  kind: "scatter";
  xLabel: string;
  yLabel: string;
  series: { name: string; color: number; points: LabelledPoint[]; size?: number }[];
  /** Straight segments (regression lines): [[x0, y0], [x1, y1]]. */
  lines?: { name: string; color: number; from: [number, number]; to: [number, number]; dashed?: boolean }[];
  /** Draw y = x. */
  identity?: boolean;
  /** Show each point's label next to it (few points: MDS map). */
  showLabels?: boolean;
  /** What the labels are: tokens get visible escapes in tooltips. */
  labelKind: "token" | "model" | "item";
  legend?: boolean;
}

export interface HeatmapSpec {
  kind: "heatmap";
  rows: string[];
  cols: string[];
  /** values[row][col]; null = no value. */
  values: (number | null)[][];
  min: number;
  max: number;
  decimals: number;
  valueLabel: string;
  /** Blue-white-red around the middle of [min, max]. */
  diverging?: boolean;
  /** With diverging: red at the high end instead (where high values are the harmful ones). */
  redAtHigh?: boolean;
  /** Clicking a cell navigates here (keyboard users have the table's links). */
  links?: (string | null)[][];
  /** What a null cell means (its tooltip); null cells are drawn grey with a dash. */
  missingLabel?: string;
}

export interface HistogramSpec {
  kind: "histogram";
  xLabel: string;
  /** [from, to, count] */
  bins: [number, number, number][];
  color: number;
}

export interface SlopeSpec {
  kind: "slope";
  categories: string[];
  yLabel: string;
  series: { name: string; color: number; values: (number | null)[] }[];
}

export interface BarsSpec {
  kind: "bars";
  xLabel: string;
  /** Top to bottom. */
  items: { label: string; value: number; detail?: string }[];
}

export interface ForestSpec {
  kind: "forest";
  xLabel: string;
  /** Top to bottom. */
  rows: { label: string; estimate: number; low: number; high: number; color: number }[];
}

export type ChartSpec = ScatterSpec | HeatmapSpec | HistogramSpec | SlopeSpec | BarsSpec | ForestSpec;

export const PALETTE = ["#3a5bd9", "#d9733a", "#1f8a5b", "#a23ab8", "#c2413b", "#2a9bb5", "#8a6d1d", "#5d6778", "#e0559b", "#6b8e23", "#7b61ff", "#b5651d"];
