// Chart specs laid out as shapes (scene.ts) at a given size: a cartesian frame (nice value axes,
// category bands, split lines, labels, axis names), the series, a legend whose entries toggle
// series, and hover targets carrying what the tooltip shows. Axis and point labels are drawn
// text (canvas fillText / escaped SVG), token text made visible by tokenLabel.
import { tokenLabel } from "../../lib/tokenText";
import { linearScale, position, tickLabel, type LinearScale } from "./scale";
import type { Shape } from "./scene";
import { PALETTE, type BarsSpec, type ChartSpec, type ForestSpec, type HeatmapSpec, type HistogramSpec, type ScatterSpec, type SlopeSpec } from "./spec";
import { fmt, INK, MUTED, type TooltipParam } from "./tooltips";

const LINE = "#e3e6eb";
const AXIS = "#9aa3b2";
const HIDDEN = "#c8ccd3";
const color = (i: number) => PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];

/** Width in pixels of a text at a font size. */
export type Measure = (text: string, size: number) => number;

export interface Target {
  hit: { x: number; y: number; r: number } | { x: number; y: number; w: number; h: number };
  param: TooltipParam;
  /** Painted under the series (histogram column shadow) or over them while hovered. */
  under?: Shape[];
  over?: Shape[];
  href?: string | null;
}

