/**
 * bench/web: where a page's JavaScript comes from. Every script the page loaded by network idle
 * (resource timing of a cold load, transfer size = gzip as sent) is put in one group:
 *   - initial:  a <script src> of the page's own HTML;
 *   - echarts:  a chunk holding ECharts code: the full library/zrender, or its ssr client runtime
 *               (echarts/ssr/client, which hydrates server-rendered chart SVGs);
 *   - prefetch: a chunk that another route's HTML lists (a <Link> prefetch loaded it), with the
 *               routes that list it;
 *   - other:    anything else (lazily loaded chunks of the page's own code).
 * Nothing is left out: the groups add up to the "total" figure.
 */
import http from "node:http";

export interface ScriptEntry {
  path: string;
  transferBytes: number;
  decodedBytes: number;
}

export type ScriptGroup = "initial" | "echarts" | "prefetch" | "other";

export interface ClassifiedScript extends ScriptEntry {
  group: ScriptGroup;
  /** For prefetch: the routes whose HTML lists this chunk. */
  routes?: string[];
}

export interface Breakdown {
  groups: Record<ScriptGroup, number>;
  scripts: ClassifiedScript[];
}

export const GROUPS: ScriptGroup[] = ["initial", "echarts", "prefetch", "other"];

// Strings that survive minification: ECharts' model inner store and zrender's util; the ssr
// meta attribute the ssr client runtime reads.
const ECHARTS_MARKERS = ["__ec_inner_", "__ec_primitive__", "ecmeta_ssr_type"];

export function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve(body));
      })
      .on("error", reject);
  });
}

/** The <script src> paths of an HTML document. */
export function htmlScripts(html: string, base: string): Set<string> {
  return new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)].map((m) => new URL(m[1], base).pathname));
}

const routeScriptsCache = new Map<string, Promise<Set<string>>>();

/** Script paths of each route's HTML (cached per route for the whole bench). */
function routeScripts(origin: string, route: string): Promise<Set<string>> {
  let scripts = routeScriptsCache.get(route);
  if (!scripts) {
    scripts = fetchText(`${origin}${route}`).then((html) => htmlScripts(html, origin));
    routeScriptsCache.set(route, scripts);
  }
  return scripts;
}

/**
 * Classify the scripts of one load. `links` are the same-origin routes the page links to (the
 * candidates for prefetching); `initial` the page's own <script src> paths.
 */
export async function classifyScripts(origin: string, entries: ScriptEntry[], initial: Set<string>, links: string[]): Promise<Breakdown> {
  const byRoute = new Map<string, Set<string>>();
  for (const route of new Set(links)) byRoute.set(route, await routeScripts(origin, route));
  const scripts: ClassifiedScript[] = [];
  for (const entry of entries) {
    if (initial.has(entry.path)) {
      scripts.push({ ...entry, group: "initial" });
      continue;
    }
    const body = await fetchText(`${origin}${entry.path}`);
    if (ECHARTS_MARKERS.some((marker) => body.includes(marker))) {
      scripts.push({ ...entry, group: "echarts" });
      continue;
    }
    const routes = [...byRoute].filter(([, paths]) => paths.has(entry.path)).map(([route]) => route);
    scripts.push(routes.length > 0 ? { ...entry, group: "prefetch", routes } : { ...entry, group: "other" });
  }
  const groups = Object.fromEntries(GROUPS.map((g) => [g, scripts.filter((s) => s.group === g).reduce((n, s) => n + s.transferBytes, 0)])) as Record<
    ScriptGroup,
    number
  >;
  return { groups, scripts };
}

/** Lines for the console: per page, each group's size and its scripts. */
export function formatBreakdown(name: string, breakdown: Breakdown): string[] {
  const kb = (bytes: number) => (bytes / 1000).toFixed(1).padStart(6);
  const lines = [`${name}: ${GROUPS.map((g) => `${g} ${(breakdown.groups[g] / 1000).toFixed(1)} kB`).join(", ")}`];
  for (const group of GROUPS) {
    for (const s of breakdown.scripts.filter((x) => x.group === group).sort((a, b) => b.transferBytes - a.transferBytes)) {
      const routes = s.routes ? `  <- ${s.routes.length > 4 ? `${s.routes.slice(0, 4).join(" ")} +${s.routes.length - 4}` : s.routes.join(" ")}` : "";
      lines.push(`  ${group.padEnd(8)} ${kb(s.transferBytes)} kB (${kb(s.decodedBytes)} decoded)  ${s.path}${routes}`);
    }
  }
  return lines;
}
