// Write a new migration from changes to prisma/schema.prisma, offline:
//   npm run migrate:new -- <name>
// A throwaway embedded PostgreSQL gets every existing migration, then the wasm schema engine
// diffs it against the schema. Same output format as `prisma migrate dev --create-only`.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "../server/db/embedded";
import { diffMigrationsToSchema, MIGRATIONS_DIR } from "../server/db/migrate";
import { scratchDir } from "./scratchDir";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run migrate:new -- <name>");
  process.exit(2);
}
const pg = await startEmbeddedPostgres({
  dataDir: path.join(scratchDir("ra-migrate-"), "pg"),
  port: 0,
  persistent: false,
  fast: true,
});
try {
  const sql = await diffMigrationsToSchema(pg.url);
  if (!sql) {
    console.log("prisma/schema.prisma matches the migrations: nothing to write.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await pg.stop();
}
