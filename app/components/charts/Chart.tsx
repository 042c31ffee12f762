"use client";
// A chart the server rendered to SVG with ECharts (render.ts), hydrated in the browser by
// ECharts' ssr client runtime (echarts/ssr/client, ~1 kB) instead of the full library: it reports
// which series and data element the pointer is on. On top of it: the tooltip (the same escaped
// formatters as options.ts gives ECharts), heatmap cells that link, and PNG/SVG downloads of what
// is shown. A legend click loads the full ECharts (interactive.ts), which re-lays the chart out
// without that series. The SVG scales to the frame's width through its viewBox.
import { hydrate } from "echarts/ssr/client/index.js";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef } from "react";
import { buildOption, tooltipHtml } from "./options";
import type { InteractiveChart } from "./interactive";
import type { ChartSpec } from "./spec";

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
  /** The server-rendered SVG (ECharts' renderToSVGString). */
  svg: string;
  label: string;
  fileName: string;
  /** The width the SVG was laid out at: on a narrow screen the chart keeps 3/4 of it and scrolls
   * sideways, so its text stays readable instead of shrinking with the viewBox. */
  layoutWidth: number;
}

export default function Chart({ spec, svg, label, fileName, layoutWidth }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const liveRef = useRef<HTMLDivElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const router = useRouter();
  const option = useMemo(() => buildOption(spec), [spec]);

  useEffect(() => {
    const element = ref.current;
    const tip = tipRef.current;
    const root = element?.querySelector("svg");
    if (!element || !tip || !root) return;
    const hideTip = () => {
      tip.hidden = true;
    };
    let live: InteractiveChart | null = null;
    let disposed = false;
    // First legend click: swap the static SVG for the full ECharts, that series switched off.
    const goLive = async (seriesIndex: number) => {
      const frame = liveRef.current;
      if (live || !frame) return;
      const { mountInteractiveChart } = await import("./interactive");
      if (disposed || live) return;
      // Same height as the static chart; the width follows the frame (ResizeObserver).
      frame.style.height = `${root.getBoundingClientRect().height}px`;
      frame.hidden = false;
      element.hidden = true;
      hideTip();
      live = mountInteractiveChart(frame, option, seriesIndex);
      frame.dataset.live = "true";
    };
    hydrate(element, {
      on: {
        mouseover: (params) => {
          if (params.ssrType !== "chart" || params.seriesIndex === undefined || params.dataIndex === undefined) return;
          const html = tooltipHtml(spec, option, params.seriesIndex, params.dataIndex);
          if (!html) return;
          tip.innerHTML = html; // escaped by the formatters (token text is hostile)
          tip.hidden = false;
          const box = element.getBoundingClientRect();
          const event = params.event as MouseEvent;
          const x = event.clientX - box.left;
          const y = event.clientY - box.top;
          const left = x + 14 + tip.offsetWidth > box.width ? Math.max(0, x - 14 - tip.offsetWidth) : x + 14;
          const top = y + 14 + tip.offsetHeight > box.height ? Math.max(0, y - 14 - tip.offsetHeight) : y + 14;
          tip.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
        },
        mouseout: hideTip,
        click: (params) => {
          if (params.ssrType === "legend" && params.seriesIndex !== undefined) {
            // If the chart library cannot load, the static chart simply stays.
            goLive(params.seriesIndex).catch((error: Error) => console.warn(`chart: legend unavailable (${error.message})`));
          } else if (params.ssrType === "chart" && spec.kind === "heatmap" && spec.links && params.dataIndex !== undefined && (params.seriesIndex ?? 0) === 0) {
            const cols = spec.cols.length;
            const href = spec.links[Math.floor(params.dataIndex / cols)]?.[params.dataIndex % cols];
            if (href) router.push(href, { scroll: false });
          }
        },
      },
    });
    element.addEventListener("mouseleave", hideTip);
    return () => {
      disposed = true;
      element.removeEventListener("mouseleave", hideTip);
      // A new spec (filters changed) starts from its own static SVG again.
      live?.dispose();
      const frame = liveRef.current;
      if (frame) {
        frame.hidden = true;
        delete frame.dataset.live;
      }
      element.hidden = false;
    };
  }, [spec, option, router]);

  /** The SVG on screen: the live chart's once a legend click swapped it in. */
  const shownSvg = () => (liveRef.current?.hidden === false ? liveRef.current.querySelector("svg") : null) ?? ref.current?.querySelector("svg") ?? null;

  /** What is shown (hidden series stay hidden), as a standalone SVG document. */
  const currentSvg = () => {
    const root = shownSvg();
    return root ? new XMLSerializer().serializeToString(root) : svg;
  };

  const downloadSvg = () => {
    const url = URL.createObjectURL(new Blob([currentSvg()], { type: "image/svg+xml" }));
    save(url, `${fileName}.svg`);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  // PNG: the SVG drawn on a canvas at twice its size (no chart library needed).
  const downloadPng = () => {
    const root = shownSvg();
    if (!root) return;
    const box = root.viewBox.baseVal;
    const width = box?.width || root.clientWidth;
    const height = box?.height || root.clientHeight;
    const url = URL.createObjectURL(new Blob([currentSvg()], { type: "image/svg+xml" }));
    const img = new Image();
    img.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(width * 2);
      canvas.height = Math.round(height * 2);
      const context = canvas.getContext("2d");
      if (!context) return;
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(img, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(url);
      canvas.toBlob((blob) => {
        if (!blob) return;
        const png = URL.createObjectURL(blob);
        save(png, `${fileName}.png`);
        setTimeout(() => URL.revokeObjectURL(png), 10_000);
      }, "image/png");
    };
    img.src = url;
  };

  return (
    <>
      {/* On a phone the chart scrolls sideways: a named tab stop, so the keyboard can scroll it too. */}
      <div
        className="chart-canvas"
        role="region"
        aria-label={`Chart: ${label}`}
        tabIndex={0}
        style={{ ["--chart-min-width" as string]: `${Math.round(layoutWidth * 0.75)}px` }}
      >
        <div ref={ref} className="chart-svg" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />
        <div ref={liveRef} className="chart-live" role="img" aria-label={label} hidden />
        <div ref={tipRef} className="chart-tooltip" hidden />
      </div>
      <div className="chart-actions">
        <button type="button" className="link-button" onClick={downloadPng}>
          PNG
        </button>
        <button type="button" className="link-button" onClick={downloadSvg}>
          SVG
        </button>
      </div>
    </>
  );
}
