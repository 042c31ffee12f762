// axe-core (the accessibility engine behind Lighthouse and the browsers' devtools audits), run
// inside a page of the dashboard: WCAG 2 A/AA rules and best practices.
import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";

const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  /** CSS selectors of the first offending elements. */
  targets: string[];
}

export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
}

/** Every violation on every view at every viewport width, one line each. */
export async function auditViews(urls: string[], widths: number[], open: (url: string, width: number) => Promise<{ page: Page }>): Promise<string[]> {
  const found: string[] = [];
  for (const width of widths) {
    for (const url of urls) {
      const { page } = await open(url, width);
      for (const v of await axeViolations(page)) {
        found.push(`${width} px ${url}: ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(", ")}`);
      }
      await page.close();
    }
  }
  return found;
}
