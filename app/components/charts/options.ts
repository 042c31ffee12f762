// ECharts options from chart specs. The server renders them to SVG (render.ts); the browser uses
// the same options' tooltip formatters (tooltipHtml) on the hydrated SVG, and the whole option
// once a legend click loads the full ECharts (interactive.ts). Every tooltip escapes
// its text (tooltip strings are HTML) and shows tokens the way <TokenText> does; axis labels and
// legends are SVG text.
import { escapeHtml, tokenLabel } from "../../lib/tokenText";
import type { BarsSpec, ChartSpec, ForestSpec, HeatmapSpec, HistogramSpec, ScatterSpec, SlopeSpec } from "./spec";
import { PALETTE } from "./spec";

export type Option = Record<string, unknown>;
type TooltipParam = { seriesName?: string; data?: unknown; value?: unknown; name?: string; dataIndex: number; seriesIndex?: number; color?: string };

const INK = "#1d2330";
const MUTED = "#5d6778";
const LINE = "#e3e6eb";
const MISSING = "#eceef2";
// Single quotes: the SVG renderer writes the family into a double-quoted style attribute.
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export function fmt(value: unknown, digits = 3): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return "—";
  if (n !== 0 && (Math.abs(n) >= 1e5 || Math.abs(n) < 1e-3)) return n.toExponential(2);
  return Number(n.toFixed(digits)).toString().replace(/^-/, "\u2212");
}

/** Any data-derived text in a tooltip: invisible characters made visible, then HTML-escaped. */
const safe = (text: string | null | undefined) => escapeHtml(tokenLabel(text));
const line = (name: string, value: string) => `<div>${safe(name)}: <b>${escapeHtml(value)}</b></div>`;
const swatch = (color: string | undefined) =>
  `<span style="display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:5px;background:${escapeHtml(color ?? MUTED)}"></span>`;

const base = (): Option => ({
  animation: false,
  textStyle: { fontFamily: FONT, color: INK },
  tooltip: { confine: true, renderMode: "html", textStyle: { fontFamily: FONT, fontSize: 12 }, extraCssText: "max-width:320px;white-space:normal;" },
});

const axis = (name: string, extra: Option = {}): Option => ({
  name,
  nameLocation: "middle",
  nameTextStyle: { color: MUTED, fontSize: 12 },
  axisLine: { lineStyle: { color: "#9aa3b2" } },
  axisLabel: { color: MUTED, fontSize: 11 },
  splitLine: { lineStyle: { color: LINE } },
  ...extra,
});

function scatter(spec: ScatterSpec): Option {
  const series: Option[] = spec.series.map((s) => ({
    type: "scatter",
    name: s.name,
    data: s.points,
    symbolSize: s.size ?? (spec.showLabels ? 12 : 5),
    itemStyle: { color: PALETTE[s.color % PALETTE.length], opacity: spec.showLabels ? 0.95 : 0.55 },
    emphasis: { focus: "series", itemStyle: { opacity: 1 } },
    label: spec.showLabels
      ? { show: true, position: "right", formatter: (p: TooltipParam) => tokenLabel(String((p.data as unknown[])[2])), color: INK, fontSize: 12 }
      : { show: false },
    large: s.points.length > 2000,
  }));
  for (const l of spec.lines ?? []) {
    series.push({
      type: "line",
      name: l.name,
      data: [l.from, l.to],
      symbol: "none",
      silent: true,
      lineStyle: { color: PALETTE[l.color % PALETTE.length], width: 2, type: l.dashed ? "dashed" : "solid" },
      tooltip: { show: false },
    });
  }
  if (spec.identity) {
    const xs = spec.series.flatMap((s) => s.points.map((p) => p[0]));
    const ys = spec.series.flatMap((s) => s.points.map((p) => p[1]));
    const lo = Math.min(...xs, ...ys);
    const hi = Math.max(...xs, ...ys);
    series.push({
      type: "line",
      name: "y = x",
      data: [[lo, lo], [hi, hi]],
      symbol: "none",
      silent: true,
      lineStyle: { color: "#9aa3b2", width: 1, type: "dashed" },
      tooltip: { show: false },
    });
  }
  return {
    ...base(),
    legend: spec.legend ? { top: 0, type: "plain", textStyle: { color: MUTED }, data: spec.series.map((s) => s.name) } : undefined,
    // With a legend, renderChartSvg moves the top below the legend's rows (it knows the width).
    grid: { left: 64, right: spec.showLabels ? 140 : 24, top: 16, bottom: 52, containLabel: false },
    xAxis: axis(spec.xLabel, { type: "value", scale: true, nameGap: 30 }),
    yAxis: axis(spec.yLabel, { type: "value", scale: true, nameGap: 46 }),
    tooltip: {
      ...(base().tooltip as Option),
      trigger: "item",
      formatter: (p: TooltipParam) => {
        const [x, y, text, tokenId] = p.data as [number, number, string, number?];
        return [
          `<div>${swatch(p.color)}${safe(p.seriesName)}</div>`,
          `<div class="tt-token"><b>${safe(text)}</b>${tokenId !== undefined ? ` <span style="color:${MUTED}">#${tokenId}</span>` : ""}</div>`,
          line(spec.xLabel, fmt(x)),
          line(spec.yLabel, fmt(y)),
        ].join("");
      },
    },
    series,
  };
}

