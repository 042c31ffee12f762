// A sweep requested through the API while no bundle is known is only recorded (a PENDING row):
// the whole-vocabulary sweep of the same model, prompt and mode fulfils it, and a request for a
// sweep that is already whole answers with that sweep instead of a new row.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestSweep } from "../../server/admin/admin.service";
import { seedReferenceData } from "../../server/db/seed";
import { sweepBundle, type PromptRef } from "../../runner/sweep/sweepBundle";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { waitFor } from "../helpers/waitFor";
import { demoBundle, openOnnxCpu } from "./bundles";

let t: TestDatabase;
let greatest: PromptRef;
let worst: PromptRef;
const serverDatabaseUrl = process.env.DATABASE_URL;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  greatest = await t.db.prompt.findUniqueOrThrow({ where: { slug: "greatest" } });
  worst = await t.db.prompt.findUniqueOrThrow({ where: { slug: "worst" } });
  // Without the server's DATABASE_URL requestSweep cannot queue, so it records the request.
  delete process.env.DATABASE_URL;
});
afterAll(async () => {
  if (serverDatabaseUrl !== undefined) process.env.DATABASE_URL = serverDatabaseUrl;
  await t.drop();
});

const requests = () => t.db.sweep.findMany({ where: { settingsKey: { startsWith: "request:" } }, select: { promptId: true, status: true }, orderBy: { promptId: "asc" } });

describe("recorded sweep requests", () => {
  it("are fulfilled by a whole sweep of the same model, prompt and mode, not by a --limit one or another prompt", async () => {
    const bundleDir = demoBundle("llama3.1");
    const sweep = (prompts: PromptRef[], limit?: number) => sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir, prompts, openBackend: openOnnxCpu, limit });
    const [smoke] = await sweep([greatest], 2048);
    const model = await t.db.rewardModel.findFirstOrThrow();

    const forGreatest = await requestSweep(t.db, model.slug, "greatest", "ID");
    expect(forGreatest).toMatchObject({ status: "PENDING", promptId: greatest.id });
    expect(forGreatest.id).not.toBe(smoke.sweepId); // a first-2048-ids sweep does not answer it
    await requestSweep(t.db, model.slug, "worst", "ID");
    expect(await requests()).toEqual([
      { promptId: greatest.id, status: "PENDING" },
      { promptId: worst.id, status: "PENDING" },
    ]);

    await sweep([greatest], 2048); // the same smoke test again: still not whole
    expect(await requests()).toHaveLength(2);
    const [whole] = await sweep([greatest]);
    expect(whole.status).toBe("completed");
    expect(await requests()).toEqual([{ promptId: worst.id, status: "PENDING" }]);

    // Asking again for what is done returns the whole sweep; nothing new is recorded.
    const again = await requestSweep(t.db, model.slug, "greatest", "ID");
    expect(again).toMatchObject({ id: whole.sweepId, status: "COMPLETED" });
    expect(await requests()).toHaveLength(1);
    // Another mode is another request.
    expect(await requestSweep(t.db, model.slug, "greatest", "PAPER")).toMatchObject({ status: "PENDING", mode: "PAPER" });
  });

  it("answers with a sweep that completed while the request was being recorded, and leaves no request behind", async () => {
    const model = await t.db.rewardModel.findFirstOrThrow();
    const best = await t.db.prompt.findUniqueOrThrow({ where: { slug: "best" } });
    // Another session holds the Sweep table against writes: requestSweep finds nothing done, then
    // waits at recording its request; meanwhile that session completes a whole sweep of the same
    // model, prompt and mode, and commits, which lets the request be written.
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query('LOCK TABLE "Sweep" IN SHARE MODE');
      const requested = requestSweep(t.db, model.slug, "best", "ID");
      await waitFor("requestSweep to block on the Sweep table", async () => {
        const { rows } = await other.query(`SELECT count(*)::int AS n FROM pg_locks WHERE relation = '"Sweep"'::regclass AND NOT granted`);
        return rows[0].n > 0;
      }, 10_000);
      const { rows } = await other.query(
        `INSERT INTO "Sweep" ("modelId", "promptId", mode, "settingsKey", status, "tokenCount", "scoredCount", backend, "finishedAt")
         VALUES ($1, $2, 'ID', 'completed-meanwhile', 'COMPLETED', $3, $3, 'onnx', now()) RETURNING id`,
        [model.id, best.id, model.vocabSize],
      );
      await other.query("COMMIT");
      expect(await requested).toMatchObject({ id: rows[0].id, status: "COMPLETED" });
      expect(await t.db.sweep.count({ where: { promptId: best.id, settingsKey: { startsWith: "request:" } } })).toBe(0);
    } finally {
      await other.end();
    }
  });
});