export interface LegendEntry {
  name: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ChartLayout {
  shapes: Shape[];
  /** Index in `shapes` where the series start (hover shadows go there). */
  seriesStart: number;
  targets: Target[];
  legend: LegendEntry[];
}

export interface LayoutInput {
  spec: ChartSpec;
  width: number;
  height: number;
  /** Series switched off in the legend. */
  hidden: ReadonlySet<string>;
  measure: Measure;
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

type Axis =
  | { type: "value"; scale: LinearScale; name?: string; nameGap?: number; format?: (v: number) => string; size?: number }
  | {
      type: "category";
      labels: string[];
      /** First category at the top (y) instead of the bottom. */
      inverse?: boolean;
      name?: string;
      nameGap?: number;
      rotate?: number;
      /** Every label, even overlapping ones (otherwise overlapping labels are skipped). */
      all?: boolean;
      truncate?: number;
      color?: string;
      size?: number;
      ticks?: boolean;
    };

interface Frame {
  plot: Rect;
  /** Value axis: the value's position; category axis: the band centre of index v. */
  x: (v: number) => number;
  y: (v: number) => number;
  xBand: number;
  yBand: number;
}

class Builder {
  shapes: Shape[] = [];
  targets: Target[] = [];
  legend: LegendEntry[] = [];
  seriesStart = 0;
  constructor(readonly input: LayoutInput) {}
  text(x: number, y: number, text: string, color: string, size: number, align: "left" | "center" | "right" = "left", baseline: "top" | "middle" | "bottom" = "middle", rotate?: number) {
    this.shapes.push({ t: "text", x, y, text, color, size, align, baseline, rotate });
  }
  line(points: [number, number][], stroke: string, width = 1, dash?: number[]) {
    this.shapes.push({ t: "line", points, stroke, width, dash });
  }
  done(): ChartLayout {
    return { shapes: this.shapes, seriesStart: this.seriesStart, targets: this.targets, legend: this.legend };
  }
}

const crisp = (v: number) => Math.round(v) + 0.5;

function truncate(text: string, width: number, size: number, measure: Measure): string {
  if (measure(text, size) <= width) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(chars.slice(0, mid).join("") + "…", size) <= width) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join("") + "…";
}

function categoryMap(count: number, from: number, to: number, inverse: boolean) {
  const band = (to - from) / Math.max(1, count);
  return { band, at: (i: number) => (inverse ? to - (i + 0.5) * band : from + (i + 0.5) * band) };
}

/** Axes, split lines, labels and names; returns the coordinate mapping. */
function frame(b: Builder, grid: { left: number; right: number; top: number; bottom: number }, xAxis: Axis, yAxis: Axis): Frame {
  const { width, height, measure } = b.input;
  const plot = { x: grid.left, y: grid.top, w: Math.max(10, width - grid.left - grid.right), h: Math.max(10, height - grid.top - grid.bottom) };
  const right = plot.x + plot.w;
  const bottom = plot.y + plot.h;
  const xc = xAxis.type === "category" ? categoryMap(xAxis.labels.length, plot.x, right, !!xAxis.inverse) : null;
  // Category y: the first category at the bottom unless inverse.
  const yc = yAxis.type === "category" ? categoryMap(yAxis.labels.length, plot.y, bottom, !yAxis.inverse) : null;
  const f: Frame = {
    plot,
    x: xAxis.type === "value" ? (v) => position(xAxis.scale, v, plot.x, right) : xc!.at,
    y: yAxis.type === "value" ? (v) => position(yAxis.scale, v, bottom, plot.y) : yc!.at,
    xBand: xc?.band ?? 0,
    yBand: yc?.band ?? 0,
  };

  // Split lines of value axes.
  if (xAxis.type === "value") for (const t of xAxis.scale.ticks) b.line([[crisp(f.x(t)), plot.y], [crisp(f.x(t)), bottom]], LINE);
  if (yAxis.type === "value") for (const t of yAxis.scale.ticks) b.line([[plot.x, crisp(f.y(t))], [right, crisp(f.y(t))]], LINE);

  // Axis lines: on the other axis's zero when it is a value axis spanning zero, else at the edge.
  const zeroIn = (a: Axis) => a.type === "value" && a.scale.min < 0 && a.scale.max > 0;
  const xLineY = crisp(zeroIn(yAxis) ? f.y(0) : bottom);
  const yLineX = crisp(zeroIn(xAxis) ? f.x(0) : plot.x);
  b.line([[plot.x, xLineY], [right, xLineY]], AXIS);
  b.line([[yLineX, plot.y], [yLineX, bottom]], AXIS);

  // x axis: ticks and labels below the plot.
  const labelY = bottom + 8;
  if (xAxis.type === "value") {
    const size = xAxis.size ?? 11;
    let lastRight = -Infinity;
    for (const t of xAxis.scale.ticks) {
      const x = f.x(t);
      b.line([[crisp(x), xLineY], [crisp(x), xLineY + 5]], AXIS);
      const text = xAxis.format ? xAxis.format(t) : tickLabel(t, xAxis.scale.decimals);
      const w = measure(text, size);
      if (x - w / 2 < lastRight + 4) continue;
      lastRight = x + w / 2;
      b.text(x, labelY, text, MUTED, size, "center", "top");
    }
  } else {
    const size = xAxis.size ?? 11;
    if (xAxis.ticks !== false) for (let i = 0; i <= xAxis.labels.length; i++) b.line([[crisp(plot.x + i * f.xBand), xLineY], [crisp(plot.x + i * f.xBand), xLineY + 5]], AXIS);
    let lastRight = -Infinity;
    xAxis.labels.forEach((label, i) => {
      const x = f.x(i);
      const text = xAxis.truncate ? truncate(label, xAxis.truncate, size, measure) : label;
      if (xAxis.rotate) {
        b.text(x, labelY, text, xAxis.color ?? MUTED, size, "right", "middle", xAxis.rotate);
        return;
      }
      const w = measure(text, size);
      if (!xAxis.all && x - w / 2 < lastRight + 4) return;
      lastRight = x + w / 2;
      b.text(x, labelY, text, xAxis.color ?? MUTED, size, "center", "top");
    });
  }
  // Axis names: their near edge nameGap away from the axis.
  if (xAxis.name) b.text(plot.x + plot.w / 2, bottom + (xAxis.nameGap ?? 28), xAxis.name, MUTED, 12, "center", "top");

  // y axis: ticks and labels left of the plot.
  const labelX = plot.x - 8;
  if (yAxis.type === "value") {
    const size = yAxis.size ?? 11;
    for (const t of yAxis.scale.ticks) {
      const y = f.y(t);
      b.line([[yLineX - 5, crisp(y)], [yLineX, crisp(y)]], AXIS);
      b.text(labelX, y, yAxis.format ? yAxis.format(t) : tickLabel(t, yAxis.scale.decimals), MUTED, size, "right", "middle");
    }
  } else {
    const size = yAxis.size ?? 11;
    if (yAxis.ticks !== false) for (let i = 0; i <= yAxis.labels.length; i++) b.line([[yLineX - 5, crisp(plot.y + i * f.yBand)], [yLineX, crisp(plot.y + i * f.yBand)]], AXIS);
    // Labels that would overlap the previous one are skipped (unless all are wanted).
    let lastY = -Infinity;
    yAxis.labels.forEach((label, i) => {
      const y = f.y(i);
      if (!yAxis.all && Math.abs(y - lastY) < size + 2) return;
      lastY = y;
      b.text(labelX, y, yAxis.truncate ? truncate(label, yAxis.truncate, size, measure) : label, yAxis.color ?? MUTED, size, "right", "middle");
    });
  }
  if (yAxis.name) b.text(plot.x - (yAxis.nameGap ?? 40), plot.y + plot.h / 2, yAxis.name, MUTED, 12, "center", "bottom", 90);
  b.seriesStart = b.shapes.length;
  return f;
}

/** Legend entries centred in rows at the top; hidden series are greyed. Returns its bottom. */
function legend(b: Builder, items: { name: string; color: string; icon: "circle" | "line" }[], opts: { iconW: number; iconH: number; size: number }): number {
  const { width, measure, hidden } = b.input;
  const gap = 10;
  const rowH = Math.max(opts.iconH, opts.size);
  const widths = items.map((item) => opts.iconW + 5 + measure(item.name, opts.size));
  const rows: number[][] = [];
  let rowWidth = Infinity;
  widths.forEach((w, i) => {
    if (rowWidth + gap + w > width - 10) {
      rows.push([i]);
      rowWidth = w;
    } else {
      rows[rows.length - 1].push(i);
      rowWidth += gap + w;
    }
  });
  let y = 5;
  for (const row of rows) {
    let x = (width - row.reduce((n, i) => n + widths[i], 0) - gap * (row.length - 1)) / 2;
    for (const i of row) {
      const item = items[i];
      const c = hidden.has(item.name) ? HIDDEN : item.color;
      const cy = y + rowH / 2;
      if (item.icon === "line") {
        b.line([[x, cy], [x + opts.iconW, cy]], c, 2);
        b.shapes.push({ t: "circle", x: x + opts.iconW / 2, y: cy, r: 3, fill: "#ffffff", stroke: c, lineWidth: 2 });
      } else {
        b.shapes.push({ t: "circle", x: x + opts.iconW / 2, y: cy, r: opts.iconH / 2 - 1, fill: c });
      }
      b.text(x + opts.iconW + 5, cy, item.name, hidden.has(item.name) ? HIDDEN : MUTED, opts.size, "left", "middle");
      b.legend.push({ name: item.name, x, y, w: widths[i], h: rowH });
      x += widths[i] + gap;
    }
    y += rowH + gap;
  }
  return rows.length ? y - gap : 0;
}

function scatter(b: Builder, spec: ScatterSpec) {
  const { hidden } = b.input;
  const visible = spec.series.map((s, i) => ({ s, i })).filter(({ s }) => !hidden.has(s.name));
  // y = x spans every point, shown or not (as the axes did with ECharts).
  let [lo, hi] = [Infinity, -Infinity];
  for (const s of spec.series) for (const p of s.points) [lo, hi] = [Math.min(lo, p[0], p[1]), Math.max(hi, p[0], p[1])];
  const identity = spec.identity && lo <= hi ? [lo, hi] : [];
  const lines = spec.lines ?? [];
  const xs = [...visible.flatMap(({ s }) => s.points.map((p) => p[0])), ...lines.flatMap((l) => [l.from[0], l.to[0]]), ...identity];
  const ys = [...visible.flatMap(({ s }) => s.points.map((p) => p[1])), ...lines.flatMap((l) => [l.from[1], l.to[1]]), ...identity];
  const legendBottom = spec.legend ? legend(b, spec.series.map((s) => ({ name: s.name, color: color(s.color), icon: "circle" })), { iconW: 14, iconH: 14, size: 12 }) : 0;
  const f = frame(
    b,
    { left: 64, right: spec.showLabels ? 140 : 24, top: spec.legend ? legendBottom + 14 : 16, bottom: 52 },
    { type: "value", scale: linearScale(xs, false), name: spec.xLabel, nameGap: 30 },
    { type: "value", scale: linearScale(ys, false), name: spec.yLabel, nameGap: 46 },
  );
  for (const { s } of visible) {
    const c = color(s.color);
    const r = (s.size ?? (spec.showLabels ? 12 : 5)) / 2;
    const opacity = spec.showLabels ? 0.95 : 0.55;
    s.points.forEach((p, dataIndex) => {
      const x = f.x(p[0]);
      const y = f.y(p[1]);
      b.shapes.push({ t: "circle", x, y, r, fill: c, opacity });
      if (spec.showLabels) b.text(x + r + 5, y, tokenLabel(p[2]), INK, 12, "left", "middle");
      b.targets.push({
        hit: { x, y, r: Math.max(r, 4) + 1 },
        param: { seriesName: s.name, data: p, dataIndex, color: c },
        over: [{ t: "circle", x, y, r: r + 1.5, fill: c, stroke: "#ffffff", lineWidth: 1 }],
      });
    });
  }
  for (const l of lines) b.line([[f.x(l.from[0]), f.y(l.from[1])], [f.x(l.to[0]), f.y(l.to[1])]], color(l.color), 2, l.dashed ? [6, 4] : undefined);
  if (identity.length) b.line([[f.x(lo), f.y(lo)], [f.x(hi), f.y(hi)]], AXIS, 1, [5, 4]);
}

function hexRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** Linear interpolation through colour stops, t in [0, 1]. */
export function ramp(stops: string[], t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const [a, b] = [hexRgb(stops[i]), hexRgb(stops[i + 1])];
  const rgb = a.map((v, k) => Math.round(v + (b[k] - v) * (x - i)));
  return `#${rgb.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

function heatmap(b: Builder, spec: HeatmapSpec) {
  const { width, height } = b.input;
  const rows = spec.rows.map(tokenLabel);
  const cols = spec.cols.map(tokenLabel);
  const long = Math.max(0, ...spec.rows.map((r) => r.length));
  const colLong = Math.max(0, ...spec.cols.map((c) => c.length));
  const left = Math.min(240, 16 + long * 6.5);
  const bottom = 48 + Math.min(160, colLong * 5);
  const f = frame(
    b,
    { left, right: 16, top: 8, bottom },
    // Rotated 30°, a label's height is half its length: it fits above the colour scale.
    { type: "category", labels: cols, rotate: colLong > 12 ? 30 : 0, all: true, size: 11, truncate: colLong > 12 ? 2 * (bottom - 36) : undefined },
    { type: "category", labels: rows, inverse: true, all: true, color: INK, size: 11, truncate: left - 12 },
  );
  const stops = spec.diverging ? ["#c2413b", "#f7f7f7", "#3a5bd9"] : ["#f2f5fc", "#9db0ee", "#3a5bd9", "#1c2f80"];
  const span = spec.max - spec.min || 1;
  const showLabels = spec.rows.length * spec.cols.length <= 400;
  spec.values.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === null || !Number.isFinite(v)) return;
      const cell = { x: f.x(c) - f.xBand / 2, y: f.y(r) - f.yBand / 2, w: f.xBand, h: f.yBand };
      const fill = ramp(stops, (v - spec.min) / span);
      b.shapes.push({ t: "rect", ...cell, fill, stroke: "#ffffff" });
      if (showLabels) {
        const [R, G, B] = hexRgb(fill);
        b.text(cell.x + cell.w / 2, cell.y + cell.h / 2, fmt(v, spec.decimals), 0.299 * R + 0.587 * G + 0.114 * B < 140 ? "#ffffff" : INK, 11, "center", "middle");
      }
      b.targets.push({ hit: cell, param: { data: [c, r, v], dataIndex: r * row.length + c }, over: [{ t: "rect", ...cell, fill, stroke: INK }], href: spec.links?.[r]?.[c] ?? null });
    }),
  );
  // The colour scale (ECharts' continuous visual map): a 120 × 20 bar, min and max at its ends.
  const bar = { x: (width - 120) / 2, y: height - 20, w: 120, h: 20 };
  b.shapes.push({ t: "gradient", ...bar, colors: stops });
  b.text(bar.x - 6, bar.y + 10, fmt(spec.min, spec.decimals), MUTED, 11, "right", "middle");
  b.text(bar.x + bar.w + 6, bar.y + 10, fmt(spec.max, spec.decimals), MUTED, 11, "left", "middle");
}

function histogram(b: Builder, spec: HistogramSpec) {
  const f = frame(
    b,
    { left: 56, right: 12, top: 10, bottom: 44 },
    { type: "category", labels: spec.bins.map((bin) => fmt((bin[0] + bin[1]) / 2, 2)), name: spec.xLabel, nameGap: 28, size: 10 },
    { type: "value", scale: linearScale(spec.bins.map((bin) => bin[2]), true), name: "tokens", nameGap: 40, size: 10, format: (v) => fmt(v, 0) },
  );
  const c = color(spec.color);
  const w = f.xBand * 0.96;
  spec.bins.forEach((bin, i) => {
    const x = f.x(i);
    const top = f.y(bin[2]);
    const base = f.y(0);
    b.shapes.push({ t: "rect", x: x - w / 2, y: Math.min(top, base), w, h: Math.abs(base - top), fill: c });
    // Hovering anywhere over a bin's column shows it (ECharts' axis tooltip with a shadow pointer).
    const column = { x: x - f.xBand / 2, y: f.plot.y, w: f.xBand, h: f.plot.h };
    b.targets.push({ hit: column, param: { dataIndex: i, value: bin[2], color: c }, under: [{ t: "rect", ...column, fill: "rgba(150,160,180,0.18)" }] });
  });
}

function slope(b: Builder, spec: SlopeSpec) {
  const { hidden } = b.input;
  const legendBottom = legend(b, spec.series.map((s) => ({ name: s.name, color: color(s.color), icon: "line" })), { iconW: 18, iconH: 10, size: 11 });
  const visible = spec.series.filter((s) => !hidden.has(s.name));
  const f = frame(
    b,
    { left: 60, right: 40, top: legendBottom + 16, bottom: 32 },
    { type: "category", labels: spec.categories, color: INK, size: 12 },
    { type: "value", scale: linearScale(visible.flatMap((s) => s.values.filter((v): v is number => v !== null)), false), name: spec.yLabel, nameGap: 44 },
  );
  const showLabels = spec.series.length <= 6;
  for (const s of visible) {
    const c = color(s.color);
    // Segments between consecutive values; a missing value breaks the line.
    let run: [number, number][] = [];
    const flush = () => {
      if (run.length > 1) b.line(run, c, 2);
      run = [];
    };
    s.values.forEach((v, i) => (v === null ? flush() : run.push([f.x(i), f.y(v)])));
    flush();
    s.values.forEach((v, dataIndex) => {
      if (v === null) return;
      const [x, y] = [f.x(dataIndex), f.y(v)];
      b.shapes.push({ t: "circle", x, y, r: 4, fill: "#ffffff", stroke: c, lineWidth: 2 });
      if (showLabels) b.text(x + 8, y, fmt(v, 2), MUTED, 10, "left", "middle");
      b.targets.push({ hit: { x, y, r: 7 }, param: { seriesName: s.name, value: v, dataIndex, color: c }, over: [{ t: "circle", x, y, r: 5, fill: c, stroke: "#ffffff", lineWidth: 1 }] });
    });
  }
}

function bars(b: Builder, spec: BarsSpec) {
  const f = frame(
    b,
    { left: 170, right: 40, top: 8, bottom: 44 },
    { type: "value", scale: linearScale(spec.items.map((i) => i.value), true), name: spec.xLabel, nameGap: 28 },
    { type: "category", labels: spec.items.map((i) => tokenLabel(i.label)), inverse: true, all: true, truncate: 150, color: INK, size: 11, ticks: false },
  );
  const h = f.yBand * 0.7;
  spec.items.forEach((item, i) => {
    const [x0, x1] = [f.x(0), f.x(item.value)];
    const bar = { x: Math.min(x0, x1), y: f.y(i) - h / 2, w: Math.abs(x1 - x0), h };
    const fill = item.value >= 0 ? "#c2413b" : "#3a5bd9";
    b.shapes.push({ t: "rect", ...bar, fill });
    b.targets.push({ hit: { ...bar, x: bar.x - 2, w: bar.w + 4 }, param: { dataIndex: i, value: item.value }, over: [{ t: "rect", ...bar, fill, stroke: INK }] });
  });
}

function forest(b: Builder, spec: ForestSpec) {
  const labels = spec.rows.map((r) => tokenLabel(r.label));
  const left = Math.min(240, 20 + Math.max(0, ...labels.map((l) => l.length)) * 6.5);
  const f = frame(
    b,
    { left, right: 24, top: 8, bottom: 44 },
    { type: "value", scale: linearScale([0, ...spec.rows.flatMap((r) => [r.low, r.high, r.estimate])], false), name: spec.xLabel, nameGap: 28 },
    { type: "category", labels, inverse: true, all: true, color: INK, size: 11, ticks: false, truncate: left - 12 },
  );
  // x = 0 (no effect), under the intervals.
  if (spec.rows.length) b.line([[f.x(0), f.y(0)], [f.x(0), f.y(spec.rows.length - 1)]], INK, 1, [5, 4]);
  spec.rows.forEach((r, i) => b.line([[f.x(r.low), f.y(i)], [f.x(r.high), f.y(i)]], AXIS, 2));
  spec.rows.forEach((r, dataIndex) => {
    const [x, y] = [f.x(r.estimate), f.y(dataIndex)];
    const c = color(r.color);
    b.shapes.push({ t: "circle", x, y, r: 5, fill: c });
    b.targets.push({ hit: { x, y, r: 7 }, param: { dataIndex, value: r.estimate, color: c }, over: [{ t: "circle", x, y, r: 6, fill: c, stroke: "#ffffff", lineWidth: 1 }] });
  });
}

export function layoutChart(input: LayoutInput): ChartLayout {
  const b = new Builder(input);
  const { spec } = input;
  switch (spec.kind) {
    case "scatter":
      scatter(b, spec);
      break;
    case "heatmap":
      heatmap(b, spec);
      break;
    case "histogram":
      histogram(b, spec);
      break;
    case "slope":
      slope(b, spec);
      break;
    case "bars":
      bars(b, spec);
      break;
    case "forest":
      forest(b, spec);
      break;
  }
  return b.done();
}

const inside = (t: Target, x: number, y: number) =>
  "r" in t.hit ? (x - t.hit.x) ** 2 + (y - t.hit.y) ** 2 <= t.hit.r ** 2 : x >= t.hit.x && x < t.hit.x + t.hit.w && y >= t.hit.y && y < t.hit.y + t.hit.h;

/** The target under (x, y): the nearest point, or the last-drawn rectangle. -1 when none. */
export function hitTest(layout: ChartLayout, x: number, y: number): number {
  let best = -1;
  let bestDistance = Infinity;
  layout.targets.forEach((t, i) => {
    if (!inside(t, x, y)) return;
    const d = "r" in t.hit ? (x - t.hit.x) ** 2 + (y - t.hit.y) ** 2 : 0;
    if (d <= bestDistance) [best, bestDistance] = [i, d];
  });
  return best;
}

/** The legend entry under (x, y), if any. */
export function legendAt(layout: ChartLayout, x: number, y: number): string | null {
  return layout.legend.find((e) => x >= e.x && x <= e.x + e.w && y >= e.y && y <= e.y + e.h)?.name ?? null;
}

/** The shapes to paint, with the hovered target's emphasis. */
export function withHover(layout: ChartLayout, hover: number): Shape[] {
  const t = layout.targets[hover];
  if (!t) return layout.shapes;
  return [...layout.shapes.slice(0, layout.seriesStart), ...(t.under ?? []), ...layout.shapes.slice(layout.seriesStart), ...(t.over ?? [])];
}
