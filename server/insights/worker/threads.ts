// Runs a refresh's lanes on worker threads (piscina), so the analyses use every core and never
// block the event loop of the process that asked for them (the dashboard's server, after an admin
// import). Each thread loads what its lanes read; the results come back as the JSON to store.
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import { Piscina } from "piscina";
import type { ResolvedOptions } from "../plan";
import type { Lane, LaneJobResult } from "./lanes";
import type { ConnectionOptions, LaneTask } from "./runLane";

/** Beyond four threads the refresh is bound by the slowest lane, and each thread holds its own
 * copies of the scores and texts it reads. */
const MAX_DEFAULT_THREADS = 4;

/**
 * Threads for a refresh: RA_ANALYSIS_THREADS when set (0 = run the analyses on the calling thread),
 * else one per core, at most four.
 */
export function analysisThreads(env: Record<string, string | undefined> = process.env): number {
  const raw = env.RA_ANALYSIS_THREADS;
  if (raw === undefined || raw === "") return Math.min(availableParallelism(), MAX_DEFAULT_THREADS);
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new Error(`RA_ANALYSIS_THREADS must be a whole number from 0 to 64, got ${JSON.stringify(raw)}`);
  return n;
}

/** The threads' entry, beside this module. Turbopack compiles import.meta.url to the source file's
 * URL, so this holds in the Next.js server bundle too (test/e2e/admin-server.test.ts). */
function workerFile(): string {
  return path.join(/*turbopackIgnore: true*/ path.dirname(fileURLToPath(import.meta.url)), "laneWorker.mjs");
}

/** Settings of a pg pool that name and shape its connections, copied to each thread's own pool. */
const CONNECTION_KEYS = [
  "connectionString", "host", "port", "database", "user", "password", "ssl", "application_name", "options",
  "statement_timeout", "query_timeout", "lock_timeout", "idle_in_transaction_session_timeout", "connectionTimeoutMillis", "keepAlive",
] as const;

/** The pool's connection settings for the threads. Functions cannot cross to a thread: a password
 * given as one is refused here, by name, rather than becoming a confusing authentication failure. */
export function connectionOf(pool: pg.Pool): ConnectionOptions {
  const options = pool.options as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of CONNECTION_KEYS) {
    const value = options[key];
    if (value === undefined || value === null) continue;
    if (typeof value === "function") {
      throw new Error(`the database pool's ${key} is a function, which analysis threads cannot receive; give it as a value, or set RA_ANALYSIS_THREADS=0`);
    }
    out[key] = value;
  }
  return out as ConnectionOptions;
}

/**
 * Runs `lanes` on up to `threads` worker threads, longest first, calling `onLane` as each
 * finishes. The first failure rejects (naming the lane) and stops the rest.
 */
export async function runLanesOnThreads(
  lanes: readonly Lane[],
  settings: {
    connection: ConnectionOptions;
    options: ResolvedOptions;
    threads: number;
    /** The threads' entry module; default laneWorker.mjs. */
    entry?: string;
  },
  onLane: (results: LaneJobResult[]) => void,
): Promise<void> {
  const filename = settings.entry ?? workerFile();
  const piscina = new Piscina<LaneTask, LaneJobResult[]>({
    filename,
    minThreads: 0,
    maxThreads: Math.max(1, Math.min(settings.threads, lanes.length)),
  });
  // A thread that fails outside a task (its entry missing, or failing to load) is reported as an
  // 'error' event on the pool, not as a rejected task: without this the refresh would wait forever
  // (and an unheard 'error' event ends the process).
  // `on`, not `once`: a second failing thread must find a listener too (rejecting again is a no-op).
  const failed = new Promise<never>((_, reject) =>
    piscina.on("error", (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      reject(new Error(`analysis threads failed (${filename}): ${message}; RA_ANALYSIS_THREADS=0 runs the analyses on the calling thread`, { cause: error }));
    }),
  );
  failed.catch(() => {}); // observed by the race below; a late error after success is moot
  const lanesDone = Promise.all(
    lanes.map((lane) =>
      piscina.run({ connection: settings.connection, options: settings.options, lane }).then(
        (results) => onLane(results),
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          throw new Error(`analysis lane ${lane.key}: ${message}`, { cause: error });
        },
      ),
    ),
  );
  lanesDone.catch(() => {}); // a rejection after `failed` won the race is moot
  try {
    await Promise.race([lanesDone, failed]);
  } finally {
    await piscina.destroy();
  }
}
