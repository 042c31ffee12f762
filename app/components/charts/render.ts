// Server side: a chart spec rendered to an SVG string by ECharts' SVG renderer (ssr mode). The
// string goes into the page's HTML (no chart code to download before the chart shows, nothing
// shifts), and each data element carries ECharts' ssr meta (series and data index) for the
// browser's hydration runtime (echarts/ssr/client, see Chart.tsx). Server code only: the full
// ECharts stays out of every client bundle.
import { BarChart, HeatmapChart, LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendPlainComponent, VisualMapContinuousComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { buildOption } from "./options";
import type { ChartSpec } from "./spec";

echarts.use([BarChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendPlainComponent, VisualMapContinuousComponent, SVGRenderer]);

export function renderChartSvg(spec: ChartSpec, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    const option = buildOption(spec);
    // Every point its own element (with its index), so that the hydrated chart shows tooltips.
    const series = (option.series as Record<string, unknown>[]).map((s) => ({ ...s, large: false }));
    chart.setOption({ ...option, tooltip: undefined, series, backgroundColor: "#ffffff" });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
