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
import { planRefresh, type ResolvedOptions } from "./plan";
import { existingKeys, rowKey, withRefreshLock, writeResults, type ComputedRow, type WritePlan } from "./store";
import { isUnavailable } from "./stored";

export interface RefreshOptions {
  log?: (line: string) => void;
  /** Permutations of the shuffled-score null baselines (default 200). */
  permutations?: number;
  /** Bootstrap resamples of every interval (default 1000). */
  resamples?: number;
  seed?: number;
  /** Lexicon matching of token texts; default the paper's (lower-cased, leading space kept). */
  valenceMatch?: TextMatchOptions;
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
  /** Wall time per job run, in order. */
  jobs: { job: string; seconds: number }[];
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
      const runner = new JobRunner(pool, new InsightData(pool), resolved);
      const write: WritePlan = { computed: [], leaderboard: null, keep };
      for (const job of jobs) {
        const wanted = job.rows.filter((r) => !stored.has(rowKey(r.kind, r.inputsKey)));
        if (wanted.length === 0) continue;
        if (job.type === "leaderboard") {
          write.leaderboard = { row: wanted[0], modelIds: job.modelIds, components: job.components };
          continue;
        }
        const t0 = performance.now();
        const results = await runner.run(job, wanted);
        for (const row of wanted) {
          const result = results.get(row.kind);
          if (result === undefined) continue;
          if (isUnavailable(result)) summary.unavailable.push({ kind: row.kind, scope: row.scope, reason: result.unavailable });
          const computed: ComputedRow = { row, resultJson: JSON.stringify(result) };
          write.computed.push(computed);
        }
        const seconds = (performance.now() - t0) / 1000;
        const label = `${job.type} ${job.rows[0].scope}`;
        summary.jobs.push({ job: label, seconds });
        log(`insights: ${label} (${wanted.map((r) => r.kind).join(", ")}) in ${seconds.toFixed(2)} s`);
      }
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