function heatmap(spec: HeatmapSpec): Option {
  const data: [number, number, number | null][] = [];
  spec.values.forEach((row, r) => row.forEach((value, c) => data.push([c, r, value])));
  // ECharts draws nothing for a null cell; a second, uncoloured series marks them, so a missing
  // value does not read as a gap in the layout.
  const missing = data.filter(([, , value]) => value === null).map(([c, r]) => [c, r, 0]);
  const long = Math.max(0, ...spec.rows.map((r) => r.length));
  const colLong = Math.max(0, ...spec.cols.map((c) => c.length));
  return {
    ...base(),
    grid: { left: Math.min(240, 16 + long * 6.5), right: 16, top: 8, bottom: 48 + Math.min(160, colLong * 5) },
    xAxis: { type: "category", data: spec.cols.map(tokenLabel), axisLabel: { rotate: colLong > 12 ? 30 : 0, color: MUTED, fontSize: 11, interval: 0 }, splitArea: { show: false } },
    yAxis: { type: "category", data: spec.rows.map(tokenLabel), inverse: true, axisLabel: { color: INK, fontSize: 11, interval: 0 } },
    visualMap: [{
      seriesIndex: 0,
      min: spec.min,
      max: spec.max,
      calculable: false,
      orient: "horizontal",
      left: "center",
      bottom: 0,
      itemHeight: 120,
      // The bar's two ends, labelled (a non-calculable continuous visualMap shows no values otherwise).
      text: [fmt(spec.max, spec.decimals), fmt(spec.min, spec.decimals)],
      textGap: 6,
      textStyle: { color: MUTED, fontSize: 11 },
      formatter: (v: number) => fmt(v, spec.decimals),
      inRange: { color: spec.diverging ? (spec.redAtHigh ? ["#3a5bd9", "#f7f7f7", "#c2413b"] : ["#c2413b", "#f7f7f7", "#3a5bd9"]) : ["#f2f5fc", "#9db0ee", "#3a5bd9", "#1c2f80"] },
    },
    // ECharts colours heatmap cells only through a visualMap: the missing cells get a flat, hidden one.
    ...(missing.length ? [{ show: false, seriesIndex: 1, min: 0, max: 1, inRange: { color: [MISSING, MISSING] } }] : [])],
    tooltip: {
      ...(base().tooltip as Option),
      trigger: "item",
      formatter: (p: TooltipParam) => {
        const [c, r, v] = p.data as [number, number, number | null];
        const head = `<div><b>${safe(spec.rows[r])}</b> × <b>${safe(spec.cols[c])}</b></div>`;
        if (p.seriesIndex === 1) return `${head}<div>${safe(spec.missingLabel ?? "no value")}</div>`;
        return `${head}${line(spec.valueLabel, v === null ? "—" : fmt(v, spec.decimals))}`;
      },
    },
    series: [
      {
        type: "heatmap",
        data,
        label: { show: spec.rows.length * spec.cols.length <= 400, formatter: (p: TooltipParam) => { const v = (p.data as unknown[])[2]; return v === null ? "" : fmt(v, spec.decimals); }, fontSize: 11 },
        itemStyle: { borderColor: "#fff", borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: INK, borderWidth: 1 } },
        cursor: spec.links ? "pointer" : "default",
      },
      ...(missing.length
        ? [{
            type: "heatmap" as const,
            data: missing,
            itemStyle: { borderColor: "#fff", borderWidth: 1 },
            label: { show: spec.rows.length * spec.cols.length <= 400, formatter: "—", color: MUTED, fontSize: 11 },
            emphasis: { disabled: true },
          }]
        : []),
    ],
  };
}

