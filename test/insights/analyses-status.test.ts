// status { analyses }: whether the figures are current, from the database alone: sweeps the
// analyses use but have not analysed (new, or re-run since), and a refresh holding the lock.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "../../server/graphql/context";
import { createApolloServer } from "../../server/graphql/server";
import { refreshInsights } from "../../server/insights/refresh";
import { REFRESH_LOCK } from "../../server/insights/store";
import type { TestDatabase } from "../helpers/db";
import { sweepDemo, TEST_OPTIONS, openSeededDatabase } from "./helpers";

let t: TestDatabase;
let pool: pg.Pool;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, pool, close } = await openSeededDatabase());
});
afterAll(() => close());

async function analysesStatus() {
  const response = await createApolloServer().executeOperation(
    { query: "{ status { analyses { results lastComputedAt refreshing sweepsNotAnalysed } } }" },
    { contextValue: createContext(t.db) },
  );
  if (response.body.kind !== "single") throw new Error("incremental");
  expect(response.body.singleResult.errors).toBeUndefined();
  return (response.body.singleResult.data as { status: { analyses: { results: number; lastComputedAt: string | null; refreshing: boolean; sweepsNotAnalysed: number } } }).status.analyses;
}

describe("status { analyses }", () => {
  it("counts the sweeps not in the figures yet: none stored, after a refresh, after a re-run; and sees a refresh running", async () => {
    expect(await analysesStatus()).toEqual({ results: 0, lastComputedAt: null, refreshing: false, sweepsNotAnalysed: 0 });

    await sweepDemo(t.db, t.url, "llama3.1", ["greatest", "worst"]);
    expect(await analysesStatus()).toMatchObject({ results: 0, sweepsNotAnalysed: 2 });

    const summary = await refreshInsights(pool, TEST_OPTIONS);
    const current = await analysesStatus();
    expect(current).toMatchObject({ results: summary.rowsPlanned, refreshing: false, sweepsNotAnalysed: 0 });
    expect(Date.parse(current.lastComputedAt as string)).toBeGreaterThan(Date.now() - 600_000);

    // A re-run keeps its sweep id with a newer finishedAt: its stored rows describe the old scores.
    await sweepDemo(t.db, t.url, "llama3.1", ["worst"], { force: true });
    expect(await analysesStatus()).toMatchObject({ sweepsNotAnalysed: 1 });
    await refreshInsights(pool, TEST_OPTIONS);
    expect(await analysesStatus()).toMatchObject({ sweepsNotAnalysed: 0 });

    const holder = new pg.Client({ connectionString: t.url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock($1)", [REFRESH_LOCK]);
      expect(await analysesStatus()).toMatchObject({ refreshing: true });
      await holder.query("SELECT pg_advisory_unlock($1)", [REFRESH_LOCK]);
      expect(await analysesStatus()).toMatchObject({ refreshing: false });
    } finally {
      await holder.end();
    }
  });
});
