// refreshInsights: materialise every analysis of the current COMPLETED sweeps and candidate sets
// into AnalysisResult, computing only the rows whose inputs (sweeps, options) changed.
//
// Steps: plan the rows from the catalogue (no scores read) -> compare inputsKeys with what is
// stored -> run the jobs of the missing rows (scores and texts loaded lazily, each once) -> one
// write transaction: drop superseded/orphaned rows, insert the new ones, rebuild the leaderboard.
// A second refresh with unchanged inputs reads the catalogue, finds every key, and writes nothing.
import pg from "pg";
import { DEFAULT_MATCH_OPTIONS, DEFAULT_PERMUTATIONS, DEFAULT_RESAMPLES, DEFAULT_SEED, type TextMatchOptions } from "../analysis";
import { JobRunner } from "./jobs";
import { InsightData, loadCatalogue } from "./load";
import { planRefresh, type Job, type PlannedRow, type ResolvedOptions } from "./plan";
import { existingKeys, rowKey, withRefreshLock, writeResults, type WritePlan } from "./store";
import { planLanes, runLaneJobs, type LaneJobResult } from "./worker/lanes";
import { analysisThreads, connectionOf, runLanesOnThreads } from "./worker/threads";

export interface RefreshOptions {
  log?: (line: string) => void;
  /** Permutations of the shuffled-score null baselines (default 200). */
  permutations?: number;
  /** Bootstrap resamples of every interval (default 1000). */
  resamples?: number;
  seed?: number;
  /** Lexicon matching of token texts; default the paper's (lower-cased, leading space kept). */
  valenceMatch?: TextMatchOptions;
  /** Worker threads for the analyses; 0 runs them on the calling thread. Default
   * `analysisThreads()`: RA_ANALYSIS_THREADS, else one per core up to four. */
  threads?: number;
}

export interface RefreshSummary {
  /** Nothing changed: every planned row was already stored and nothing was removed. */
  upToDate: boolean;
  sweeps: number;
  /** Candidate set x prompt combinations with scores. */
  candidateTables: number;
  rowsPlanned: number;
  rowsComputed: number;
  rowsUnchanged: number;
  /** Superseded or orphaned rows deleted. */
  rowsRemoved: number;
  /** Rows stored as unavailable (e.g. too few lexicon matches), with the reason. */
  unavailable: { kind: string; scope: string; reason: string }[];
  /** Wall time per job run, in plan order. */
  jobs: { job: string; seconds: number }[];
  /** Worker threads the analyses ran on; 0: the calling thread (or nothing to compute). */
  threads: number;
  seconds: number;
  /** Process peak resident set size so far (bytes). */
  peakRssBytes: number;
}

function resolveOptions(options: RefreshOptions): ResolvedOptions {
  return {
    permutations: options.permutations ?? DEFAULT_PERMUTATIONS,
    resamples: options.resamples ?? DEFAULT_RESAMPLES,
    seed: options.seed ?? DEFAULT_SEED,
    valenceMatch: {
      lowerCase: options.valenceMatch?.lowerCase ?? DEFAULT_MATCH_OPTIONS.lowerCase,
      stripLeadingSpace: options.valenceMatch?.stripLeadingSpace ?? DEFAULT_MATCH_OPTIONS.stripLeadingSpace,
    },
  };
}

const peakRss = () => process.resourceUsage().maxRSS * 1024;

interface QueuedRefresh {
  pool: pg.Pool;
  options: RefreshOptions;
  promise: Promise<RefreshSummary>;
  resolve: (summary: RefreshSummary) => void;
  reject: (error: unknown) => void;
}

/** Per database, while a refresh runs in this process: the one refresh queued behind it. */
const inProcess = new Map<string, { queued: QueuedRefresh | null }>();

function databaseKey(pool: pg.Pool): string {
  const o = pool.options;
  return o.connectionString ?? `${o.host ?? ""}:${o.port ?? ""}/${o.database ?? ""}`;
}

/**
 * Materialises the analyses. Refreshes of one database run one at a time: across processes by an
 * advisory lock, within a process by a queue of one. A call made while a refresh runs gets the
 * next refresh, shared with every caller that arrives meanwhile (with the first one's options), so
 * it sees the data as of its call without piling up work or connections.
 */
export function refreshInsights(pool: pg.Pool, options: RefreshOptions = {}): Promise<RefreshSummary> {
  const key = databaseKey(pool);
  const slot = inProcess.get(key);
  if (!slot) {
    inProcess.set(key, { queued: null });
    return runInTurn(key, pool, options);
  }
  if (!slot.queued) {
    let resolve!: QueuedRefresh["resolve"];
    let reject!: QueuedRefresh["reject"];
    const promise = new Promise<RefreshSummary>((res, rej) => ((resolve = res), (reject = rej)));
    slot.queued = { pool, options, promise, resolve, reject };
  }
  return slot.queued.promise;
}

function runInTurn(key: string, pool: pg.Pool, options: RefreshOptions): Promise<RefreshSummary> {
  return runRefresh(pool, options).finally(() => {
    const slot = inProcess.get(key)!;
    const next = slot.queued;
    if (!next) {
      inProcess.delete(key);
      return;
    }
    slot.queued = null;
    runInTurn(key, next.pool, next.options).then(next.resolve, next.reject);
  });
}

