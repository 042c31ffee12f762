"use client";
// One ECharts instance (canvas) for a chart spec, with PNG and SVG downloads. Only the chart
// types and components used are registered (echarts/core), and the SVG renderer is a separate
// chunk, loaded when someone asks for an SVG.
import { BarChart, HeatmapChart, LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendPlainComponent, TooltipComponent, VisualMapContinuousComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { install as CanvasRenderer } from "echarts/lib/renderer/installCanvasRenderer.js";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { buildOption } from "./options";
import type { ChartSpec } from "./spec";

echarts.use([BarChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendPlainComponent, TooltipComponent, VisualMapContinuousComponent, CanvasRenderer as typeof BarChart]);

function save(href: string, fileName: string) {
  const a = document.createElement("a");
  a.href = href;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export interface ChartProps {
  spec: ChartSpec;
  height: number;
  label: string;
  fileName: string;
}

export default function Chart({ spec, height, label, fileName }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const router = useRouter();
  const [svgBusy, setSvgBusy] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(buildOption(spec));
    chartRef.current = chart;
    if (spec.kind === "heatmap" && spec.links) {
      const links = spec.links;
      chart.on("click", (params) => {
        const [c, r] = (params.data as [number, number]) ?? [];
        const href = links[r]?.[c];
        if (href) router.push(href, { scroll: false });
      });
    }
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [spec, router]);

  const downloadPng = () => {
    const chart = chartRef.current;
    if (chart) save(chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#ffffff" }), `${fileName}.png`);
  };

  const downloadSvg = async () => {
    const element = ref.current;
    if (!element) return;
    setSvgBusy(true);
    try {
      const { install: SVGRenderer } = await import("echarts/lib/renderer/installSVGRenderer.js");
      echarts.use([SVGRenderer as typeof BarChart]);
      const svgChart = echarts.init(null, null, { renderer: "svg", ssr: true, width: element.clientWidth || 800, height });
      svgChart.setOption({ ...buildOption(spec), backgroundColor: "#ffffff" });
      const svg = svgChart.renderToSVGString();
      svgChart.dispose();
      const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
      save(url, `${fileName}.svg`);
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } finally {
      setSvgBusy(false);
    }
  };

  return (
    <>
      <div ref={ref} className="chart-canvas" style={{ height }} role="img" aria-label={label} />
      <div className="chart-actions">
        <button type="button" className="link-button" onClick={downloadPng}>
          PNG
        </button>
        <button type="button" className="link-button" onClick={() => void downloadSvg()} disabled={svgBusy}>
          SVG
        </button>
      </div>
    </>
  );
}
