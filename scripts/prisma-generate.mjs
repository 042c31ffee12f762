// `prisma generate` on install. Prisma 7's CLI insists on a native schema engine, which it would
// download; generating the client never runs it, so a stub satisfies the check offline.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

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
