// Reading charts in the browser for the e2e tests: legend geometry and axis labels, from the SVG
// on screen (the server-rendered one, or the live ECharts one after a legend click).
import type { Locator } from "playwright-core";

/** Legend labels that run into another legend entry (its icon or hit area), in the static SVG. */
export function legendOverlaps(figure: Locator) {
  return figure.evaluate((root) => {
    const entries = new Map<string, DOMRect>();
    for (const el of root.querySelectorAll('[ecmeta_ssr_type="legend"]')) {
      const key = el.getAttribute("ecmeta_series_index") ?? "";
      const r = el.getBoundingClientRect();
      const box = entries.get(key);
      const left = Math.min(box?.left ?? r.left, r.left);
      const top = Math.min(box?.top ?? r.top, r.top);
      entries.set(key, new DOMRect(left, top, Math.max(box?.right ?? r.right, r.right) - left, Math.max(box?.bottom ?? r.bottom, r.bottom) - top));
    }
    const intersects = (a: DOMRect, b: DOMRect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const found: string[] = [];
    const labels = [...root.querySelectorAll("svg text")].filter((t) => [...entries.values()].some((e) => intersects(e, t.getBoundingClientRect())));
    for (const label of labels) {
      const r = label.getBoundingClientRect();
      const owner = [...entries.entries()].find(([, e]) => r.left >= e.left - 1 && r.left <= e.right && intersects(e, r))?.[0];
      for (const [key, e] of entries) if (key !== owner && intersects(e, r)) found.push(`"${label.textContent}" runs into legend entry ${key}`);
    }
    return { entries: entries.size, labels: labels.map((l) => l.textContent ?? ""), found };
  });
}

/** Series index of each legend entry, by its label, in the static SVG. */
export function legendIndexByName(figure: Locator): Promise<Record<string, number>> {
  return figure.evaluate((root) => {
    const out: Record<string, number> = {};
    for (const hit of root.querySelectorAll('[ecmeta_ssr_type="legend"]:not([ecmeta_silent="true"])')) {
      const at = hit.getAttribute("transform");
      const text = [...root.querySelectorAll("svg text")].find((t) => t.getAttribute("transform") === at);
      if (text?.textContent) out[text.textContent] = Number(hit.getAttribute("ecmeta_series_index"));
    }
    return out;
  });
}

/** The largest value-axis label (right-aligned numbers) of the SVG on screen in `figure`. */
export function valueAxisMax(figure: Locator): Promise<number> {
  return figure.evaluate((root) => {
    const svg = [...root.querySelectorAll("svg")].find((s) => s.getBoundingClientRect().height > 0);
    const values = [...(svg?.querySelectorAll('text[text-anchor="end"]') ?? [])]
      .map((t) => Number((t.textContent ?? "").replace("\u2212", "-").replace(/,/g, "")))
      .filter((v) => Number.isFinite(v));
    return Math.max(...values);
  });
}
