// The plot starts below a horizontal legend's rows, counted the way ECharts wraps them.
import { describe, expect, it } from "vitest";
import { withRoomForLegend } from "../../app/components/charts/legendRoom";

// 6 px per character: entries are 25 (icon) + 5 + 6 x length wide, 10 px apart.
const measure = (text: string) => ({ width: 6 * text.length });
const option = (names: string[], extra: Record<string, unknown> = {}) => ({
  legend: { top: 0, data: names, ...extra },
  grid: { top: 16 },
  series: names.map((name) => ({ name })),
});

describe("withRoomForLegend", () => {
  it("keeps one row when the entries fit, and moves the plot below it", () => {
    const out = withRoomForLegend(option(["aaaaa", "bbbbb"]), 400, measure);
    // One row: padding 5 + row 15 (12 px text x 1.25) + 14 below.
    expect((out.grid as { top: number }).top).toBe(5 + 15 + 14);
  });

  it("wraps entries that do not fit into more rows", () => {
    // Each entry is 25 + 5 + 60 = 90 px (+10 gap): three fit in 300 - 10 px, the fourth wraps.
    const names = ["a".repeat(10), "b".repeat(10), "c".repeat(10), "d".repeat(10)];
    const out = withRoomForLegend(option(names), 300, measure);
    expect((out.grid as { top: number }).top).toBe(5 + 2 * 15 + 10 + 14);
    const narrow = withRoomForLegend(option(names), 150, measure);
    expect((narrow.grid as { top: number }).top).toBe(5 + 4 * 15 + 3 * 10 + 14);
  });

  it("uses the legend's own font size and icon width, and leaves charts without a legend alone", () => {
    const out = withRoomForLegend(option(["x".repeat(20)], { itemWidth: 18, itemHeight: 10, textStyle: { fontSize: 11 } }), 400, measure);
    expect((out.grid as { top: number }).top).toBe(5 + Math.ceil(11 * 1.25) + 14);
    const plain = { grid: { top: 16 }, series: [{ name: "s" }] };
    expect(withRoomForLegend(plain, 400, measure)).toBe(plain);
  });

  it("never moves the plot up", () => {
    const out = withRoomForLegend({ ...option(["a"]), grid: { top: 80 } }, 400, measure);
    expect((out.grid as { top: number }).top).toBe(80);
  });
});
