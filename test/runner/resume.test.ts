// kill -9 in the middle of a sweep, then resume: the table equals an uninterrupted run's.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { demoBundle } from "./bundles";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SWEEP_ARGS = ["--prompt", "best", "--batch-size", "64", "--chunk-rows", "2048"];

function runSweepCli(url: string, bundle: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "runner/cli/sweep.ts"), "--model", bundle, ...SWEEP_ARGS], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, output })));
}

async function scoreTable(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = await client.query(`SELECT "tokenId", score, rank FROM "Score" ORDER BY "tokenId"`);
  await client.end();
  return rows.rows;
}

let killed: TestDatabase;
let clean: TestDatabase;
let bundle: string;
beforeAll(async () => {
  [killed, clean] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await Promise.all([seedReferenceData(killed.db), seedReferenceData(clean.db)]);
  bundle = demoBundle("llama3.1");
});
afterAll(async () => Promise.all([killed.drop(), clean.drop()]));

describe("kill -9 mid-sweep, then resume", () => {
  it("loses nothing, duplicates nothing, and matches an uninterrupted run", async () => {
    const child = runSweepCli(killed.url, bundle);
    const done = exited(child);
    // Wait until some chunks are committed, then SIGKILL: no cleanup code runs.
    let committed = 0;
    for (let waited = 0; committed < 4096; waited += 25) {
      if (waited > 90_000) throw new Error("the sweep never committed a chunk");
      await new Promise((r) => setTimeout(r, 25));
      committed = (await killed.db.sweep.findFirst())?.scoredCount ?? 0;
    }
    child.kill("SIGKILL");
    const result = await done;
    expect(result.signal).toBe("SIGKILL");

    const partial = await killed.db.sweep.findFirstOrThrow();
    expect(partial.status).toBe("RUNNING");
    expect(partial.scoredCount).toBeGreaterThan(0);
    expect(partial.scoredCount).toBeLessThan(128_256);
    // Progress and rows were committed together.
    const [{ pending }] = await killed.db.$queryRaw<{ pending: number }[]>`SELECT count(*)::int AS pending FROM "PendingScore"`;
    expect(pending).toBe(partial.scoredCount);
    expect(await killed.db.score.count()).toBe(0); // nothing reaches Score before the sweep completes

    const resumed = await exited(runSweepCli(killed.url, bundle));
    expect(resumed.code, resumed.output).toBe(0);
    expect(resumed.output).toMatch(/resuming sweep \d+, [\d,]+ of 128,256 already committed/);
    const uninterrupted = await exited(runSweepCli(clean.url, bundle));
    expect(uninterrupted.code, uninterrupted.output).toBe(0);

    const [a, b] = await Promise.all([scoreTable(killed.url), scoreTable(clean.url)]);
    expect(a.length).toBe(128_256);
    expect(new Set(a.map((r) => r.tokenId)).size).toBe(128_256);
    expect(a).toEqual(b);
    const final = await killed.db.sweep.findFirstOrThrow();
    expect(final).toMatchObject({ status: "COMPLETED", scoredCount: 128_256 });
  });
});
