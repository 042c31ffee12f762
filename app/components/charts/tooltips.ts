// Chart tooltips: HTML strings (the tooltip is an HTML element), so every piece of data-derived
// text is made visible the way <TokenText> shows it (tokenLabel) and then HTML-escaped.
import { escapeHtml, tokenLabel } from "../../lib/tokenText";
import type { ChartSpec } from "./spec";

export const INK = "#1d2330";
export const MUTED = "#5d6778";

/** What a tooltip is about: one data item of one series. */
export interface TooltipParam {
  seriesName?: string;
  data?: unknown;
  value?: unknown;
  dataIndex: number;
  color?: string;
}

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

/** The tooltip of a chart spec: HTML for one hovered item. */
export function tooltipFormatter(spec: ChartSpec): (p: TooltipParam) => string {
  switch (spec.kind) {
    case "scatter":
      return (p) => {
        const [x, y, text, tokenId] = p.data as [number, number, string, number?];
        return [
          `<div>${swatch(p.color)}${safe(p.seriesName)}</div>`,
          `<div class="tt-token"><b>${safe(text)}</b>${tokenId !== undefined ? ` <span style="color:${MUTED}">#${tokenId}</span>` : ""}</div>`,
          line(spec.xLabel, fmt(x)),
          line(spec.yLabel, fmt(y)),
        ].join("");
      };
    case "heatmap":
      return (p) => {
        const [c, r, v] = p.data as [number, number, number | null];
        return `<div><b>${safe(spec.rows[r])}</b> × <b>${safe(spec.cols[c])}</b></div>${line(spec.valueLabel, v === null ? "—" : fmt(v, spec.decimals))}`;
      };
    case "histogram":
      return (p) => {
        const b = spec.bins[p.dataIndex];
        return b ? `${line("score", `${fmt(b[0])} … ${fmt(b[1])}`)}${line("tokens", b[2].toLocaleString("en"))}` : "";
      };
    case "slope":
      return (p) => `<div>${swatch(p.color)}${safe(p.seriesName)}</div>${line(spec.categories[p.dataIndex] ?? "", fmt(p.value))}`;
    case "bars":
      return (p) => {
        const item = spec.items[p.dataIndex];
        return item ? `<div><b>${safe(item.label)}</b></div>${line(spec.xLabel, fmt(item.value, 1))}${item.detail ? `<div style="color:${MUTED}">${safe(item.detail)}</div>` : ""}` : "";
      };
    case "forest":
      return (p) => {
        const row = spec.rows[p.dataIndex];
        return row ? `<div><b>${safe(row.label)}</b></div>${line("estimate", fmt(row.estimate))}${line("interval", `${fmt(row.low)} … ${fmt(row.high)}`)}` : "";
      };
  }
}
