// A fresh, migrated database per caller, cloned from the template the global setup built.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient, type Db } from "../../server/db/prisma";
import { TEMPLATE_DATABASE } from "../setup/global-db";

export interface TestDatabase {
  url: string;
  name: string;
  db: Db;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  return inject("pgAdminUrl");
}

/** Create an empty, migrated database. `migrated: false` gives a bare one (migration tests). */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `ra_t_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(
      options.migrated === false ? `CREATE DATABASE ${name}` : `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`,
    );
  } finally {
    await admin.end();
  }
  const url = adminUrl().replace(/\/postgres$/, `/${name}`);
  const db = createPrismaClient(url);
  return {
    url,
    name,
    db,
    async drop() {
      await db.$disconnect();
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
