import { defineConfig } from "prisma/config";

// The CLI reads the URL from here (Prisma 7). At run time the app resolves its own URL
// (server/db/database.ts): DATABASE_URL, or an embedded PostgreSQL.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@localhost:5432/reward_atlas" },
});
