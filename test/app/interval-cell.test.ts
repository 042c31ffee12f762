// IntervalCell: an estimate with its interval, the bare estimate where the interval is undefined
// (a tau whose jackknife is undefined still has a value), "—" when there is neither.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { IntervalCell } from "../../app/components/IntervalCell";

const render = (props: Parameters<typeof IntervalCell>[0]) => renderToStaticMarkup(createElement(IntervalCell, props));

describe("IntervalCell", () => {
  it("shows the estimate with its interval beneath", () => {
    const html = render({ value: { estimate: 0.5, low: 0.25, high: 0.75 }, digits: 2 });
    expect(html).toContain("0.50");
    expect(html).toContain("[0.25, 0.75]");
  });

  it("falls back to the bare estimate, then to a dash", () => {
    expect(render({ value: null, estimate: 0.1234, digits: 3 })).toBe('<td class="num">0.123</td>');
    expect(render({ value: null, estimate: null })).toBe('<td class="num">—</td>');
    expect(render({ value: undefined })).toBe('<td class="num">—</td>');
  });
});
