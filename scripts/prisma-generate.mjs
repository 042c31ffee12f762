// `prisma generate` on install, and before `npm start` when prisma/schema.prisma changed since the
// client was generated (`--if-stale`: a `git pull` that brings a schema change then needs no
// `npm install`). Prisma 7's CLI insists on a native schema engine, which it would download;
// generating the client never runs it, so a stub satisfies the check offline.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const schemaHash = createHash("sha256").update(readFileSync(path.resolve("prisma/schema.prisma"))).digest("hex");
const stamp = path.resolve("server/db/generated/schema.sha256");
if (process.argv.includes("--if-stale") && existsSync(stamp) && readFileSync(stamp, "utf8") === schemaHash) process.exit(0);

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const stub = path.join(mkdtempSync(path.join(tmpdir(), "prisma-stub-")), "schema-engine");
  writeFileSync(stub, "#!/bin/sh\necho 'schema-engine stub: use server/db/migrate.ts' >&2\nexit 1\n");
  chmodSync(stub, 0o755);
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}
execFileSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "generate"], {
  stdio: "inherit",
  env,
});
writeFileSync(stamp, schemaHash);
