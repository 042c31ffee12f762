// The DATABASE_URL contract: set -> use that server; unset -> start an embedded PostgreSQL whose
// data lives under the project (.data/pg, or RA_DATA_DIR). Either way migrations are applied.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { DatabaseError } from "./errors";
import { EMBEDDED_DATABASE, startEmbeddedPostgres, type EmbeddedPostgresHandle } from "./embedded";
import { applyMigrations, PROJECT_ROOT } from "./migrate";

export const DEFAULT_EMBEDDED_PORT = 54329;

export interface DatabaseHandle {
  url: string;
  embedded?: EmbeddedPostgresHandle;
  /** Migrations applied by this call (empty when the database was up to date). */
  applied: string[];
  close(): Promise<void>;
}

/** Parse DATABASE_URL strictly; the message names the variable, never the password. */
export function parseDatabaseUrl(raw: string, variable = "DATABASE_URL"): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DatabaseError("DATABASE_URL_MALFORMED", `${variable} is not a valid URL (expected postgresql://user:password@host:5432/database)`);
  }
  if (url.protocol !== "postgresql:" && url.protocol !== "postgres:") {
    throw new DatabaseError("DATABASE_URL_MALFORMED", `${variable} must start with postgresql:// (got ${url.protocol}//)`);
  }
  if (!url.hostname) throw new DatabaseError("DATABASE_URL_MALFORMED", `${variable} has no host`);
  if (url.pathname.length <= 1) throw new DatabaseError("DATABASE_URL_MALFORMED", `${variable} names no database (add /<database> after the host)`);
  return url;
}

/** Fail fast, in one line, when the configured server cannot be reached. */
export async function checkReachable(raw: string, variable = "DATABASE_URL", timeoutMs = 5000): Promise<void> {
  const url = parseDatabaseUrl(raw, variable);
  const client = new pg.Client({ connectionString: raw, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new DatabaseError(
      "DATABASE_UNREACHABLE",
      `${variable}: cannot reach PostgreSQL at ${url.hostname}:${url.port || 5432} (${reason})`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

export interface OpenDatabaseOptions {
  /** Embedded data directory when DATABASE_URL is unset. */
  dataDir?: string;
  port?: number;
  persistent?: boolean;
  fast?: boolean;
  log?: (line: string) => void;
  env?: Record<string, string | undefined>;
  /** CLI commands: when `npm start` already runs the embedded server, use it rather than fail. */
  attachToRunning?: boolean;
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  const env = options.env ?? process.env;
  const configured = env.DATABASE_URL?.trim();
  if (configured) {
    await checkReachable(configured);
    const applied = await applyMigrations(configured);
    return { url: configured, applied, close: async () => {} };
  }
  const dataDir = options.dataDir ?? env.RA_DATA_DIR ?? path.join(PROJECT_ROOT, ".data/pg");
  let embedded: EmbeddedPostgresHandle;
  try {
    embedded = await startEmbeddedPostgres({
      dataDir,
      port: options.port ?? Number(env.RA_EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PORT),
      persistent: options.persistent ?? true,
      fast: options.fast,
      log: options.log,
    });
  } catch (error) {
    const running = options.attachToRunning && error instanceof DatabaseError && error.code === "EMBEDDED_IN_USE" ? runningEmbeddedUrl(dataDir) : null;
    if (!running) throw error;
    await checkReachable(running, "the running embedded PostgreSQL");
    return { url: running, applied: await applyMigrations(running), close: async () => {} };
  }
  try {
    const applied = await applyMigrations(embedded.url);
    return { url: embedded.url, embedded, applied, close: () => embedded.stop() };
  } catch (error) {
    await embedded.stop();
    throw error;
  }
}

/** The URL of the embedded server another process runs (port from its postmaster.pid, line 4). */
function runningEmbeddedUrl(dataDir: string): string | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const port = Number(readFileSync(pidFile, "utf8").split("\n")[3]);
  return port ? `postgresql://postgres:postgres@127.0.0.1:${port}/${EMBEDDED_DATABASE}` : null;
}
