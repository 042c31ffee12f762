// Lanes in a worker thread. A thread lives for one refresh (the pool is destroyed after it), so it
// keeps one connection pool, one InsightData and one JobRunner across the lanes it is given: a
// model's texts or a prompt's scores, once loaded, serve every later lane that needs them.
import pg from "pg";
import { JobRunner } from "../jobs";
import { InsightData } from "../load";
import type { ResolvedOptions } from "../plan";
import { runLaneJobs, type Lane, type LaneJobResult } from "./lanes";

/** What a worker needs to reach the database: pg's connection options, without functions. */
export type ConnectionOptions = Omit<pg.PoolConfig, "password" | "max" | "idleTimeoutMillis" | "allowExitOnIdle"> & { password?: string };

export interface LaneTask {
  connection: ConnectionOptions;
  options: ResolvedOptions;
  lane: Lane;
}

let runner: JobRunner | null = null;

export async function runLane(task: LaneTask): Promise<LaneJobResult[]> {
  if (!runner) {
    // Idle connections close themselves, so a thread ended between lanes leaves none open.
    const pool = new pg.Pool({ ...task.connection, max: 2, idleTimeoutMillis: 200, allowExitOnIdle: true });
    pool.on("error", () => {}); // an idle client's error; a query's own error still rejects it
    runner = new JobRunner(pool, new InsightData(pool), task.options);
  }
  return runLaneJobs(runner, task.lane);
}
