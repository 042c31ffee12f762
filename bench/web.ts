/**
 * Benchmark: the dashboard as a visitor meets it. A demo database (the three demo models swept
 * over their full vocabularies, EloEverything, materialised insights) in a throwaway embedded
 * PostgreSQL, a production build served by `next start`, headless Chromium.
 * Run: npx tsx bench/web.ts [--runs N]
 *
 * For the overview, a model page and the framing page:
 *   - TTFB: time to the response headers of the HTML document, median of N requests after two
 *     warm-up requests (node:http, keep-alive off, so each is a full request); "HTML" is the time
 *     to the end of that response (pages stream: the shell first, then the data-dependent parts).
 *   - LCP: largest-contentful-paint (PerformanceObserver, buffered) in a fresh browser context
 *     (cold HTTP cache), median of N loads.
 *   - JS: transfer sizes (gzip, as sent) of the page's scripts, from the resource timing of a cold
 *     load: "initial" = the <script src> tags of the server's HTML (what the route itself ships),
 *     "total" = every script loaded by network idle, i.e. initial + any lazily loaded chunk + route
 *     prefetches. (Charts are SVG that ECharts renders on the server; the browser loads only the
 *     ECharts ssr client that hydrates them, part of the chart pages' initial scripts.)
 *     The "total" is broken down into initial / echarts / prefetch (chunks of other routes a
 *     <Link> prefetched) / other, script by script (bench/web/breakdown.ts).
 *   - CLS: cumulative layout shift of the load (worst of the N loads; chart SVGs are in the HTML).
 * Targets: LCP < 1.5 s locally, JS < 300 kB per page (judged on both figures). Results also go to
 * bench/out/web.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { startEmbeddedPostgres } from "../server/db/embedded";
import { applyMigrations } from "../server/db/migrate";
import { createPrismaClient } from "../server/db/prisma";
import { type Breakdown, classifyScripts, fetchText, formatBreakdown, htmlScripts, type ScriptEntry } from "./web/breakdown";
import { CHROMIUM, ensureProductionBuild, populateDemoDatabase, PROJECT_ROOT, startNextServer } from "../test/e2e/harness";
import { scratchDir } from "../scripts/scratchDir";

const LCP_TARGET_MS = 1500;
const JS_TARGET_BYTES = 300 * 1000;
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1])) : 9;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Time to the response headers (TTFB) and to the end of the HTML (the page streams: the shell
 * first, the data-dependent content as it resolves). */
function timeRequest(url: string): Promise<{ ttfb: number; complete: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(url, { agent: false, headers: { "accept-encoding": "gzip" } }, (response) => {
      const ttfb = performance.now() - started;
      response.resume();
      response.on("end", () =>
        response.statusCode === 200 ? resolve({ ttfb, complete: performance.now() - started }) : reject(new Error(`${url}: HTTP ${response.statusCode}`)),
      );
    });
    request.on("error", reject);
  });
}

