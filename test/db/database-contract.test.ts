import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, parseDatabaseUrl } from "../../server/db/database";
import { startEmbeddedPostgres } from "../../server/db/embedded";
import { DatabaseError } from "../../server/db/errors";
import { createPrismaClient } from "../../server/db/prisma";
import { createTestDatabase } from "../helpers/db";

function tempDataDir(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), "ra-contract-")), "pg");
}

async function expectDatabaseError(promise: Promise<unknown>, code: string, pattern: RegExp) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseError);
  expect((error as DatabaseError).code).toBe(code);
  expect((error as DatabaseError).message).toMatch(pattern);
}

describe("DATABASE_URL contract", () => {
  it("uses the server DATABASE_URL names and migrates it", async () => {
    const target = await createTestDatabase({ migrated: false });
    try {
      const handle = await openDatabase({ env: { DATABASE_URL: target.url } });
      expect(handle.embedded).toBeUndefined();
      expect(handle.url).toBe(target.url);
      expect(handle.applied.length).toBeGreaterThan(0);
      const db = createPrismaClient(target.url);
      expect(await db.prompt.count()).toBe(0);
      await db.$disconnect();
      await handle.close();
    } finally {
      await target.drop();
    }
  });

  it("rejects a malformed DATABASE_URL in one line naming the variable", async () => {
    expect(() => parseDatabaseUrl("not a url")).toThrow(/^DATABASE_URL is not a valid URL/);
    expect(() => parseDatabaseUrl("mysql://u@h/db")).toThrow(/DATABASE_URL must start with postgresql:\/\//);
    expect(() => parseDatabaseUrl("postgresql://user@host")).toThrow(/DATABASE_URL names no database/);
    await expectDatabaseError(openDatabase({ env: { DATABASE_URL: "::nope::" } }), "DATABASE_URL_MALFORMED", /DATABASE_URL/);
  });

  it("names the variable and the host when the server is unreachable, and never prints the password", async () => {
    const url = "postgresql://me:s3cret@127.0.0.1:1/reward_atlas";
    const error = await openDatabase({ env: { DATABASE_URL: url } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe("DATABASE_UNREACHABLE");
    expect((error as DatabaseError).message).toMatch(/^DATABASE_URL: cannot reach PostgreSQL at 127\.0\.0\.1:1 /);
    expect((error as DatabaseError).message).not.toContain("s3cret");
  });
});

describe("embedded PostgreSQL", () => {
  it("starts with DATABASE_URL unset, persists across restarts, and migrates once", async () => {
    const dataDir = tempDataDir();
    const first = await openDatabase({ env: {}, dataDir, port: 0, fast: true });
    expect(first.embedded).toBeDefined();
    expect(first.applied.length).toBeGreaterThan(0);
    const db = createPrismaClient(first.url);
    await db.prompt.create({ data: { slug: "kept", text: "Kept across restarts?" } });
    await db.$disconnect();
    await first.close();

    const second = await openDatabase({ env: {}, dataDir, port: 0, fast: true });
    expect(second.applied).toEqual([]);
    const again = createPrismaClient(second.url);
    expect((await again.prompt.findUnique({ where: { slug: "kept" } }))?.text).toBe("Kept across restarts?");
    await again.$disconnect();
    await second.close();
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it("refuses a second start on the same data directory while the first runs", async () => {
    const dataDir = tempDataDir();
    const first = await startEmbeddedPostgres({ dataDir, port: 0, persistent: true, fast: true });
    try {
      // A live process other than this one owns the directory (pid 1 is always alive).
      writeFileSync(path.join(dataDir, "reward-atlas.owner"), "1");
      await expectDatabaseError(
        startEmbeddedPostgres({ dataDir, port: 0, persistent: true, fast: true }),
        "EMBEDDED_IN_USE",
        /already running \(process 1\)/,
      );
      expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);
    } finally {
      writeFileSync(path.join(dataDir, "reward-atlas.owner"), String(process.pid));
      await first.stop();
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });

  it("recovers from an interrupted initdb (directory without the initialised marker)", async () => {
    const dataDir = tempDataDir();
    // What a kill during initdb leaves: a partial directory and no marker.
    const { mkdirSync } = await import("node:fs");
    mkdirSync(path.join(dataDir, "base"), { recursive: true });
    writeFileSync(path.join(dataDir, "PG_VERSION"), "17\n");
    const server = await startEmbeddedPostgres({ dataDir, port: 0, persistent: false, fast: true });
    expect(existsSync(path.join(dataDir, "reward-atlas.initialised"))).toBe(true);
    await server.stop();
  });
});
