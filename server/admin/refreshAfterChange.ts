// Admin changes that alter which scores exist (an import, a deleted sweep) bring the stored
// analyses up to date before answering, so no page shows figures computed from scores that are gone.
import pg from "pg";
import { refreshInsights } from "../insights/refresh";

export async function refreshAfterChange(databaseUrl: string | undefined): Promise<void> {
  if (!databaseUrl) return; // no server-side database URL: `npm run analyze` refreshes instead
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on("error", () => {});
  try {
    await refreshInsights(pool);
  } finally {
    await pool.end();
  }
}
