// What every CLI command shares: the database (DATABASE_URL, the embedded one, or the embedded one
// that `npm start` is running), and one mapping from failures to exit codes and one-line messages.
import pg from "pg";
import { openDatabase } from "../../server/db/database";
import { DatabaseError } from "../../server/db/errors";
import { createPrismaClient, type Db } from "../../server/db/prisma";
import { seedReferenceData } from "../../server/db/seed";
import { refreshInsights } from "../../server/insights/refresh";
import { EXIT_CODES, failureKind, SweepError } from "../sweep/errors";

export class UsageError extends Error {}
/** --help: the usage text on stdout, exit 0. */
export class HelpRequest extends Error {}

export interface CliDatabase {
  url: string;
  db: Db;
  pool: pg.Pool;
}

export async function withDatabase<T>(run: (database: CliDatabase) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ attachToRunning: true });
  const db = createPrismaClient(handle.url);
  const pool = new pg.Pool({ connectionString: handle.url, max: 4 });
  // A connection closed under an idle client (e.g. the embedded server stopping) is not a crash.
  pool.on("error", () => {});
  try {
    await seedReferenceData(db);
    return await run({ url: handle.url, db, pool });
  } finally {
    await pool.end();
    await db.$disconnect();
    await handle.close();
  }
}

/** Bring the materialised analyses up to date after results changed; one summary line. */
export async function refreshAnalyses(pool: pg.Pool, log: (line: string) => void = (line) => console.log(line)): Promise<void> {
  const summary = await refreshInsights(pool);
  log(
    summary.upToDate
      ? "analyses: up to date"
      : `analyses: ${summary.rowsComputed} computed, ${summary.rowsUnchanged} unchanged, ${summary.rowsRemoved} removed in ${summary.seconds.toFixed(1)} s`,
  );
}

/** Run a command's main; print one clear line on failure and exit with a code that says whose
 * problem it is: 2 bad input, 1 runtime, 64 usage. */
export function runCli(name: string, main: () => Promise<void>): void {
  main().then(
    () => process.exit(EXIT_CODES.ok),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof HelpRequest) {
        console.log(message);
        process.exit(EXIT_CODES.ok);
      }
      // node:util parseArgs rejects unknown or malformed options with ERR_PARSE_ARGS_* codes.
      const parseArgsError = error instanceof TypeError && String((error as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS_");
      if (error instanceof UsageError || parseArgsError) {
        console.error(`${name}: ${message}${parseArgsError ? ` (npm run ${name} -- --help lists the options)` : ""}`);
        process.exit(EXIT_CODES.usage);
      }
      const badInput =
        failureKind(error) === "bad-input" ||
        (error instanceof DatabaseError && (error.code === "DATABASE_URL_MALFORMED" || error.code === "EMBEDDED_IN_USE"));
      console.error(`${name}: ${badInput ? "bad input: " : ""}${message}`);
      if (!badInput && !(error instanceof SweepError) && !(error instanceof DatabaseError) && error instanceof Error && process.env.RA_DEBUG) {
        console.error(error.stack);
      }
      process.exit(badInput ? EXIT_CODES.badInput : EXIT_CODES.runtime);
    },
  );
}