async function runRefresh(pool: pg.Pool, options: RefreshOptions): Promise<RefreshSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const resolved = resolveOptions(options);
  // The lock holder is a connection of its own, not a pool slot: a refresh waiting on the lock
  // must not hold a slot that the refresh holding the lock needs (two refreshes on a small pool
  // would otherwise deadlock).
  const client = new pg.Client(pool.options);
  client.on("error", () => {});
  await client.connect();
  try {
    return await withRefreshLock(client, async () => {
      const catalogue = await loadCatalogue(pool);
      const jobs = planRefresh(catalogue, resolved);
      const stored = await existingKeys(client);
      const planned = jobs.flatMap((job) => job.rows);
      const keep = new Set(planned.map((r) => rowKey(r.kind, r.inputsKey)));
      const summary: RefreshSummary = {
        upToDate: false,
        sweeps: catalogue.sweeps.length,
        candidateTables: catalogue.candidates.length,
        rowsPlanned: planned.length,
        rowsComputed: 0,
        rowsUnchanged: planned.filter((r) => stored.has(rowKey(r.kind, r.inputsKey))).length,
        rowsRemoved: 0,
        unavailable: [],
        jobs: [],
        threads: 0,
        seconds: 0,
        peakRssBytes: 0,
      };
      const stale = [...stored].some((key) => !keep.has(key));
      if (summary.rowsUnchanged === planned.length && !stale) {
        log(`insights: up to date (${planned.length} results over ${catalogue.sweeps.length} sweeps)`);
        return { ...summary, upToDate: true, seconds: (performance.now() - started) / 1000, peakRssBytes: peakRss() };
      }

      // Results changed since the last refresh: bring the planner's statistics of the tables they
      // live in up to date first. Freshly loaded rows have none until autovacuum gets to them, and
      // meanwhile a filtered ranked page (tokens: WORDS) was planned as a hash join: ~600 ms
      // instead of the ~2 ms index walk; the analyses' own reads benefit too.
      await client.query('ANALYZE "Score", "VocabToken", "CandidateScore"');
      const write: WritePlan = { computed: [], leaderboard: null, keep };
      const pending: { job: Job; wanted: PlannedRow[] }[] = [];
      for (const job of jobs) {
        const wanted = job.rows.filter((r) => !stored.has(rowKey(r.kind, r.inputsKey)));
        if (wanted.length === 0) continue;
        if (job.type === "leaderboard") write.leaderboard = { row: wanted[0], modelIds: job.modelIds, components: job.components };
        else pending.push({ job, wanted });
      }
      const finished: LaneJobResult[] = [];
      const onLane = (results: LaneJobResult[]) => {
        for (const result of results) {
          const { job, wanted } = pending[result.index];
          log(`insights: ${job.type} ${job.rows[0].scope} (${wanted.map((r) => r.kind).join(", ")}) in ${result.seconds.toFixed(2)} s`);
          finished.push(result);
        }
      };
      const lanes = planLanes(pending);
      const threads = lanes.length === 0 ? 0 : (options.threads ?? analysisThreads());
      summary.threads = threads;
      if (threads === 0) {
        const runner = new JobRunner(pool, new InsightData(pool), resolved);
        for (const lane of lanes) onLane(await runLaneJobs(runner, lane));
      } else {
        await runLanesOnThreads(lanes, { connection: connectionOf(pool), options: resolved, threads }, onLane);
      }
      // Stored in plan order, whatever order the lanes finished in; every wanted row must be back
      // (a row gone missing would otherwise leave its superseded row deleted and nothing stored).
      const byIndex = new Map(finished.map((result) => [result.index, result]));
      pending.forEach(({ job, wanted }, index) => {
        const result = byIndex.get(index);
        if (!result) throw new Error(`insights: job ${job.type} ${job.rows[0].scope} returned no result`);
        summary.jobs.push({ job: `${job.type} ${job.rows[0].scope}`, seconds: result.seconds });
        const computed = new Map(result.rows.map((r) => [r.kind, r]));
        for (const row of wanted) {
          const value = computed.get(row.kind);
          if (!value) throw new Error(`insights: job ${job.type} ${job.rows[0].scope} returned no ${row.kind} result`);
          if (value.unavailable !== null) summary.unavailable.push({ kind: row.kind, scope: row.scope, reason: value.unavailable });
          write.computed.push({ row, resultJson: value.resultJson });
        }
      });
      summary.rowsRemoved = await writeResults(client, write);
      summary.rowsComputed = write.computed.length + (write.leaderboard ? 1 : 0);
      summary.seconds = (performance.now() - started) / 1000;
      summary.peakRssBytes = peakRss();
      log(
        `insights: ${summary.rowsComputed} results computed, ${summary.rowsUnchanged} unchanged, ${summary.rowsRemoved} removed in ${summary.seconds.toFixed(1)} s`,
      );
      return summary;
    });
  } finally {
    await client.end();
  }
}
