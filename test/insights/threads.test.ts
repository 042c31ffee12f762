// The analysis threads: how many a refresh uses, how lanes group jobs, and what a failure in a
// thread reports (the refresh must reject with the cause, never wait forever). Results equal
// the in-process ones: see refresh.test.ts.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { KINDS } from "../../server/insights/keys";
import type { SweepRef } from "../../server/insights/load";
import type { Job, ResolvedOptions } from "../../server/insights/plan";
import { planLanes } from "../../server/insights/worker/lanes";
import { analysisThreads, connectionOf, runLanesOnThreads } from "../../server/insights/worker/threads";

const OPTIONS: ResolvedOptions = { permutations: 10, resamples: 10, seed: 1, valenceMatch: { lowerCase: true, stripLeadingSpace: false } };

function sweep(sweepId: number, modelId: number, promptId: number, scoredCount = 1000): SweepRef {
  return {
    sweepId,
    model: { id: modelId, slug: `m${modelId}`, isDemo: false },
    prompt: { id: promptId, slug: `p${promptId}`, framing: "NEUTRAL", pairId: null },
    finishedAt: "",
    scoredCount,
    wholeVocabulary: true,
  };
}

function sweepJob(s: SweepRef): Job {
  return { type: "sweep", sweep: s, texts: false, rows: [{ kind: KINDS.distribution, scope: `sweep ${s.sweepId}`, inputsKey: `k${s.sweepId}`, params: {} }] };
}

describe("analysisThreads", () => {
  it("is one per core up to four by default, RA_ANALYSIS_THREADS when set, and refuses a bad value by name", () => {
    expect(analysisThreads({})).toBeGreaterThanOrEqual(1);
    expect(analysisThreads({})).toBeLessThanOrEqual(4);
    expect(analysisThreads({ RA_ANALYSIS_THREADS: "" })).toBe(analysisThreads({}));
    expect(analysisThreads({ RA_ANALYSIS_THREADS: "0" })).toBe(0);
    expect(analysisThreads({ RA_ANALYSIS_THREADS: "12" })).toBe(12);
    for (const bad of ["-1", "two", "1.5", "65"]) expect(() => analysisThreads({ RA_ANALYSIS_THREADS: bad })).toThrow(/RA_ANALYSIS_THREADS must be a whole number from 0 to 64/);
  });
});

describe("connectionOf", () => {
  it("copies the settings that shape a connection, and refuses a password function by name", async () => {
    const pool = new pg.Pool({ connectionString: "postgresql://u@h:5/db", application_name: "ra-worker", statement_timeout: 5000, max: 7 });
    expect(connectionOf(pool)).toEqual({ connectionString: "postgresql://u@h:5/db", application_name: "ra-worker", statement_timeout: 5000 });
    const withFunction = new pg.Pool({ connectionString: "postgresql://u@h:5/db", password: () => "secret" });
    expect(() => connectionOf(withFunction)).toThrow(/pool's password is a function, which analysis threads cannot receive/);
    await Promise.all([pool.end(), withFunction.end()]);
  });
});

describe("planLanes", () => {
  it("keeps a model's jobs together and each prompt's vocabulary jobs together, costliest lane first, plan order inside", () => {
    const a1 = sweep(1, 1, 1, 100);
    const a2 = sweep(2, 1, 2, 100);
    const b1 = sweep(3, 2, 1, 500);
    const vocab = (promptId: number, normalization: "PAPER" | "STRIP_SPACE"): Job => ({
      type: "vocab",
      prompt: a1.prompt,
      normalization,
      sweeps: [{ ...a1, prompt: { ...a1.prompt, id: promptId } }, b1],
      notCompared: [],
      rows: [],
    });
    const jobs: Job[] = [sweepJob(a1), vocab(1, "PAPER"), sweepJob(b1), { type: "framing", positive: a1, negative: a2, texts: false, rows: [] }, vocab(1, "STRIP_SPACE"), sweepJob(a2)];
    const lanes = planLanes(jobs.map((job) => ({ job, wanted: job.rows })));
    expect(lanes.map((l) => [l.key, l.jobs.map((j) => j.index)])).toEqual([
      ["vocab:1", [1, 4]],
      ["model:2", [2]],
      ["model:1", [0, 3, 5]],
    ]);
  });
});

describe("runLanesOnThreads", () => {
  const lanes = planLanes([sweepJob(sweep(1, 1, 1))].map((job) => ({ job, wanted: job.rows })));

  it("rejects, naming the entry and the cause, when the threads cannot start", async () => {
    const entry = path.join(mkdtempSync(path.join(tmpdir(), "ra-threads-")), "broken.mjs");
    writeFileSync(entry, 'throw new Error("this entry cannot load");\n');
    // Two lanes on two threads: both threads fail, and the second failure must not go unheard.
    const twoLanes = planLanes([sweepJob(sweep(1, 1, 1)), sweepJob(sweep(2, 2, 1))].map((job) => ({ job, wanted: job.rows })));
    const run = runLanesOnThreads(twoLanes, { connection: {}, options: OPTIONS, threads: 2, entry }, () => {});
    await expect(run).rejects.toThrow(/analysis threads failed \(.*broken\.mjs\): this entry cannot load; RA_ANALYSIS_THREADS=0/);
  }, 30_000);

  it("rejects, naming the lane, when a lane's job fails in its thread (here: no database to read)", async () => {
    const seen: number[] = [];
    const run = runLanesOnThreads(lanes, { connection: { connectionString: "postgresql://nobody@127.0.0.1:1/none" }, options: OPTIONS, threads: 2 }, (results) => seen.push(...results.map((r) => r.index)));
    await expect(run).rejects.toThrow(/^analysis lane model:1: .*ECONNREFUSED/);
    expect(seen).toEqual([]);
  }, 30_000);
});
