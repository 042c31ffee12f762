// One embedded PostgreSQL for the whole test run (throwaway, fsync off). Migrations are applied
// once into a template database; each test file clones it (test/helpers/db.ts), so files run in
// parallel without sharing rows.
// Every temporary file of the run (bundles, CSVs, databases, browser profiles, child processes'
// files) goes under one folder, removed when the run ends: TMPDIR points there for the workers,
// which start after this setup. Test files need not clean up after themselves.
import { appendFileSync, chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../server/db/embedded";
import { applyMigrations } from "../../server/db/migrate";

export const TEMPLATE_DATABASE = "ra_test_template";

export default async function setup(project: TestProject) {
  // The server's own log, for diagnosing a failed run (crashes, terminated backends): kept.
  const logFile = path.join(tmpdir(), "reward-atlas-test-postgres.log");
  writeFileSync(logFile, "");
  const runRoot = mkdtempSync(path.join(tmpdir(), "ra-test-run-"));
  chmodSync(runRoot, 0o755); // run as root, PostgreSQL runs as user postgres and must reach its data
  process.env.TMPDIR = runRoot;
  const server = await startEmbeddedPostgres({
    dataDir: path.join(mkdtempSync(path.join(runRoot, "ra-test-")), "pg"),
    port: 0,
    persistent: false,
    fast: true,
    log: (line) => appendFileSync(logFile, line + "\n"),
  });
  const adminUrl = server.url.replace(/\/[^/]+$/, "/postgres");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  await applyMigrations(adminUrl.replace(/\/postgres$/, `/${TEMPLATE_DATABASE}`));
  project.provide("pgAdminUrl", adminUrl);
  return async () => {
    await server.stop();
    rmSync(runRoot, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
