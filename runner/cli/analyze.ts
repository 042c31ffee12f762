// npm run analyze [-- --permutations <n>] [--resamples <n>] [--paper-matching] [--threads <n>] [--quiet]
// Materialises every analysis of the COMPLETED sweeps and candidate sets into AnalysisResult
// (server/insights/refresh.ts); only results whose inputs changed are recomputed.
import { parseArgs } from "node:util";
import { PAPER_MATCH_OPTIONS } from "../../server/analysis";
import { refreshInsights, type RefreshSummary } from "../../server/insights/refresh";
import { HelpRequest, runCli, UsageError, withDatabase } from "./common";

const USAGE = `usage: npm run analyze [-- options]
options:
  --permutations <n>      permutations of the shuffled-score null baselines (default 200)
  --resamples <n>         bootstrap resamples of every interval (default 1000)
  --paper-matching        match lexicon words as the paper did: lower-cased, leading space kept, so
                          " good" never matches (default: the leading space is stripped)
  --threads <n>           worker threads for the analyses; 0 runs them on the main thread
                          (default RA_ANALYSIS_THREADS, else one per core, at most 4)
  --quiet                 print the summary only
  -h, --help              this text
Recomputes only the results whose inputs changed; sweeps and imports already run it afterwards.`;

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer\n${USAGE}`);
  return n;
}

function threadCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new UsageError(`--threads must be a whole number from 0 to 64\n${USAGE}`);
  return n;
}

function printSummary(summary: RefreshSummary): void {
  const mb = (summary.peakRssBytes / 1024 ** 2).toFixed(0);
  if (summary.upToDate) {
    console.log(`analyze: up to date (${summary.rowsPlanned} results, ${summary.sweeps} sweeps) in ${summary.seconds.toFixed(1)} s`);
    return;
  }
  console.log(
    `analyze: ${summary.rowsComputed} results computed, ${summary.rowsUnchanged} unchanged, ${summary.rowsRemoved} removed ` +
      `(${summary.sweeps} sweeps, ${summary.candidateTables} candidate tables) in ${summary.seconds.toFixed(1)} s ` +
      `${summary.threads ? `on ${summary.threads} thread${summary.threads === 1 ? "" : "s"}` : "on the main thread"}, peak RSS ${mb} MB`,
  );
  for (const u of summary.unavailable) console.log(`  unavailable: ${u.kind} ${u.scope}: ${u.reason}`);
}

runCli("analyze", async () => {
  const { values } = parseArgs({
    options: {
      permutations: { type: "string" },
      resamples: { type: "string" },
      "paper-matching": { type: "boolean", default: false },
      threads: { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) throw new HelpRequest(USAGE);
  const options = {
    permutations: positiveInt(values.permutations, "permutations"),
    resamples: positiveInt(values.resamples, "resamples"),
    valenceMatch: values["paper-matching"] ? PAPER_MATCH_OPTIONS : undefined,
    threads: threadCount(values.threads),
    log: values.quiet ? undefined : (line: string) => console.log(line),
  };
  await withDatabase(async ({ pool }) => {
    // withDatabase stops the embedded server right after pool.end(), which can resolve before an
    // idle socket has closed; the server's "terminating connection" (57P01) must not crash us.
    pool.on("error", (error: Error & { code?: string }) => {
      if (error.code !== "57P01") console.error(`analyze: idle database connection: ${error.message}`);
    });
    printSummary(await refreshInsights(pool, options));
  });
});
