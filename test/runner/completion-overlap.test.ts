// A multi-prompt sweep completes each prompt (whole? -> Score with ranks) while the next prompt is
// scored. Shown deterministically: with Score locked, the first prompt's completion waits, yet the
// second prompt is scored to the last chunk; once the lock goes, both complete, in order.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { sweepBundle } from "../../runner/sweep/sweepBundle";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { waitFor } from "../scale/workers";
import { demoBundle, openOnnxCpu } from "./bundles";

let t: TestDatabase;
let bundleDir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  bundleDir = demoBundle("llama3.1");
});
afterAll(async () => {
  await t.drop();
});

describe("completing a sweep while the next prompt is scored", () => {
  it("scores the next prompt while the previous completion waits, then completes both in order", async () => {
    const prompts = await t.db.prompt.findMany({ where: { slug: { in: ["best", "worst"] } }, orderBy: { slug: "asc" } });
    const locker = new pg.Client({ connectionString: t.url });
    await locker.connect();
    await locker.query("BEGIN");
    await locker.query('LOCK TABLE "Score" IN EXCLUSIVE MODE'); // readers pass, the move into Score waits
    const lines: string[] = [];
    const run = sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir, prompts, openBackend: openOnnxCpu, limit: 20_000, batchSize: 512, chunkRows: 4096, log: (line) => lines.push(line) });
    run.catch(() => {});
    try {
      const secondScored = await waitFor("the second prompt to be scored while the first completion waits", async () => {
        const sweeps = await t.db.sweep.findMany({ orderBy: { id: "asc" } });
        return sweeps.length === 2 && sweeps[1].scoredCount === 20_000 ? sweeps : null;
      }, 60_000, 50);
      expect(secondScored.map((s) => s.status)).toEqual(["RUNNING", "RUNNING"]); // neither completed: Score is locked
      expect(await t.db.score.count()).toBe(0);
      expect(lines.some((line) => / tokens in /.test(line))).toBe(false); // summaries come with completion
      await new Promise((resolve) => setTimeout(resolve, 300)); // the first completion keeps waiting
    } finally {
      await locker.query("COMMIT");
      await locker.end();
    }
    const summaries = await run;
    expect(summaries.map((s) => [s.prompt, s.status])).toEqual([["best", "completed"], ["worst", "completed"]]);
    for (const summary of summaries) {
      expect(summary.totalSeconds).toBeGreaterThanOrEqual(summary.wallSeconds);
      const sweep = await t.db.sweep.findUniqueOrThrow({ where: { id: summary.sweepId } });
      expect(sweep.status).toBe("COMPLETED");
      // Completion time is recorded, and counts the wait for Score as part of completing.
      expect(sweep.completionSeconds).toBeGreaterThan(0);
      expect(sweep.completionSeconds!).toBeLessThanOrEqual(summary.totalSeconds - summary.wallSeconds + 1e-6);
      expect(await t.db.score.count({ where: { sweepId: summary.sweepId } })).toBe(20_000);
    }
    const first = await t.db.sweep.findUniqueOrThrow({ where: { id: summaries[0].sweepId } });
    expect(first.completionSeconds!).toBeGreaterThanOrEqual(0.3);
    const order = lines.filter((line) => / tokens in /.test(line)).map((line) => /× (\w+):/.exec(line)?.[1]);
    expect(order).toEqual(["best", "worst"]);
  });
});
