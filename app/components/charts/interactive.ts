// The full ECharts in the browser, loaded only when a reader toggles a legend entry: hiding a
// series then re-lays the chart out (axes rescale to what is left), which the server-rendered SVG
// cannot do. Until then a page ships only ECharts' ~1 kB ssr client (Chart.tsx).
import { BarChart, HeatmapChart, LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendPlainComponent, TooltipComponent, VisualMapContinuousComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { LabelLayout } from "echarts/features";
import { SVGRenderer } from "echarts/renderers";
import { platformApi } from "zrender/lib/core/platform.js";
import { withRoomForLegend } from "./legendRoom";
import type { Option } from "./options";

echarts.use([BarChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendPlainComponent, TooltipComponent, VisualMapContinuousComponent, LabelLayout, SVGRenderer]);

export interface InteractiveChart {
  dispose(): void;
}

/**
 * Render `option` into `container` at its current size, with the series `hiddenSeries` already
 * switched off in the legend; later legend clicks, tooltips and resizes are ECharts' own.
 */
export function mountInteractiveChart(container: HTMLElement, option: Option, hiddenSeries: number): InteractiveChart {
  const { width, height } = container.getBoundingClientRect();
  const chart = echarts.init(container, null, { renderer: "svg", width, height });
  const hiddenName = (option.series as { name?: string }[])[hiddenSeries]?.name;
  const laidOut = withRoomForLegend(option, width, platformApi.measureText);
  const legend = laidOut.legend as Option | undefined;
  chart.setOption({ ...laidOut, backgroundColor: "#ffffff", legend: legend && hiddenName ? { ...legend, selected: { [hiddenName]: false } } : legend });
  const resize = new ResizeObserver(() => chart.resize({ width: container.clientWidth, height: container.clientHeight }));
  resize.observe(container);
  return {
    dispose() {
      resize.disconnect();
      chart.dispose();
    },
  };
}