function histogram(spec: HistogramSpec): Option {
  return {
    ...base(),
    grid: { left: 56, right: 12, top: 10, bottom: 44 },
    xAxis: axis(spec.xLabel, {
      type: "category",
      data: spec.bins.map((b) => fmt((b[0] + b[1]) / 2, 2)),
      nameGap: 28,
      axisLabel: { color: MUTED, fontSize: 10, hideOverlap: true },
      splitLine: { show: false },
    }),
    yAxis: axis("tokens", { type: "value", nameGap: 40, axisLabel: { color: MUTED, fontSize: 10, formatter: (v: number) => fmt(v, 0) } }),
    tooltip: {
      ...(base().tooltip as Option),
      trigger: "axis",
      axisPointer: { type: "shadow" },
      formatter: (ps: TooltipParam[]) => {
        const b = spec.bins[ps[0]?.dataIndex ?? 0];
        return b ? `${line("score", `${fmt(b[0])} … ${fmt(b[1])}`)}${line("tokens", b[2].toLocaleString("en"))}` : "";
      },
    },
    series: [{ type: "bar", data: spec.bins.map((b) => b[2]), barCategoryGap: "4%", itemStyle: { color: PALETTE[spec.color % PALETTE.length] } }],
  };
}

function slope(spec: SlopeSpec): Option {
  return {
    ...base(),
    legend: { top: 0, textStyle: { color: MUTED, fontSize: 11 }, type: "plain", itemWidth: 18, itemHeight: 10 },
    // renderChartSvg moves the top below the legend's rows.
    grid: { left: 60, right: 40, top: 20, bottom: 32 },
    xAxis: { type: "category", data: spec.categories, boundaryGap: ["20%", "20%"], axisLabel: { color: INK, fontSize: 12 } },
    yAxis: axis(spec.yLabel, { type: "value", scale: true, nameGap: 44 }),
    tooltip: {
      ...(base().tooltip as Option),
      trigger: "item",
      formatter: (p: TooltipParam) => `<div>${swatch(p.color)}${safe(p.seriesName)}</div>${line(spec.categories[p.dataIndex] ?? "", fmt(p.value))}`,
    },
    series: spec.series.map((s) => ({
      type: "line",
      name: s.name,
      // Each value labelled outside its line: the first category's to the left, the others' to the right.
      data: s.values.map((value, i) => ({ value, label: { position: i === 0 ? "left" : "right" } })),
      symbolSize: 8,
      lineStyle: { width: 2 },
      itemStyle: { color: PALETTE[s.color % PALETTE.length] },
      label: { show: spec.series.length <= 6, formatter: (p: TooltipParam) => fmt(p.value, 2), color: MUTED, fontSize: 10 },
      // Near-equal slopes would print their values on top of each other: keep the first (the
      // table beside the chart has every value).
      labelLayout: { hideOverlap: true },
    })),
  };
}

