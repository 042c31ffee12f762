// Room for a horizontal legend above the plot. Shared by the server render (render.ts, which
// measures with a width table) and the interactive chart in the browser (interactive.ts, which
// measures with a canvas): each passes its own text measure.
import { FONT, type Option } from "./options";

type MeasureText = (text: string, font: string) => { width: number };

interface PlainLegend {
  top?: number;
  orient?: string;
  data?: string[];
  itemWidth?: number;
  itemHeight?: number;
  itemGap?: number;
  textStyle?: { fontSize?: number };
}

/**
 * A horizontal legend wraps into as many rows as its entries need at this width; the plot starts
 * below the last row. Rows are counted as ECharts wraps them (icon + 5 px + measured text, itemGap
 * apart, within the width less the legend's padding), with the caller's text measure.
 */
export function withRoomForLegend(option: Option, width: number, measure: MeasureText): Option {
  const legend = option.legend as PlainLegend | undefined;
  if (!legend || legend.orient === "vertical") return option;
  const names = legend.data ?? [...new Set((option.series as { name?: string }[]).flatMap((s) => (s.name ? [s.name] : [])))];
  const fontSize = legend.textStyle?.fontSize ?? 12;
  const font = `${fontSize}px ${FONT}`;
  const [itemWidth, itemHeight, itemGap, padding] = [legend.itemWidth ?? 25, legend.itemHeight ?? 14, legend.itemGap ?? 10, 5];
  let rows = 1;
  let x = 0;
  for (const name of names) {
    const entry = itemWidth + 5 + measure(name, font).width;
    if (x > 0 && x + entry > width - 2 * padding) {
      rows++;
      x = 0;
    }
    x += entry + itemGap;
  }
  const rowHeight = Math.max(itemHeight, Math.ceil(fontSize * 1.25));
  const legendBottom = (legend.top ?? 0) + padding + rows * rowHeight + (rows - 1) * itemGap;
  const grid = option.grid as { top?: number };
  return { ...option, grid: { ...grid, top: Math.max(grid.top ?? 0, legendBottom + 14) } };
}
