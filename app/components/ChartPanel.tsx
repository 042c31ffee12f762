// A chart rendered on the server: ECharts draws the spec to SVG (charts/render.ts), the SVG is part
// of the page's HTML (shown at first paint, nothing shifts when scripts arrive), and the client
// component hydrates it with ECharts' small ssr runtime for tooltips, legend and links.
// `width` is the width the chart is laid out at (the column it sits in); the SVG scales to the
// frame through its viewBox.
import Chart from "./charts/Chart";
import { renderChartSvg } from "./charts/render";
import type { ChartSpec } from "./charts/spec";

export function ChartPanel({ spec, height, width = 1000, label, fileName, caption }: { spec: ChartSpec; height: number; width?: number; label: string; fileName: string; caption?: string }) {
  const svg = renderChartSvg(spec, width, height);
  return (
    <figure className="chart">
      <div className="chart-frame">
        <Chart spec={spec} svg={svg} label={label} fileName={fileName} layoutWidth={width} />
      </div>
      {caption ? <figcaption className="muted">{caption}</figcaption> : null}
    </figure>
  );
}
