"use client";
// A chart with its height reserved before the chart code arrives (no layout shift): the ECharts
// bundle is loaded with next/dynamic, client-side only, after the page's own content.
import dynamic from "next/dynamic";
import type { ChartSpec } from "./charts/spec";

const Chart = dynamic(() => import("./charts/Chart"), {
  ssr: false,
  loading: () => null,
});

export function ChartPanel({ spec, height, label, fileName, caption }: { spec: ChartSpec; height: number; label: string; fileName: string; caption?: string }) {
  return (
    <figure className="chart">
      <div className="chart-frame">
        {/* The chart's height plus its download row (28px), inside the frame's padding. */}
        <div style={{ minHeight: height + 28 }}>
          <Chart spec={spec} height={height} label={label} fileName={fileName} />
        </div>
      </div>
      {caption ? <figcaption className="muted">{caption}</figcaption> : null}
    </figure>
  );
}
