// The dashboard end to end: a demo database (three demo models swept over their full
// vocabularies, hostile vocabulary rows, the EloEverything table, materialised insights), a
// production build served by `next start`, and headless Chromium.
// Screenshots of every view land in test/artifacts/ (ignored by git).
import { auditViews } from "./accessibility";
import { legendIndexByName, legendOverlaps, valueAxisMax } from "./charts";
import { usabilityChecks } from "./usability";
import { openPage, type OpenOptions, type Visit } from "./visit";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import {
  dashboardViews,
  ensureProductionBuild,
  HOSTILE_TOKENS,
  launchChromium,
  populateDemoDatabase,
  PROJECT_ROOT,
  startNextServer,
  type DemoDatabaseInfo,
  type NextServer,
  UPLOADED,
} from "./harness";

const ARTIFACTS = path.join(PROJECT_ROOT, "test/artifacts");
// Progress lines, without the per-sweep and per-analysis detail.
const log = (line: string) => {
  if (!/ × |^insights: (sweep|vocab|framing|human) /.test(line)) console.log(`[e2e] ${line}`);
};

let t: TestDatabase;
let info: DemoDatabaseInfo;
let server: NextServer;
let browser: { context: BrowserContext; close(): Promise<void> };
let demoModels: { slug: string; displayName: string }[];
/** Whether the API serves the materialised analyses (then every analysis view must show data). */
let analysesServed = false;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  t = await createTestDatabase();
  // The build (a child process) overlaps with sweeping the demo models (this process).
  const [populated] = await Promise.all([populateDemoDatabase(t.db, t.url, log), ensureProductionBuild(log)]);
  info = populated;
  demoModels = await t.db.rewardModel.findMany({ where: { isDemo: true }, select: { slug: true, displayName: true }, orderBy: { slug: "asc" } });
  server = await startNextServer(t.url, { RA_RATE_LIMIT_PER_SECOND: "0" });
  browser = await launchChromium();
  const probe = await fetch(`${server.url}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ leaderboard { model { slug } meanTau } }" }),
  });
  const body = (await probe.json()) as { data?: { leaderboard?: { meanTau: number | null }[] }; errors?: unknown[] };
  analysesServed = info.insights === "refreshed" && !body.errors && (body.data?.leaderboard?.length ?? 0) > 0;
  log(`insights ${info.insights}; analyses served by the API: ${analysesServed}`);
  // The analyses are part of the product: a database without them is a failure, not a skip.
  if (!analysesServed) throw new Error("the API does not serve the materialised analyses");
}, 360_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await t?.drop();
});

/** Open a page, collecting console errors, uncaught exceptions and failed requests (visit.ts). */
const open = (url: string, options: OpenOptions = {}): Promise<Visit> => openPage(browser.context, server.url, url, options);

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

describe("dashboard", () => {
  it("renders every view with data, without console errors", async () => {
    for (const view of dashboardViews(info.hostileModelSlug)) {
      const { page, errors } = await open(view.url);
      await page.locator("h1").first().waitFor({ state: "visible" });
      expect(await page.locator(".error-state").count(), `${view.name}: error state`).toBe(0);
      // Every chart frame holds the SVG ECharts rendered on the server, sized to the frame.
      const frames = await page.locator(".chart-frame").count();
      expect(await page.locator(".chart-frame .chart-svg > svg").count(), `${view.name}: chart SVGs`).toBe(frames);
      for (let i = 0; i < frames; i++) {
        const box = await page.locator(".chart-frame .chart-svg > svg").nth(i).boundingBox();
        expect(box && box.width > 100 && box.height > 50, `${view.name}: chart ${i} size`).toBe(true);
      }
      if (view.analysis && analysesServed) {
        expect(await page.locator(".unavailable").count(), `${view.name}: sections without data`).toBe(0);
      }
      await screenshot(page, view.name);
      expect(errors, `${view.name}: ${errors.join("\n")}`).toEqual([]);
      await page.close();
    }
    // Readable on a phone: no horizontal scrolling of the page itself.
    const { page, errors } = await open("/", { width: 390 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, "overview-phone");
    expect(errors).toEqual([]);
    await page.close();
    // A chart page on a phone: the page does not scroll sideways, its charts do, and they keep at
    // least 3/4 of the width they were laid out at (their text stays readable).
    const phone = await open("/framing", { width: 390 });
    await phone.page.locator(".chart-frame .chart-svg > svg").first().waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    const scales = await phone.page.$$eval(".chart-frame .chart-svg > svg", (svgs) =>
      svgs.map((svg) => svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width),
    );
    expect(scales.length).toBeGreaterThan(0);
    for (const scale of scales) expect(scale).toBeGreaterThanOrEqual(0.74);
    await screenshot(phone.page, "framing-phone");
    expect(phone.errors).toEqual([]);
    await phone.page.close();
  });

  it("token explorer: autocomplete, then the token across every demo model and prompt", async () => {
    const { page, errors } = await open("/tokens");
    const input = page.getByRole("combobox", { name: "Token text" });
    await input.click();
    await input.pressSequentially("lov", { delay: 40 });
    // Suggestions come from /api/graphql through Apollo Client.
    await page.getByRole("option").first().waitFor({ state: "visible", timeout: 10_000 });
    await input.pressSequentially("e", { delay: 40 });
    await input.press("Escape");
    await input.press("Enter");
    await page.waitForURL(/\/tokens\?q=love&match=loose/);
    await page.locator(".token-model").first().waitFor();
    for (const model of demoModels) {
      await page.getByRole("heading", { name: model.displayName }).waitFor({ state: "visible" });
    }
    // Exact " love" (leading space) exists in all three vocabularies, scored under every prompt.
    await page.goto(`${server.url}/tokens?q=${encodeURIComponent(" love")}&match=exact`, { waitUntil: "networkidle" });
    const sections = page.locator(".token-model");
    expect(await sections.count()).toBe(demoModels.length);
    for (let i = 0; i < demoModels.length; i++) {
      const rows = sections.nth(i).locator("tbody tr");
      expect(await rows.count()).toBe(3);
      expect(await sections.nth(i).locator(".token .ws").first().textContent()).toBe("\u2423");
      expect(await sections.nth(i).locator("ol.neighbours li.self").count()).toBe(3); // each window holds the token
    }
    await screenshot(page, "tokens-exact");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("filters live in the URL and survive a reload", async () => {
    const { page, errors } = await open("/prompts/greatest");
    await page.locator('select[name="k"]').selectOption("20");
    await page.waitForURL(/[?&]k=20/);
    const first = demoModels[0];
    await page.getByRole("checkbox", { name: first.displayName }).uncheck();
    await page.waitForURL(/[?&]models=/);
    await page.waitForFunction((n) => document.querySelectorAll("#h-top ~ .columns .column").length === n, demoModels.length - 1);
    const url = page.url();
    expect(new URL(url).searchParams.get("models")?.split(",")).toEqual(demoModels.slice(1).map((m) => m.slug));
    await page.reload({ waitUntil: "networkidle" });
    expect(page.url()).toBe(url);
    expect(await page.locator('select[name="k"]').inputValue()).toBe("20");
    expect(await page.getByRole("checkbox", { name: first.displayName }).isChecked()).toBe(false);
    expect(await page.locator("#h-top ~ .columns .column").count()).toBe(demoModels.length - 1);
    expect(await page.locator("#h-top ~ .columns .column").first().locator("tbody tr").count()).toBe(20);

    // A model page: prompt and k.
    await page.goto(`${server.url}/models/${first.slug}`, { waitUntil: "networkidle" });
    await page.locator('select[name="prompt"]').selectOption("worst");
    await page.waitForURL(/[?&]prompt=worst/);
    await page.reload({ waitUntil: "networkidle" });
    await page.getByRole("heading", { name: /Optimal and pessimal tokens · worst/ }).waitFor({ state: "visible" });
    expect(await page.locator('select[name="prompt"]').inputValue()).toBe("worst");
    // Words only: every listed token is letters (a leading space shows as ␣), ranks still whole-sweep.
    await page.locator('select[name="tokens"]').selectOption("words");
    await page.waitForURL(/[?&]tokens=words/);
    await page.reload({ waitUntil: "networkidle" });
    const topList = page.locator("section.ranked", { has: page.getByRole("heading", { name: /^Top 20 words/ }) });
    const words = await topList.locator("tbody td.token-cell").allInnerTexts();
    expect(words).toHaveLength(20);
    for (const word of words) expect(word.replace(/^\u2423/, "")).toMatch(/^\p{L}[\p{L}\p{M}]*$/u);
    const ranks = (await topList.locator("tbody tr td:first-child").allInnerTexts()).map((r) => Number(r.replace(/,/g, "")));
    expect(ranks.at(-1)!).toBeGreaterThan(20); // words are not the top 20 ids of a real vocabulary
    // Each sweep's time is scoring + completing, with the parts in the cell's title.
    const provenance = page.locator(".provenance-table table tbody tr");
    expect(await provenance.count()).toBeGreaterThan(0);
    const timeCell = provenance.first().locator("td").nth(8);
    expect(await timeCell.innerText()).toMatch(/^\d+\.\d+ s$/);
    expect(await timeCell.getAttribute("title")).toMatch(/^\d+\.\d+ s: scoring \d+\.\d+ s \(inference \d+\.\d+ s\), storing and ranking \d+\.\d+ s$/);
    // Heterogeneity: the pair whose disagreements are listed is in the URL.
    await page.goto(`${server.url}/heterogeneity`, { waitUntil: "networkidle" });
    const pairOptions = await page.locator('select[name="pair"] option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(pairOptions).toHaveLength((demoModels.length * (demoModels.length - 1)) / 2);
    await page.locator('select[name="pair"]').selectOption(pairOptions.at(-1)!);
    await page.waitForURL(/[?&]pair=/);
    await page.reload({ waitUntil: "networkidle" });
    expect(await page.locator('select[name="pair"]').inputValue()).toBe(pairOptions.at(-1));
    const aOverB = page.locator("section.ranked", { has: page.getByRole("heading", { name: "A ranks far above B" }) }).locator("tbody tr");
    expect(await aOverB.count()).toBe(20);
    const [pctA, pctB] = (await aOverB.first().locator("td.num").allInnerTexts()).map(Number);
    expect(pctA).toBeGreaterThan(pctB);
    // Sorting the leaderboard is a link: aria-sort follows the URL.
    await page.goto(`${server.url}/?sort=vocab&dir=asc`, { waitUntil: "networkidle" });
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toMatch(/Vocabulary/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("charts: server-rendered SVG hydrated with the ssr client: tooltips, heatmap links", async () => {
    // Tooltip: the formatter's escaped HTML, shown where the pointer is over a data element.
    const { page, errors } = await open("/identity");
    const heatmap = page.locator("figure.chart").first();
    const cell = heatmap.locator('[ecmeta_ssr_type="chart"]').first();
    await cell.hover();
    const tip = heatmap.locator(".chart-tooltip");
    await tip.waitFor({ state: "visible" });
    expect(await tip.innerText()).toMatch(/median percentile/);
    expect(await tip.locator("script, img, iframe").count()).toBe(0);
    await page.mouse.move(0, 0);
    await tip.waitFor({ state: "hidden" });
    // A heatmap cell links to its group's terms.
    await cell.click();
    await page.waitForURL(/[?&]group=/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("legends: entries clear of each other; a click re-lays the chart out without that series", async () => {
    if (!analysesServed) return;
    // Entries laid out on the server keep clear of each other in the browser's own font: no
    // legend label runs into another entry (ECharts sized those from its server-side measure).
    const human = await open("/human");
    const crowded = human.page.locator("figure.chart", { has: human.page.locator('[ecmeta_ssr_type="legend"]') }).first();
    const overlaps = await legendOverlaps(crowded);
    expect(overlaps.entries).toBeGreaterThan(2);
    expect(overlaps.labels.length, JSON.stringify(overlaps)).toBe(overlaps.entries);
    expect(overlaps.found).toEqual([]);
    expect(human.errors).toEqual([]);
    await human.page.close();

    // Hiding the model with the steepest slope rescales the value axis to the others; showing
    // it again restores the axis. The slopes come from the API, not from the chart.
    const response = await fetch(`${server.url}/api/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      // The chart compares models on the percentile scale.
      body: JSON.stringify({ query: '{ valenceAsymmetry(promptSlug: "greatest") { model { slug } standardized { positive { estimate } nonPositive { estimate } } } }' }),
    });
    type Row = { model: { slug: string }; standardized: { positive: { estimate: number }; nonPositive: { estimate: number } } };
    const rows = ((await response.json()) as { data: { valenceAsymmetry: Row[] } }).data.valenceAsymmetry;
    const top = (r: Row) => Math.max(r.standardized.positive.estimate, r.standardized.nonPositive.estimate);
    const [steepest, next] = [...rows].sort((a, b) => top(b) - top(a));
    const { page, errors } = await open("/asymmetry");
    const slopes = page.locator("figure.chart", { has: page.locator('[ecmeta_ssr_type="legend"]') }).first();
    const index = (await legendIndexByName(slopes))[steepest.model.slug];
    expect(index, `legend entry for ${steepest.model.slug}`).toBeGreaterThanOrEqual(0);
    const before = await valueAxisMax(slopes);
    expect(before).toBeGreaterThanOrEqual(top(steepest));
    await slopes.locator(`[ecmeta_ssr_type="legend"][ecmeta_series_index="${index}"]:not([ecmeta_silent="true"])`).click();
    const live = slopes.locator('.chart-live[data-live="true"] svg');
    await live.waitFor({ state: "visible" });
    await expect.poll(() => valueAxisMax(slopes)).toBeLessThan(before);
    expect(await valueAxisMax(slopes)).toBeGreaterThanOrEqual(top(next));
    await slopes.screenshot({ path: path.join(ARTIFACTS, "asymmetry-legend-hidden.png") });
    // ECharts' own legend now: the same entry brings the series and the axis back.
    await live.locator("text", { hasText: steepest.model.slug }).first().click();
    await expect.poll(() => valueAxisMax(slopes)).toBe(before);
    // A filter change re-renders the page in place: the chart starts again from its static SVG.
    await slopes.locator('.chart-live[data-live="true"]').waitFor({ state: "attached" });
    await page.locator('form[aria-label="Filters"] select[name="prompt"]').selectOption("best");
    await page.waitForURL(/[?&]prompt=best/);
    await slopes.locator(".chart-live[data-live]").waitFor({ state: "detached" });
    expect(await valueAxisMax(slopes)).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("downloads: chart PNG and SVG, view data as CSV", async () => {
    const { page, errors } = await open("/framing");
    const chart = page.locator("figure.chart").first();
    await chart.locator("svg").first().waitFor();
    const fetchDownload = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent("download"), chart.getByRole("button", { name: button }).click()]);
      const file = await download.path();
      return { name: download.suggestedFilename(), body: readFileSync(file) };
    };
    const png = await fetchDownload("PNG");
    expect(png.name).toMatch(/\.png$/);
    expect(png.body.subarray(1, 4).toString()).toBe("PNG");
    const svg = await fetchDownload("SVG");
    expect(svg.name).toMatch(/\.svg$/);
    expect(svg.body.toString()).toMatch(/^<svg[\s\S]*<\/svg>$/);
    if (analysesServed) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "view data (CSV)" }).click()]);
      const csv = readFileSync(await download.path(), "utf8");
      expect(csv.split("\r\n")[0]).toContain('"list"');
      expect(csv).toContain(`"${HOSTILE_TOKENS[1].text.replace(/"/g, '""')}"`); // quoted, quotes doubled
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("public mode: read-only pages served from the data cache (a database change shows up only after revalidation)", async () => {
    const publicServer = await startNextServer(t.url, { PUBLIC_SITE: "1", RA_RATE_LIMIT_PER_SECOND: "0" });
    try {
      const modelsStat = async (base: string) => {
        const page = await browser.context.newPage();
        await page.goto(`${base}/`, { waitUntil: "networkidle" });
        const value = await page.locator(".stats .stat").first().textContent();
        await page.close();
        return Number(value?.replace(/,/g, ""));
      };
      const before = await modelsStat(publicServer.url);
      expect(before).toBeGreaterThan(0);
      const added = await t.db.rewardModel.create({
        data: { slug: "e2e-cache-probe", displayName: "Cache probe", source: "e2e", family: "none", vocabSize: 0, backend: "import" },
      });
      try {
        expect(await modelsStat(publicServer.url)).toBe(before); // cached
        expect(await modelsStat(server.url)).toBe(before + 1); // not cached outside public mode
      } finally {
        await t.db.rewardModel.delete({ where: { id: added.id } });
      }
      // Read-only: mutations are refused on a public site.
      const mutation = await fetch(`${publicServer.url}/api/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: 'mutation { cancelSweep(id: 1) { id } }' }),
      });
      const body = (await mutation.json()) as { errors?: unknown[] };
      expect(body.errors?.length).toBeGreaterThan(0);
    } finally {
      await publicServer.stop();
    }
  });

  it("renders hostile token text as text: no injected elements, invisible characters escaped", async () => {
    for (const url of [
      `/models/${info.hostileModelSlug}?prompt=greatest`,
      `/prompts/greatest`,
      `/tokens?q=${encodeURIComponent(HOSTILE_TOKENS[0].text)}&match=exact`,
    ]) {
      const { page, errors } = await open(url);
      const text = await page.locator("main").innerText();
      expect(text, url).toContain(HOSTILE_TOKENS[0].text);
      const injected = await page.evaluate(() => ({
        pwned: (window as unknown as { __atlasPwned?: number }).__atlasPwned,
        images: document.querySelectorAll('img[src="x"]').length,
        scripts: [...document.scripts].filter((s) => s.textContent?.trim().startsWith("window.__atlasPwned")).length,
      }));
      expect(injected, url).toEqual({ pwned: undefined, images: 0, scripts: 0 });
      if (!url.startsWith("/tokens")) {
        // Bidi override and control characters become visible escapes; the whitespace-only token shows ␣␣␣.
        expect(text).toContain("\\u202Eevil\\u202C");
        expect(text).toContain("\\there\\nnew\\u0007");
        expect(text).toContain("\u2423\u2423\u2423");
        expect(text).not.toContain("\u202E");
      }
      if (url.startsWith("/models")) await screenshot(page, "hostile-tokens");
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  it("uploaded lexicons, identity and frequency lists are offered and chosen in the URL (an unknown name falls back)", async () => {
    const asymmetry = await open(`/asymmetry?lexicon=${UPLOADED.lexicon}`);
    expect(await asymmetry.page.locator('select[name="lexicon"]').inputValue()).toBe(UPLOADED.lexicon);
    expect(await asymmetry.page.content()).toContain(`valence (${UPLOADED.lexicon})`); // the charts' axis: that lexicon's results
    const fallback = await open("/asymmetry?lexicon=no-such-lexicon");
    expect(await fallback.page.locator('select[name="lexicon"]').inputValue()).toBe("afinn-165");
    const identity = await open(`/identity?list=${UPLOADED.identityList}`);
    expect(await identity.page.locator('select[name="list"]').inputValue()).toBe(UPLOADED.identityList);
    expect(await identity.page.locator("main").innerText()).toMatch(/fruit/);
    const frequency = await open(`/frequency?list=${UPLOADED.frequencyList}`);
    expect(await frequency.page.locator('select[name="list"]').inputValue()).toBe(UPLOADED.frequencyList);
    expect(await frequency.page.locator("main table").last().innerText()).toMatch(/\bbnc\b/); // the list column: that list's results
    for (const visit of [asymmetry, fallback, identity, frequency]) {
      expect(visit.errors).toEqual([]);
      await visit.page.close();
    }
  });

  it("an unknown model or prompt answers 404 (before anything streams) with the not-found page", async () => {
    for (const url of ["/models/unknown-model", "/prompts/no-such-prompt", "/models/%3Cscript%3E"]) {
      const { page, errors } = await open(url, { status: 404 });
      await page.getByRole("heading", { name: "Not found" }).waitFor({ state: "visible" });
      expect(errors).toEqual([]);
      await page.close();
    }
  });

  usabilityChecks(() => ({ open, url: server.url, db: t.db }));

  it("accessibility: axe finds no WCAG or best-practice violation on any view, on a desktop and a phone", async () => {
    const urls = [
      "/", "/prompts", "/prompts/best", "/tokens", "/tokens?q=love", "/heterogeneity", "/asymmetry", "/framing",
      "/frequency", "/identity", "/human", "/runs", "/status", "/models/unknown-model",
      ...new Set([...demoModels.map((m) => `/models/${m.slug}`), `/models/${info.hostileModelSlug}`]),
    ];
    const found = await auditViews(urls, [1280, 390], (url, width) => open(url, { width, status: url === "/models/unknown-model" ? 404 : 200 }));
    expect(found).toEqual([]);
  });
});
