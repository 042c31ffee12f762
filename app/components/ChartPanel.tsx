"use client";
// A chart with its height reserved (no layout shift). The renderer (8 kB gzip) is part of the
// page's own bundle: loading it lazily (next/dynamic) only added a round trip before charts drew.
import Chart from "./charts/Chart";
import type { ChartSpec } from "./charts/spec";

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
