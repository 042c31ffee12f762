// The Status page's analyses line: "current", "refreshing now", or how many sweeps are not in the
// figures yet (highlighted, with the command that brings them in).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AnalysesLine } from "../../app/status/StatusView";

type Analyses = Parameters<typeof AnalysesLine>[0]["analyses"];
const base: Analyses = { results: 1234, lastComputedAt: "2026-11-28T03:25:07.123Z", refreshing: false, sweepsNotAnalysed: 0 };
const render = (analyses: Partial<Analyses>) => renderToStaticMarkup(createElement(AnalysesLine, { analyses: { ...base, ...analyses } }));
const text = (html: string) => html.replace(/<[^>]+>/g, "");

describe("AnalysesLine", () => {
  it("says current, quietly, when every sweep the figures use is analysed", () => {
    const html = render({});
    expect(html).toContain('class="muted"');
    expect(text(html)).toBe("Analyses: 1,234 results, newest computed 2026-11-28 03:25:07 UTC · current");
  });

  it("highlights sweeps not in the figures yet, with the command, one or several", () => {
    const several = render({ sweepsNotAnalysed: 2 });
    expect(several).toContain('class="notice"');
    expect(several).toContain("<code>npm run analyze</code>");
    expect(text(several)).toMatch(/· 2 completed sweeps are not in the figures yet: npm run analyze brings them in$/);
    expect(text(render({ sweepsNotAnalysed: 1 }))).toMatch(/· 1 completed sweep is not in the figures yet: npm run analyze brings it in$/);
  });

  it("says a refresh is running rather than alarming, and none yet on an empty database", () => {
    const running = render({ sweepsNotAnalysed: 3, refreshing: true });
    expect(running).toContain('class="muted"');
    expect(text(running)).toMatch(/· refreshing now$/);
    expect(text(render({ results: 0, lastComputedAt: null }))).toBe("Analyses: 0 results, newest computed — · none yet");
  });
});