async function main() {
  const log = (line: string) => console.log(`  ${line}`);
  console.log("bench/web: demo database, production build, next start, Chromium");
  const pg = await startEmbeddedPostgres({ dataDir: path.join(scratchDir("ra-bench-web-"), "pg"), port: 0, persistent: false, fast: true });
  const db = createPrismaClient(pg.url);
  let server: Awaited<ReturnType<typeof startNextServer>> | undefined;
  try {
    await applyMigrations(pg.url);
    const setupStarted = performance.now();
    const [info] = await Promise.all([populateDemoDatabase(db, pg.url, () => {}), ensureProductionBuild(log)]);
    console.log(`  setup: ${((performance.now() - setupStarted) / 1000).toFixed(0)} s (insights ${info.insights})`);
    const model = (await db.rewardModel.findFirstOrThrow({ where: { isDemo: true }, orderBy: { slug: "asc" } })).slug;
    server = await startNextServer(pg.url, { RA_RATE_LIMIT_PER_SECOND: "0" });
    const { chromium } = await import("playwright-core");

    const pages = [
      { name: "overview", path: "/" },
      { name: "model", path: `/models/${model}` },
      { name: "framing", path: "/framing" },
    ];
    const results: {
      name: string;
      path: string;
      ttfbMs: number;
      htmlMs: number;
      lcpMs: number;
      cls: number;
      initialJsBytes: number;
      totalJsBytes: number;
      totalJsDecodedBytes: number;
      scripts: number;
      breakdown: Breakdown;
    }[] = [];
    for (const page of pages) {
      const url = `${server.url}${page.path}`;
      for (let i = 0; i < 2; i++) await timeRequest(url);
      const ttfbs: number[] = [];
      const completes: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const timing = await timeRequest(url);
        ttfbs.push(timing.ttfb);
        completes.push(timing.complete);
      }
      const initialScripts = htmlScripts(await fetchText(url), url);

      // A fresh context per load: empty HTTP cache, as a first visit.
      const lcps: number[] = [];
      const clss: number[] = [];
      let js = { initial: 0, transfer: 0, decoded: 0, scripts: 0 };
      let entries: ScriptEntry[] = [];
      let links: string[] = [];
      const cold = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
      });
      try {
        for (let i = 0; i < RUNS; i++) {
          const context = await cold.newContext({ viewport: { width: 1280, height: 900 } });
          const tab = await context.newPage();
          await tab.addInitScript(() => {
            const w = window as unknown as { __lcp: number; __cls: number };
            w.__lcp = 0;
            w.__cls = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) w.__lcp = Math.max(w.__lcp, entry.startTime);
            }).observe({ type: "largest-contentful-paint", buffered: true });
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!entry.hadRecentInput) w.__cls += entry.value;
            }).observe({ type: "layout-shift", buffered: true });
          });
          await tab.goto(url, { waitUntil: "networkidle" });
          await tab.waitForTimeout(300);
          // LCP entries stop at the first input; none happens here, so the last one is final.
          const vitals = await tab.evaluate(() => {
            const w = window as unknown as { __lcp: number; __cls: number };
            return { lcp: w.__lcp, cls: w.__cls };
          });
          lcps.push(vitals.lcp);
          clss.push(vitals.cls);
          if (i === 0) {
            ({ entries, links } = await tab.evaluate(() => ({
              entries: (
                performance
                  .getEntriesByType("resource")
                  .filter((e) => (e as PerformanceResourceTiming).initiatorType === "script" || /\.js(\?|$)/.test(e.name)) as PerformanceResourceTiming[]
              ).map((e) => ({ path: new URL(e.name).pathname, transferBytes: e.transferSize, decodedBytes: e.decodedBodySize })),
              links: [...document.querySelectorAll("a[href]")]
                .map((a) => new URL((a as HTMLAnchorElement).href))
                .filter((u) => u.origin === location.origin && !u.pathname.startsWith("/api/"))
                .map((u) => u.pathname),
            })));
            js = {
              initial: entries.filter((e) => initialScripts.has(e.path)).reduce((n, e) => n + e.transferBytes, 0),
              transfer: entries.reduce((n, e) => n + e.transferBytes, 0),
              decoded: entries.reduce((n, e) => n + e.decodedBytes, 0),
              scripts: entries.length,
            };
          }
          await context.close();
        }
      } finally {
        await cold.close();
      }
      results.push({
        ...page,
        ttfbMs: median(ttfbs),
        htmlMs: median(completes),
        lcpMs: median(lcps),
        cls: Math.max(...clss),
        initialJsBytes: js.initial,
        totalJsBytes: js.transfer,
        totalJsDecodedBytes: js.decoded,
        scripts: js.scripts,
        breakdown: await classifyScripts(server.url, entries, initialScripts, links),
      });
    }

    const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
    console.log(`\nmedian of ${RUNS} runs; JS = transfer size (gzip); total = initial + lazily loaded chunks + prefetches\n`);
    console.log("page        TTFB ms  HTML ms    LCP ms         CLS    initial JS kB    total JS kB (decoded)   scripts");
    let failed = false;
    const kb = (bytes: number) => (bytes / 1000).toFixed(0).padStart(5);
    for (const r of results) {
      const lcpOk = r.lcpMs < LCP_TARGET_MS;
      const initialOk = r.initialJsBytes < JS_TARGET_BYTES;
      const totalOk = r.totalJsBytes < JS_TARGET_BYTES;
      failed ||= !lcpOk || !initialOk || !totalOk;
      console.log(
        `${r.name.padEnd(10)} ${r.ttfbMs.toFixed(1).padStart(8)} ${r.htmlMs.toFixed(1).padStart(8)}   ${r.lcpMs.toFixed(0).padStart(6)} ${verdict(lcpOk)}   ${r.cls.toFixed(3)}   ${kb(r.initialJsBytes)} ${verdict(initialOk)}       ${kb(r.totalJsBytes)} ${verdict(totalOk)} (${(r.totalJsDecodedBytes / 1000).toFixed(0)})      ${r.scripts}`,
      );
    }
    console.log("\nJS by origin (transfer kB; prefetch: <- the routes whose HTML lists the chunk)");
    for (const r of results) for (const line of formatBreakdown(r.name, r.breakdown)) console.log(`  ${line}`);
    console.log(`\ntargets: LCP < ${LCP_TARGET_MS} ms, JS < ${JS_TARGET_BYTES / 1000} kB per page`);
    mkdirSync(path.join(PROJECT_ROOT, "bench/out"), { recursive: true });
    writeFileSync(path.join(PROJECT_ROOT, "bench/out/web.json"), JSON.stringify({ runs: RUNS, insights: info.insights, results }, null, 2));
    console.log(failed ? "RESULT: FAIL" : "RESULT: PASS");
    return failed ? 1 : 0;
  } finally {
    await server?.stop();
    await db.$disconnect();
    await pg.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
