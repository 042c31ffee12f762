/**
 * Benchmark: a full analyses refresh of the demo database (3 demo models x 3 prompts, whole
 * vocabularies: what a first `npm start` computes), on the calling thread and then on worker
 * threads, each in a fresh process over the same rows. Prints each run's wall time, how long its
 * event loop was blocked (what a dashboard serving requests meanwhile would wait), its peak RSS,
 * and checks that both runs stored byte-identical results.
 * Run: npx tsx bench/refresh.ts [--threads N]   (default: RA_ANALYSIS_THREADS, else cores up to 4)
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { startEmbeddedPostgres } from "../server/db/embedded";
import { applyMigrations } from "../server/db/migrate";
import { createPrismaClient } from "../server/db/prisma";
import { seedReferenceData } from "../server/db/seed";
import { refreshInsights } from "../server/insights/refresh";
import { analysisThreads } from "../server/insights/worker/threads";
import { sweepDemoModels } from "../runner/demo/ensureDemoSweeps";
import { scratchDir } from "../scripts/scratchDir";

const { values } = parseArgs({ options: { threads: { type: "string" }, child: { type: "string" } } });

/** One refresh in this process (a child of the bench): its figures as one JSON line. */
async function child(url: string, threadCount: number): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  try {
    await pool.query(`DELETE FROM "AnalysisResult"`);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    const summary = await refreshInsights(pool, { threads: threadCount });
    const seconds = (performance.now() - started) / 1000;
    delay.disable();
    const rows = await pool.query<{ digest: string }>(
      `SELECT md5(string_agg(kind || '|' || "inputsKey" || '|' || result::text, E'\\n' ORDER BY kind, "inputsKey")) AS digest FROM "AnalysisResult"`,
    );
    const figures = { results: summary.rowsComputed, seconds, maxMs: delay.max / 1e6, p99Ms: delay.percentile(99) / 1e6, peakRssMb: summary.peakRssBytes / 1024 ** 2, digest: rows.rows[0].digest };
    console.log(JSON.stringify(figures));
  } finally {
    await pool.end();
  }
}

if (values.child !== undefined) {
  await child(values.child, Number(values.threads));
  process.exit(0);
}

const threads = values.threads === undefined ? Math.max(1, analysisThreads()) : Number(values.threads);
if (!Number.isInteger(threads) || threads < 1) throw new Error("--threads must be a positive integer");

const work = scratchDir("ra-bench-refresh-");
const server = await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), port: 0, persistent: false });
await applyMigrations(server.url);
const db = createPrismaClient(server.url);
await seedReferenceData(db);
const sweepStarted = performance.now();
await sweepDemoModels(db, server.url, { log: () => {} });
await db.$disconnect();
console.log(`demo sweeps: ${((performance.now() - sweepStarted) / 1000).toFixed(1)} s`);

type Figures = { results: number; seconds: number; maxMs: number; p99Ms: number; peakRssMb: number; digest: string };

/** Each mode in a process of its own, so that one's heap and peak RSS do not carry into the other. */
function runChild(label: string, threadCount: number): Figures {
  const result = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, "--child", server.url, "--threads", String(threadCount)], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${label} failed:\n${result.stderr}`);
  const figures = JSON.parse(result.stdout.trim().split("\n").at(-1) as string) as Figures;
  console.log(
    `${label}: ${figures.results} results in ${figures.seconds.toFixed(1)} s; event loop blocked up to ${figures.maxMs.toFixed(0)} ms ` +
      `(p99 ${figures.p99Ms.toFixed(0)} ms); peak RSS ${figures.peakRssMb.toFixed(0)} MB`,
  );
  return figures;
}

try {
  const inProcess = runChild("calling thread (threads 0)", 0);
  const threaded = runChild(`worker threads (threads ${threads})`, threads);
  const identical = inProcess.digest === threaded.digest;
  console.log(
    `threads ${threads} vs calling thread: ${(inProcess.seconds / threaded.seconds).toFixed(2)}x faster; longest event-loop block ` +
      `${inProcess.maxMs.toFixed(0)} ms -> ${threaded.maxMs.toFixed(0)} ms; peak RSS ${inProcess.peakRssMb.toFixed(0)} -> ${threaded.peakRssMb.toFixed(0)} MB; ` +
      `results identical: ${identical ? "yes" : "NO"}`,
  );
  if (!identical) process.exitCode = 1;
} finally {
  await server.stop();
}
