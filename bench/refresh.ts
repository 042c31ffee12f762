/**
 * Benchmark: a full analyses refresh of the demo database (3 demo models x 3 prompts, whole
 * vocabularies: what a first `npm start` computes), on the calling thread and then on worker
 * threads, in the same process over the same rows. Prints each run's wall time, how long the
 * process's event loop was blocked (what a dashboard serving requests meanwhile would wait), and
 * checks that both runs stored byte-identical results.
 * Run: npx tsx bench/refresh.ts [--threads N]   (default: RA_ANALYSIS_THREADS, else cores up to 4)
 */
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

const { values } = parseArgs({ options: { threads: { type: "string" } } });
const threads = values.threads === undefined ? Math.max(1, analysisThreads()) : Number(values.threads);
if (!Number.isInteger(threads) || threads < 1) throw new Error("--threads must be a positive integer");

const work = scratchDir("ra-bench-refresh-");
const server = await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), port: 0, persistent: false });
await applyMigrations(server.url);
const db = createPrismaClient(server.url);
await seedReferenceData(db);
const sweepStarted = performance.now();
await sweepDemoModels(db, server.url, { log: () => {} });
console.log(`demo sweeps: ${((performance.now() - sweepStarted) / 1000).toFixed(1)} s`);
const pool = new pg.Pool({ connectionString: server.url, max: 4 });

async function timedRefresh(label: string, threadCount: number) {
  await pool.query(`DELETE FROM "AnalysisResult"`);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();
  const summary = await refreshInsights(pool, { threads: threadCount });
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  const rows = await pool.query<{ row: string }>(`SELECT kind || '|' || "inputsKey" || '|' || result::text AS row FROM "AnalysisResult" ORDER BY kind, "inputsKey"`);
  const maxMs = delay.max / 1e6;
  const p99Ms = delay.percentile(99) / 1e6;
  console.log(
    `${label}: ${summary.rowsComputed} results in ${seconds.toFixed(1)} s; event loop blocked up to ${maxMs.toFixed(0)} ms (p99 ${p99Ms.toFixed(0)} ms); ` +
      `process peak RSS so far ${(summary.peakRssBytes / 1024 ** 2).toFixed(0)} MB`,
  );
  return { seconds, maxMs, rows: rows.rows.map((r) => r.row) };
}

try {
  const inProcess = await timedRefresh("calling thread (threads 0)", 0);
  const threaded = await timedRefresh(`worker threads (threads ${threads})`, threads);
  const identical = inProcess.rows.length === threaded.rows.length && inProcess.rows.every((row, i) => row === threaded.rows[i]);
  console.log(
    `threads ${threads} vs calling thread: ${(inProcess.seconds / threaded.seconds).toFixed(2)}x faster; longest event-loop block ` +
      `${inProcess.maxMs.toFixed(0)} ms -> ${threaded.maxMs.toFixed(0)} ms; results identical: ${identical ? "yes" : "NO"}`,
  );
  if (!identical) process.exitCode = 1;
} finally {
  await pool.end();
  await db.$disconnect();
  await server.stop();
}
