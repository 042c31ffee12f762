// Heatmap cells without a value (an identity group none of whose terms is a token of a model) are
// drawn grey with a dash and stay out of the colour scale; cells with values keep their colours.
import { describe, expect, it } from "vitest";
import { renderChartSvg } from "../../app/components/charts/render";
import type { HeatmapSpec } from "../../app/components/charts/spec";

const spec: HeatmapSpec = {
  kind: "heatmap",
  rows: ["gender: Women", "gender: Non-binary"],
  cols: ["model-a", "model-b"],
  values: [[12, 88], [null, null]],
  min: 0,
  max: 100,
  decimals: 0,
  valueLabel: "median percentile",
  diverging: true,
  missingLabel: "none of the group's terms is a single token in this model's vocabulary",
};

describe("heatmap missing cells", () => {
  it("draws each null cell grey with a dash, outside the colour scale", () => {
    const svg = renderChartSvg(spec, 600, 300);
    expect(svg.match(/fill="rgb\(236,238,242\)"/g)?.length).toBe(2); // #eceef2
    expect(svg.match(/>—</g)?.length).toBe(2);
    expect(svg).toMatch(/>12</);
    expect(svg).toMatch(/>88</);
  });

  it("draws nothing extra when every cell has a value", () => {
    const svg = renderChartSvg({ ...spec, values: [[12, 88], [40, 60]] }, 600, 300);
    expect(svg).not.toMatch(/rgb\(236,238,242\)/);
    expect(svg).not.toMatch(/>—</);
  });
});
