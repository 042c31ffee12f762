// Migrations through Prisma's own WebAssembly schema engine (@prisma/schema-engine-wasm) and the
// pg driver adapter. Prisma 7's CLI needs a native engine it downloads; this path needs nothing
// from the network. prisma/migrations stays in Prisma's format, so `prisma migrate deploy` works
// wherever the native engine exists.
import { readFileSync, readdirSync, existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine, MigrationList } from "@prisma/schema-engine-wasm";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { DatabaseError } from "./errors";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
export const SCHEMA_PATH = path.join(PROJECT_ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "prisma/migrations");

let wasmReady: Promise<void> | undefined;

/** Instantiate the engine's wasm by hand so no --experimental-wasm-modules flag is needed. */
function loadEngineWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {
      "./schema_engine_bg.js": engineBindings as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as unknown as { __wbindgen_start(): void };
    (engineBindings as unknown as { __wbg_set_wasm(w: unknown): void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return wasmReady;
}

type PgResult = { fields: { dataTypeID: number }[] };
type PatchableAdapter = { performIO(query: unknown): Promise<PgResult> };

/** The engine's introspection selects PostgreSQL "char" (oid 18) catalog columns, which
 * @prisma/adapter-pg 7.10 rejects as an unsupported type. node-pg hands their values over as
 * strings already, so declaring them text is exact. */
function charColumnsAsText<T>(adapter: T): T {
  const patchable = adapter as unknown as PatchableAdapter;
  const performIO = patchable.performIO.bind(patchable);
  patchable.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  return adapter;
}

/** A migration-aware pg adapter factory that remembers what it opened: the engine never closes
 * its connections, and one left open keeps Prisma's advisory migration lock (a 10 s stall for
 * the next run). */
function migrationAdapter(url: string) {
  const factory = new PrismaPg({ connectionString: url });
  const opened: { dispose(): Promise<void> }[] = [];
  const track = <T extends { dispose(): Promise<void> }>(adapter: T): T => {
    opened.push(adapter);
    return charColumnsAsText(adapter);
  };
  const bound = bindMigrationAwareSqlAdapterFactory({
    adapterName: factory.adapterName,
    provider: factory.provider,
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
  });
  return { bound, dispose: () => Promise.all(opened.map((a) => a.dispose().catch(() => {}))) };
}

async function withEngine<T>(url: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadEngineWasm();
  const adapter = migrationAdapter(url);
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  const logs: string[] = [];
  const engine = await engineBindings.SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (line: string) => logs.push(line),
    adapter.bound,
  );
  try {
    return await run(engine);
  } finally {
    engine.free();
    await adapter.dispose();
  }
}

export function readMigrationList(dir = MIGRATIONS_DIR): MigrationList {
  const lockPath = path.join(dir, "migration_lock.toml");
  const names = existsSync(dir)
    ? readdirSync(dir).filter((name) => statSync(path.join(dir, name)).isDirectory()).sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: lockPath, content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    // Same shape as Prisma's CLI: `path` is the directory name, which becomes the migration's
    // name in _prisma_migrations (so `prisma migrate deploy` agrees with us).
    migrationDirectories: names.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

const NO_FILTER = { externalTables: [], externalEnums: [] };

/** Apply every pending migration in prisma/migrations; returns the names applied. */
export async function applyMigrations(url: string): Promise<string[]> {
  try {
    return await withEngine(url, async (engine) => {
      const output = await engine.applyMigrations({ migrationsList: readMigrationList(), filters: NO_FILTER });
      return output.appliedMigrationNames;
    });
  } catch (error) {
    throw new DatabaseError("MIGRATION_FAILED", `applying prisma/migrations failed: ${describe(error)}`);
  }
}

/** SQL that takes the schema built by prisma/migrations to prisma/schema.prisma ("" = in sync).
 * The engine replays the migrations into a temporary shadow database on the server at `url`. */
export async function diffMigrationsToSchema(url: string): Promise<string> {
  return withEngine(url, async (engine) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...readMigrationList() },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: readFileSync(SCHEMA_PATH, "utf8") }] },
      script: true,
      exitCode: null,
      filters: NO_FILTER,
    });
    const sql = result.stdout ?? "";
    return /^\s*(--.*\n?)*\s*$/.test(sql) ? "" : sql;
  });
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error && "message" in error) return String((error as { message: unknown }).message);
  return String(error);
}
