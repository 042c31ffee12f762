// Server side: a chart spec rendered to an SVG string by ECharts' SVG renderer (ssr mode). The
// string goes into the page's HTML (no chart code to download before the chart shows, nothing
// shifts), and each data element carries ECharts' ssr meta (series and data index) for the
// browser's hydration runtime (echarts/ssr/client, see Chart.tsx). Server code only: the full
// ECharts stays out of every client bundle.
import { BarChart, HeatmapChart, LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendPlainComponent, VisualMapContinuousComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { LabelLayout } from "echarts/features";
import { SVGRenderer } from "echarts/renderers";
import { platformApi } from "zrender/lib/core/platform.js";
import { withRoomForLegend } from "./legendRoom";
import { buildOption } from "./options";
import type { ChartSpec } from "./spec";

echarts.use([BarChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendPlainComponent, VisualMapContinuousComponent, LabelLayout, SVGRenderer]);

// Without a canvas, ECharts lays text out with a Helvetica width table; browsers draw it in
// system-ui (DejaVu Sans, SF, Segoe UI), up to ~15% wider, so legend entries overlapped. Measure
// generously: labels then get room in any of those fonts.
// The original is kept on the wrapper, so a second evaluation of this module never scales twice.
const TEXT_WIDTH_ALLOWANCE = 1.15;
const ORIGINAL = Symbol.for("reward-atlas.helveticaMeasureText");
type MeasureText = typeof platformApi.measureText & { [ORIGINAL]?: typeof platformApi.measureText };
const helveticaMeasure = (platformApi.measureText as MeasureText)[ORIGINAL] ?? platformApi.measureText;
const generousMeasure: MeasureText = (text, font) => ({ width: helveticaMeasure(text, font).width * TEXT_WIDTH_ALLOWANCE });
generousMeasure[ORIGINAL] = helveticaMeasure;
echarts.setPlatformAPI({ measureText: generousMeasure });

export function renderChartSvg(spec: ChartSpec, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    const option = withRoomForLegend(buildOption(spec), width, platformApi.measureText);
    // Every point its own element (with its index), so that the hydrated chart shows tooltips.
    const series = (option.series as Record<string, unknown>[]).map((s) => ({ ...s, large: false }));
    chart.setOption({ ...option, tooltip: undefined, series, backgroundColor: "#ffffff" });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
