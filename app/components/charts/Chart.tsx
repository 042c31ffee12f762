"use client";
// One chart on a canvas: laid out from its spec at the container's width (chartLayout.ts), tooltips
// (escaped HTML, tooltips.ts) for the item under the pointer, legend entries that show or hide
// series, heatmap cells that link, and PNG / SVG downloads of what is shown. A small purpose-built
// renderer instead of ECharts: the six chart kinds need a fraction of its ~200 kB (gzip).
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import { hitTest, layoutChart, legendAt, withHover, type ChartLayout, type Measure } from "./chartLayout";
import { font, paint, toSvg } from "./scene";
import type { ChartSpec } from "./spec";
import { tooltipFormatter } from "./tooltips";

let measureContext: CanvasRenderingContext2D | null = null;
const widths = new Map<string, number>();
const measure: Measure = (text, size) => {
  const key = `${size}|${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    measureContext ??= document.createElement("canvas").getContext("2d");
    if (!measureContext) return text.length * size * 0.6;
    measureContext.font = font(size);
    w = measureContext.measureText(text).width;
    if (widths.size > 5000) widths.clear();
    widths.set(key, w);
  }
  return w;
};

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
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  const router = useRouter();
  const [width, setWidth] = useState(0);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const [hover, setHover] = useState(-1);
  const [cursor, setCursor] = useState("default");

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const update = () => setWidth(Math.floor(element.clientWidth));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const layout = useMemo<ChartLayout | null>(() => (width > 0 ? layoutChart({ spec, width, height, hidden, measure }) : null), [spec, width, height, hidden]);
  const format = useMemo(() => tooltipFormatter(spec), [spec]);

  // A new layout (resize, legend toggle, new data) invalidates the hovered item.
  useEffect(() => {
    setHover(-1);
    if (tip.current) tip.current.hidden = true;
  }, [layout]);

  useEffect(() => {
    const element = canvas.current;
    const ctx = element?.getContext("2d");
    if (!element || !ctx || !layout) return;
    const ratio = window.devicePixelRatio || 1;
    const [w, h] = [Math.round(width * ratio), Math.round(height * ratio)];
    if (element.width !== w || element.height !== h) [element.width, element.height] = [w, h];
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    paint(ctx, withHover(layout, hover));
  }, [layout, hover, width, height]);

  const point = (e: MouseEvent) => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top] as const;
  };

  const onPointerMove = (e: MouseEvent<HTMLCanvasElement>) => {
    if (!layout) return;
    const [x, y] = point(e);
    const index = hitTest(layout, x, y);
    const target = layout.targets[index];
    setHover(index);
    setCursor(legendAt(layout, x, y) !== null || target?.href ? "pointer" : "default");
    const el = tip.current;
    if (!el) return;
    if (!target) {
      el.hidden = true;
      return;
    }
    // Formatters escape every data-derived text (tooltips.ts).
    el.innerHTML = format(target.param);
    el.hidden = false;
    // Beside the pointer, kept inside the chart.
    const [tw, th] = [el.offsetWidth, el.offsetHeight];
    const left = x + 16 + tw <= width ? x + 16 : Math.max(0, x - 16 - tw);
    const top = y + 16 + th <= height ? y + 16 : Math.max(0, y - 16 - th);
    el.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
  };

  const onPointerLeave = () => {
    setHover(-1);
    if (tip.current) tip.current.hidden = true;
  };

  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    if (!layout) return;
    const [x, y] = point(e);
    const name = legendAt(layout, x, y);
    if (name !== null) {
      setHidden((current) => {
        const next = new Set(current);
        if (!next.delete(name)) next.add(name);
        return next;
      });
      return;
    }
    const href = layout.targets[hitTest(layout, x, y)]?.href;
    if (href) router.push(href, { scroll: false });
    else onPointerMove(e);
  };

  const downloadPng = () => {
    if (!layout) return;
    const out = document.createElement("canvas");
    [out.width, out.height] = [width * 2, height * 2];
    const ctx = out.getContext("2d");
    if (!ctx) return;
    ctx.scale(2, 2);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    paint(ctx, layout.shapes);
    save(out.toDataURL("image/png"), `${fileName}.png`);
  };

  const downloadSvg = () => {
    if (!layout) return;
    const url = URL.createObjectURL(new Blob([toSvg(layout.shapes, width, height)], { type: "image/svg+xml" }));
    save(url, `${fileName}.svg`);
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <>
      <div ref={box} className="chart-canvas" style={{ height }} role="img" aria-label={label}>
        <canvas
          ref={canvas}
          style={{ display: "block", width: "100%", height, cursor }}
          onPointerMove={onPointerMove}
          onPointerDown={onPointerMove}
          onPointerLeave={onPointerLeave}
          onClick={onClick}
        />
        <div ref={tip} className="chart-tooltip" hidden />
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
