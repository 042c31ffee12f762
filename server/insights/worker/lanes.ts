// A refresh's jobs in lanes: runs of jobs that reuse each other's loaded data, so that a lane can
// go to one worker thread without losing JobRunner's and InsightData's caches.
//  - one lane per model: its sweeps' jobs and framings read that model's scores and texts;
//  - one lane per prompt of vocabulary jobs: its three normalisations share the entries;
//  - one lane for the candidate-set (human baseline) jobs.
// Lanes are independent (every computation seeds its own generator), so their order and the
// number of threads never change a result.
import { setImmediate as nextTurn } from "node:timers/promises";
import type { InsightKind } from "../keys";
import type { JobRunner } from "../jobs";
import type { Job, PlannedRow } from "../plan";
import { isUnavailable } from "../stored";

export interface LaneJob {
  /** The job's position in the refresh plan, so results can be put back in plan order. */
  index: number;
  job: Job;
  wanted: PlannedRow[];
}

export interface Lane {
  key: string;
  /** Rough relative cost (token scores the lane reads per job), for longest-first scheduling. */
  cost: number;
  jobs: LaneJob[];
}

/** One computed row: its result as stored JSON, and why it is unavailable where it is. */
export interface LaneRow {
  kind: InsightKind;
  resultJson: string;
  unavailable: string | null;
}

export interface LaneJobResult {
  index: number;
  seconds: number;
  rows: LaneRow[];
}

function laneOf(job: Job): { key: string; cost: number } {
  switch (job.type) {
    case "sweep":
    case "lexicon":
    case "identity-list":
    case "frequency-list":
      return { key: `model:${job.sweep.model.id}`, cost: job.sweep.scoredCount };
    case "framing":
      return { key: `model:${job.positive.model.id}`, cost: job.positive.scoredCount };
    case "vocab":
      return { key: `vocab:${job.prompt.id}`, cost: job.sweeps.reduce((sum, s) => sum + s.scoredCount, 0) };
    case "human":
      return { key: "human", cost: 10_000 };
    case "leaderboard":
      throw new Error("the leaderboard is assembled inside the write transaction, not in a lane");
  }
}

/** The jobs (with the rows wanted of each) grouped into lanes, costliest first. */
export function planLanes(jobs: readonly { job: Job; wanted: PlannedRow[] }[]): Lane[] {
  const lanes = new Map<string, Lane>();
  jobs.forEach(({ job, wanted }, index) => {
    const { key, cost } = laneOf(job);
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { key, cost: 0, jobs: [] }));
    lane.cost += cost;
    lane.jobs.push({ index, job, wanted });
  });
  return [...lanes.values()].sort((a, b) => b.cost - a.cost || (a.key < b.key ? -1 : 1));
}

/** Runs a lane's jobs in order on `runner`, serialising each result as it will be stored. */
export async function runLaneJobs(runner: JobRunner, lane: Lane): Promise<LaneJobResult[]> {
  const out: LaneJobResult[] = [];
  for (const { index, job, wanted } of lane.jobs) {
    const started = performance.now();
    const results = await runner.run(job, wanted);
    const rows: LaneRow[] = [];
    for (const row of wanted) {
      const result = results.get(row.kind);
      if (result === undefined) continue;
      rows.push({ kind: row.kind, resultJson: JSON.stringify(result), unavailable: isUnavailable(result) ? result.unavailable : null });
    }
    out.push({ index, seconds: (performance.now() - started) / 1000, rows });
    // Cached data resolves in microtasks, so without this a lane never gives the event loop a turn:
    // on the calling thread (threads 0) a server would wait for the whole refresh, not one job.
    await nextTurn();
  }
  return out;
}
