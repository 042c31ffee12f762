// The API's Prisma client: node-postgres with a statement timeout (RA_STATEMENT_TIMEOUT_MS), and
// named prepared statements for the hot raw queries. A statement whose SQL starts with
// `/* prepared:<name> */` is prepared once per connection (PostgreSQL then reuses its plan:
// planning is ~half the database time of token(text)); every other statement stays unnamed, so
// Prisma's varying ORM statements (IN lists of any length) never pile up on the server.
// Behind a transaction-pooling proxy (pgbouncer < 1.21) set RA_PREPARED_STATEMENTS=0.
import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../db/generated/prisma/client";
import type { Db } from "../db/prisma";

const PREPARED = /^\/\* prepared:([a-z0-9_]{1,40}) \*\//;

/** Statement name for marked SQL: marker + hash of the full text (fragments vary the text). */
export function preparedStatementName(sql: string): string | undefined {
  const marker = PREPARED.exec(sql);
  return marker ? `ra_${marker[1]}_${createHash("sha1").update(sql).digest("hex").slice(0, 16)}` : undefined;
}

export interface ApiDatabaseOptions {
  statementTimeoutMs: number;
  max?: number;
  preparedStatements?: boolean;
}

export function createApiPrismaClient(url: string, options: ApiDatabaseOptions): Db {
  const adapter = new PrismaPg(
    { connectionString: url, max: options.max ?? 10, statement_timeout: options.statementTimeoutMs },
    // pg treats an undefined name as an unnamed statement (the adapter's type says string).
    options.preparedStatements === false ? {} : { statementNameGenerator: (query) => preparedStatementName(query.sql) as string },
  );
  return new PrismaClient({ adapter });
}
