// `npm start`: the main job on the embedded defaults.
//   1. database: DATABASE_URL, or an embedded PostgreSQL under .data/ (migrations applied)
//   2. reference data, then the demo sweeps on an empty database
//   3. the dashboard: a production Next.js build (rebuilt when sources changed), served on PORT.
//      The build needs no database, so it runs while the demo models are swept and analysed.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { openDatabase, type DatabaseHandle } from "../server/db/database";
import { DatabaseError } from "../server/db/errors";
import { buildIsStale, NEXT_BIN, PROJECT_ROOT, runNextBuild } from "./nextBuild";
import { createPrismaClient } from "../server/db/prisma";
import { seedReferenceData } from "../server/db/seed";
import { ensureDemoSweeps } from "../runner/demo/ensureDemoSweeps";
import { refreshAnalyses } from "../runner/cli/common";
import { analysisThreads } from "../server/insights/worker/threads";
import pg from "pg";

function runNext(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [NEXT_BIN, ...args], {
    cwd: PROJECT_ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
  });
}

function waitFor(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

/** Null when `port` can be listened on as `next start` will (all interfaces), else why not and what to do. */
function portProblem(port: number): Promise<string | null> {
  const advice = `stop it or choose another, e.g. PORT=${port + 1} npm start`;
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      resolve(error.code === "EADDRINUSE" ? `port ${port} is in use (another reward-atlas or server?); ${advice}` : `cannot listen on port ${port}: ${error.message}`),
    );
    probe.once("listening", () => probe.close(() => resolve(null)));
    probe.listen(port);
  });
}

async function main(): Promise<number> {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`reward-atlas: PORT must be a port number (1-65535), got ${JSON.stringify(process.env.PORT)}`);
    return 2;
  }
  try {
    analysisThreads(); // a bad RA_ANALYSIS_THREADS fails now, not at the first refresh
  } catch (error) {
    console.error(`reward-atlas: ${(error as Error).message}`);
    return 2;
  }
  // Checked before the sweeps (a minute on first start), and again before serving.
  const busy = await portProblem(port);
  if (busy) {
    console.error(`reward-atlas: ${busy}`);
    return 2;
  }
  let database: DatabaseHandle;
  try {
    database = await openDatabase();
  } catch (error) {
    if (error instanceof DatabaseError) {
      console.error(`reward-atlas: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const where = database.embedded ? `embedded PostgreSQL in ${path.relative(PROJECT_ROOT, database.embedded.dataDir)}` : "DATABASE_URL";
  console.log(`database: ${where}${database.applied.length ? `, applied ${database.applied.length} migration(s)` : ""}`);

  let server: ChildProcess | undefined;
  const stopBuild = new AbortController();
  const shutdown = async (code: number) => {
    stopBuild.abort();
    server?.kill("SIGTERM");
    await database.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(130));
  process.on("SIGTERM", () => void shutdown(143));

  // Started first: it needs no database and was the longest step of a first start. The sweeps
  // and the analyses (on worker threads) share the cores with it meanwhile.
  const build = buildIsStale() ? runNextBuild({ signal: stopBuild.signal }) : null;
  if (build) console.log("dashboard: building in the background (first start or sources changed)…");

  const db = createPrismaClient(database.url);
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  try {
    await seedReferenceData(db);
    await ensureDemoSweeps(db, database.url, { log: (line) => console.log(line), interactive: Boolean(process.stdout.isTTY) });
    await refreshAnalyses(pool);
  } catch (error) {
    stopBuild.abort(); // the dashboard will not be served: do not leave a build running
    throw error;
  } finally {
    await pool.end();
    await db.$disconnect();
  }

  if (build) {
    const { code, output } = await build;
    if (code !== 0) {
      console.error(`${output}\nreward-atlas: the dashboard build failed (output above)`);
      await database.close();
      return code;
    }
    console.log("dashboard: built");
  }
  const taken = await portProblem(port);
  if (taken) {
    console.error(`reward-atlas: ${taken}`);
    await database.close();
    return 2;
  }
  console.log(`dashboard: http://localhost:${port}`);
  server = runNext(["start", "-p", String(port)], { DATABASE_URL: database.url });
  const code = await waitFor(server);
  await database.close();
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error("reward-atlas: start failed:", error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
