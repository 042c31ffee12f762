import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations, diffMigrationsToSchema, MIGRATIONS_DIR } from "../../server/db/migrate";
import { seedReferenceData, PAPER_PROMPTS } from "../../server/db/seed";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const created: TestDatabase[] = [];
afterAll(async () => Promise.all(created.map((d) => d.drop())));

describe("migrations", () => {
  it("are in Prisma's on-disk format", () => {
    const entries = readdirSync(MIGRATIONS_DIR);
    expect(readFileSync(path.join(MIGRATIONS_DIR, "migration_lock.toml"), "utf8")).toContain('provider = "postgresql"');
    const dirs = entries.filter((e) => e !== "migration_lock.toml");
    expect(dirs.length).toBeGreaterThan(0);
    for (const dir of dirs) {
      expect(dir).toMatch(/^\d{14}_[a-z0-9_]+$/);
      expect(readFileSync(path.join(MIGRATIONS_DIR, dir, "migration.sql"), "utf8")).toMatch(/CREATE|ALTER|DROP/);
    }
  });

  it("apply to an empty database, record themselves, and are idempotent", async () => {
    const t = await createTestDatabase({ migrated: false });
    created.push(t);
    const first = await applyMigrations(t.url);
    expect(first.length).toBe(readdirSync(MIGRATIONS_DIR).filter((e) => e !== "migration_lock.toml").length);
    expect(await applyMigrations(t.url)).toEqual([]);
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    const tables = await client.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    const history = await client.query('SELECT migration_name, finished_at FROM "_prisma_migrations"');
    await client.end();
    const names = tables.rows.map((r) => r.table_name);
    for (const table of ["RewardModel", "Prompt", "VocabToken", "Sweep", "Score", "CandidateSet", "CandidateItem", "CandidateScore", "WordFrequency", "IdentityTerm"]) {
      expect(names).toContain(table);
    }
    expect(history.rows.every((r) => r.finished_at !== null)).toBe(true);
    // Names as Prisma's CLI records them, so `prisma migrate deploy` sees the same history.
    expect(history.rows.map((r) => r.migration_name).sort()).toEqual(
      readdirSync(MIGRATIONS_DIR).filter((e) => e !== "migration_lock.toml").sort(),
    );
  });

  it("match prisma/schema.prisma exactly (no pending schema change)", async () => {
    const t = await createTestDatabase({ migrated: false });
    created.push(t);
    expect(await diffMigrationsToSchema(t.url)).toBe("");
  });

  it("keep Score narrow: float4 score, int4 ids, no foreign key slowing COPY", async () => {
    const t = await createTestDatabase();
    created.push(t);
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    const columns = await client.query(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'Score' ORDER BY ordinal_position",
    );
    const fks = await client.query(
      "SELECT 1 FROM information_schema.table_constraints WHERE table_name = 'Score' AND constraint_type = 'FOREIGN KEY'",
    );
    await client.end();
    expect(columns.rows).toEqual([
      { column_name: "sweepId", data_type: "integer" },
      { column_name: "tokenId", data_type: "integer" },
      { column_name: "score", data_type: "real" },
      { column_name: "rank", data_type: "integer" },
    ]);
    expect(fks.rowCount).toBe(0);
  });
});

describe("seed", () => {
  it("creates the paper's three prompts with best <-> worst paired, idempotently", async () => {
    const t = await createTestDatabase();
    created.push(t);
    await seedReferenceData(t.db);
    await seedReferenceData(t.db);
    const prompts = await t.db.prompt.findMany({ include: { pair: true }, orderBy: { slug: "asc" } });
    expect(prompts.map((p) => p.slug)).toEqual(["best", "greatest", "worst"]);
    const bySlug = Object.fromEntries(prompts.map((p) => [p.slug, p]));
    expect(bySlug.best.pair?.slug).toBe("worst");
    expect(bySlug.worst.pair?.slug).toBe("best");
    expect(bySlug.greatest.pair).toBeNull();
    expect(bySlug.worst.framing).toBe("NEGATIVE");
    expect(bySlug.greatest.text).toBe(PAPER_PROMPTS[0].text);
  });
});
