// Hostile token text, without a browser: the visible rendering (TokenText / tokenLabel) and the
// chart tooltips (HTML strings) and the charts' server-rendered SVG.
import { describe, expect, it } from "vitest";
import { buildOption, tooltipHtml } from "../../app/components/charts/options";
import { renderChartSvg } from "../../app/components/charts/render";
import type { ChartSpec } from "../../app/components/charts/spec";
import { escapeHtml, tokenLabel, tokenParts } from "../../app/lib/tokenText";

describe("token text", () => {
  it("shows edge spaces, control, bidi and zero-width characters and lone surrogates visibly", () => {
    expect(tokenLabel(" love")).toBe("\u2423love");
    expect(tokenLabel("a b")).toBe("a b");
    expect(tokenLabel("a  b ")).toBe("a\u2423\u2423b\u2423");
    expect(tokenLabel("   ")).toBe("\u2423\u2423\u2423");
    expect(tokenLabel("\n")).toBe("\\n");
    expect(tokenLabel("\t\r\u0007")).toBe("\\t\\r\\u0007");
    expect(tokenLabel("\u202Eevil\u202C")).toBe("\\u202Eevil\\u202C");
    expect(tokenLabel("a\u200Bb\uFEFF")).toBe("a\\u200Bb\\uFEFF");
    expect(tokenLabel("\u00A0x")).toBe("\\u00A0x");
    expect(tokenLabel("\uD800x\uDFFF")).toBe("\\uD800x\\uDFFF");
    expect(tokenLabel("😀")).toBe("😀");
    expect(tokenLabel("\u0301")).toBe("\u25CC\u0301");
    expect(tokenLabel("")).toBe("(empty)");
    expect(tokenLabel(null)).toBe("(no text stored)");
    expect(tokenParts(" a")).toEqual([{ kind: "space", count: 1 }, { kind: "text", value: "a" }]);
    // Markup is left as text for React to escape; tokenLabel never adds markup of its own.
    expect(tokenLabel("<script>x</script>")).toBe("<script>x</script>");
  });

  it("escapes HTML for tooltips", () => {
    expect(escapeHtml(`<img src=x onerror="a('b')">&`)).toBe("&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;");
  });

  it("chart tooltips escape token text and show it visibly", () => {
    const hostile = '<script>alert(1)</script>\u202E\n';
    const specs: ChartSpec[] = [
      { kind: "scatter", xLabel: "x<b>", yLabel: "y", labelKind: "token", series: [{ name: "<i>model</i>", color: 0, points: [[1, 2, hostile, 7]] }] },
      { kind: "bars", xLabel: "d", items: [{ label: hostile, value: 3, detail: "<u>" }] },
      { kind: "heatmap", rows: [hostile], cols: ["<b>"], values: [[0.5]], min: 0, max: 1, decimals: 2, valueLabel: "v" },
      { kind: "forest", xLabel: "c", rows: [{ label: hostile, estimate: 1, low: 0, high: 2, color: 0 }] },
    ];
    for (const spec of specs) {
      const option = buildOption(spec) as { tooltip: { formatter: (p: unknown) => string } };
      const param = { seriesName: "<i>model</i>", data: spec.kind === "heatmap" ? [0, 0, 0.5] : spec.kind === "scatter" ? [1, 2, hostile, 7] : undefined, dataIndex: 0, color: "#000" };
      const html = option.tooltip.formatter(param);
      expect(html, spec.kind).not.toMatch(/<script|<img|<i>|<u>|<b>x|\u202E/);
      expect(html, spec.kind).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      if (spec.kind === "scatter") expect(html).toContain("\\u202E\\n");
    }
  });

  it("server-rendered chart SVGs and their hydrated tooltips escape token text", () => {
    const hostile = '<script>alert(1)</script>\u202E\n';
    const cases: [ChartSpec, number][] = [
      [{ kind: "scatter", xLabel: "x<b>", yLabel: "y", labelKind: "token", showLabels: true, legend: true, series: [{ name: "<i>model</i>", color: 0, points: [[1, 2, hostile, 7]] }] }, 0],
      [{ kind: "bars", xLabel: "d", items: [{ label: hostile, value: 3, detail: "<u>" }] }, 0],
      [{ kind: "heatmap", rows: [hostile], cols: ["<b>"], values: [[0.5]], min: 0, max: 1, decimals: 2, valueLabel: "v", links: [["/x"]] }, 0],
      [{ kind: "forest", xLabel: "c", rows: [{ label: hostile, estimate: 1, low: 0, high: 2, color: 0 }] }, 1],
      [{ kind: "slope", categories: ["a", "b"], yLabel: "s", series: [{ name: "<i>model</i>", color: 0, values: [1, 2] }] }, 0],
      [{ kind: "histogram", xLabel: "score", bins: [[0, 1, 3]], color: 0 }, 0],
    ];
    for (const [spec, seriesIndex] of cases) {
      const svg = renderChartSvg(spec, 400, 240);
      expect(svg, spec.kind).toMatch(/^<svg[\s\S]*<\/svg>$/);
      // Well-formed: every attribute value closed before the next one (no stray quotes).
      expect(svg, spec.kind).not.toMatch(/="[^"]*"[^\s>/]/);
      expect(svg, spec.kind).not.toMatch(/<script|<i>|<b>|<u>|\u202E/);
      // The ssr meta the browser's hydration runtime reads.
      expect(svg, spec.kind).toContain(`ecmeta_series_index="${seriesIndex}"`);
      const html = tooltipHtml(spec, buildOption(spec), seriesIndex, 0);
      expect(html, spec.kind).toBeTruthy();
      expect(html, spec.kind).not.toMatch(/<script|<img|<i>|<u>|<b>x|\u202E/);
      if (spec.kind !== "histogram") expect(html, spec.kind).toContain("&lt;");
    }
  });
});
