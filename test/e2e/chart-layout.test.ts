// The chart renderer without a browser: nice scales, every chart kind laid out with finite
// coordinates and hover targets, legend toggling, and SVG output that keeps hostile text as text.
import { describe, expect, it } from "vitest";
import { hitTest, layoutChart, legendAt, ramp, withHover, type Measure } from "../../app/components/charts/chartLayout";
import { linearScale } from "../../app/components/charts/scale";
import { toSvg, type Shape } from "../../app/components/charts/scene";
import type { ChartSpec } from "../../app/components/charts/spec";
import { tooltipFormatter } from "../../app/components/charts/tooltips";

const measure: Measure = (text, size) => Array.from(text).length * size * 0.6;
const hostile = '<script>alert(1)</script>\u202E\u0007';

const SPECS: ChartSpec[] = [
  {
    kind: "scatter",
    xLabel: "best",
    yLabel: "worst",
    labelKind: "token",
    identity: true,
    legend: true,
    series: [
      { name: "A", color: 0, points: [[1, 2, hostile, 7], [-3, 4, "b"], [2.5, -1, "c"]] },
      { name: "B", color: 1, points: [[0, 0, "d"]] },
    ],
    lines: [{ name: "fit", color: 4, from: [-3, -1], to: [2.5, 4], dashed: true }],
  },
  { kind: "scatter", xLabel: "d1", yLabel: "d2", labelKind: "model", showLabels: true, series: [{ name: "m", color: 2, points: [[0.1, -0.2, hostile]] }] },
  {
    kind: "heatmap",
    rows: ["a", hostile],
    cols: ["x", "a rather long column name"],
    values: [[1, 0.2], [null, -0.5]],
    min: -1,
    max: 1,
    decimals: 2,
    valueLabel: "τ",
    diverging: true,
    links: [["/a", null], [null, "/b"]],
  },
  { kind: "histogram", xLabel: "score", bins: [[-2, -1, 10], [-1, 0, 250], [0, 1, 40]], color: 3 },
  { kind: "slope", categories: ["non-positive", "positive"], yLabel: "slope", series: [{ name: "A", color: 0, values: [0.1, 0.5] }, { name: "B", color: 1, values: [null, -0.2] }] },
  { kind: "bars", xLabel: "difference", items: [{ label: hostile, value: 3000, detail: "x" }, { label: "b", value: -4500 }] },
  { kind: "forest", xLabel: "coefficient", rows: [{ label: "A · best", estimate: 0.2, low: 0.1, high: 0.3, color: 0 }, { label: hostile, estimate: -0.1, low: -0.3, high: 0.05, color: 1 }] },
];

function finite(shapes: Shape[]) {
  for (const s of shapes) {
    const numbers = s.t === "line" ? s.points.flat() : Object.values(s).filter((v): v is number => typeof v === "number");
    for (const v of numbers) expect(Number.isFinite(v), JSON.stringify(s)).toBe(true);
  }
}

describe("chart scales", () => {
  it("nice extents and ticks", () => {
    expect(linearScale([-9.73, -3.2], false)).toMatchObject({ min: -10, max: -3, step: 1 });
    expect(linearScale([3, 62000], true)).toMatchObject({ min: 0, max: 70000, step: 10000 });
    expect(linearScale([-0.55, 0.58], false).ticks).toEqual([-0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6]);
    expect(linearScale([-4500, 3000], true).ticks).toEqual([-6000, -4000, -2000, 0, 2000, 4000]);
    expect(linearScale([-6500, 6300], true)).toMatchObject({ min: -9000, max: 9000, step: 3000 });
    expect(linearScale([5, 5], false)).toMatchObject({ min: 2, max: 8 });
    expect(linearScale([], false)).toMatchObject({ min: 0, max: 1 });
    expect(ramp(["#000000", "#ffffff"], 0.5)).toBe("#808080");
  });
});

describe("chart layout", () => {
  it("lays out every kind with finite coordinates and hover targets whose tooltips escape", () => {
    for (const spec of SPECS) {
      const layout = layoutChart({ spec, width: 640, height: 320, hidden: new Set(), measure });
      finite(layout.shapes);
      expect(layout.targets.length, spec.kind).toBeGreaterThan(0);
      const format = tooltipFormatter(spec);
      for (const target of layout.targets) {
        const html = format(target.param);
        expect(html, spec.kind).not.toMatch(/<script|\u202E/);
        finite([...(target.over ?? []), ...(target.under ?? [])]);
      }
      // The first target is found where it is.
      const hit = layout.targets[0].hit;
      const [x, y] = "r" in hit ? [hit.x, hit.y] : [hit.x + hit.w / 2, hit.y + hit.h / 2];
      expect(hitTest(layout, x, y), spec.kind).toBeGreaterThanOrEqual(0);
      expect(withHover(layout, 0).length).toBeGreaterThan(layout.shapes.length);
      expect(hitTest(layout, -50, -50)).toBe(-1);
    }
  });

  it("token text is drawn visibly and written to SVG as escaped text", () => {
    for (const spec of SPECS.filter((s) => s.kind !== "histogram" && s.kind !== "slope")) {
      const layout = layoutChart({ spec, width: 640, height: 320, hidden: new Set(), measure });
      const texts = layout.shapes.filter((s) => s.t === "text").map((s) => (s as { text: string }).text);
      if (spec.kind !== "scatter" || spec.showLabels) {
        // Markup stays text; invisible characters are shown as escapes (axis labels are
        // truncated to the room they have, point labels are not).
        expect(texts.some((t) => t.startsWith("<script>alert(1)")), spec.kind).toBe(true);
        if (spec.kind === "scatter") expect(texts.some((t) => t.includes("\\u202E\\u0007")), spec.kind).toBe(true);
      }
      const svg = toSvg(layout.shapes, 640, 320);
      expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
      expect(svg).not.toMatch(/<script|\u202E|\u0007/);
    }
  });

  it("legend entries toggle series; links and the heatmap colour scale", () => {
    const spec = SPECS[0];
    const all = layoutChart({ spec, width: 640, height: 320, hidden: new Set(), measure });
    expect(all.legend.map((e) => e.name)).toEqual(["A", "B"]);
    const entry = all.legend[1];
    expect(legendAt(all, entry.x + 2, entry.y + entry.h / 2)).toBe("B");
    const withoutB = layoutChart({ spec, width: 640, height: 320, hidden: new Set(["B"]), measure });
    expect(withoutB.targets.filter((t) => t.param.seriesName === "B")).toHaveLength(0);
    expect(withoutB.targets.filter((t) => t.param.seriesName === "A")).toHaveLength(3);

    const heat = layoutChart({ spec: SPECS[2], width: 640, height: 320, hidden: new Set(), measure });
    expect(heat.targets.map((t) => t.href)).toEqual(["/a", null, "/b"]);
    expect(heat.shapes.some((s) => s.t === "gradient")).toBe(true);
  });
});