function bars(spec: BarsSpec): Option {
  return {
    ...base(),
    grid: { left: 170, right: 40, top: 8, bottom: 44 },
    xAxis: axis(spec.xLabel, { type: "value", nameGap: 28 }),
    yAxis: {
      type: "category",
      inverse: true,
      data: spec.items.map((i) => tokenLabel(i.label)),
      axisLabel: { color: INK, fontSize: 11, width: 150, overflow: "truncate", interval: 0 },
      axisTick: { show: false },
    },
    tooltip: {
      ...(base().tooltip as Option),
      trigger: "item",
      formatter: (p: TooltipParam) => {
        const item = spec.items[p.dataIndex];
        return item ? `<div><b>${safe(item.label)}</b></div>${line(spec.xLabel, fmt(item.value, 1))}${item.detail ? `<div style="color:${MUTED}">${safe(item.detail)}</div>` : ""}` : "";
      },
    },
    series: [
      {
        type: "bar",
        data: spec.items.map((i) => ({ value: i.value, itemStyle: { color: i.value >= 0 ? "#c2413b" : "#3a5bd9" } })),
        barWidth: "70%",
      },
    ],
  };
}

function forest(spec: ForestSpec): Option {
  const labels = spec.rows.map((r) => tokenLabel(r.label));
  const intervals: (number[] | string)[] = [];
  spec.rows.forEach((r, i) => intervals.push([r.low, i], [r.high, i], "-"));
  return {
    ...base(),
    grid: { left: Math.min(240, 20 + Math.max(0, ...labels.map((l) => l.length)) * 6.5), right: 24, top: 8, bottom: 44 },
    xAxis: axis(spec.xLabel, { type: "value", scale: true, nameGap: 28 }),
    yAxis: { type: "category", inverse: true, data: labels, axisLabel: { color: INK, fontSize: 11, interval: 0 }, axisTick: { show: false } },
    tooltip: {
      ...(base().tooltip as Option),
      trigger: "item",
      formatter: (p: TooltipParam) => {
        const row = spec.rows[p.dataIndex];
        return row ? `<div><b>${safe(row.label)}</b></div>${line("estimate", fmt(row.estimate))}${line("interval", `${fmt(row.low)} … ${fmt(row.high)}`)}` : "";
      },
    },
    series: [
      { type: "line", data: intervals, symbol: "none", silent: true, connectNulls: false, lineStyle: { color: "#9aa3b2", width: 2 }, tooltip: { show: false } },
      {
        type: "scatter",
        data: spec.rows.map((r, i) => ({ value: [r.estimate, i], itemStyle: { color: PALETTE[r.color % PALETTE.length] } })),
        symbolSize: 10,
      },
      // x = 0 (no effect), as a plain line series (no markLine component to ship).
      { type: "line", data: [[0, 0], [0, Math.max(0, spec.rows.length - 1)]], symbol: "none", silent: true, lineStyle: { color: INK, type: "dashed", width: 1 }, tooltip: { show: false }, z: 1 },
    ],
  };
}

export function buildOption(spec: ChartSpec): Option {
  switch (spec.kind) {
    case "scatter":
      return scatter(spec);
    case "heatmap":
      return heatmap(spec);
    case "histogram":
      return histogram(spec);
    case "slope":
      return slope(spec);
    case "bars":
      return bars(spec);
    case "forest":
      return forest(spec);
  }
}

/** The tooltip of one data element of the rendered chart (ssr meta: series and data index), or
 *  null where that series shows none. The same formatters as an ECharts tooltip would call. */
export function tooltipHtml(spec: ChartSpec, option: Option, seriesIndex: number, dataIndex: number): string | null {
  const series = (option.series as Option[])[seriesIndex];
  const tooltip = option.tooltip as { formatter?: (p: unknown) => string; trigger?: string } | undefined;
  if (!series || !tooltip?.formatter || series.silent || (series.tooltip as Option | undefined)?.show === false) return null;
  const raw = (series.data as unknown[])[dataIndex];
  if (raw === undefined) return null;
  const value = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as { value: unknown }).value : raw;
  const itemColor = ((raw as { itemStyle?: { color?: string } } | null)?.itemStyle?.color ?? (series.itemStyle as { color?: string } | undefined)?.color) as string | undefined;
  const param: TooltipParam = { seriesName: series.name as string | undefined, data: spec.kind === "heatmap" || spec.kind === "scatter" ? raw : value, value, dataIndex, seriesIndex, color: itemColor };
  const html = tooltip.trigger === "axis" ? tooltip.formatter([param]) : tooltip.formatter(param);
  return html || null;
}
