// bench/sweep: full-vocabulary sweep speed, and how close the engine gets to pure inference.
//   npx tsx bench/sweep.ts [--device cpu|webgpu] [--transformer-tokens 16384] [--cases llama3.1,gemma3,transformer,transformer-kv]
// For each model: (1) baseline in this process: onnxruntime session.run alone over exactly the
// batches the sweep uses; (2) the real sweep into PostgreSQL (splicing, COPY, progress commits,
// then the completeness check and ranks). Prints tokens/s and total wall / session.run
// (target <= 1.10), with the scoring pipeline alone beside it. (3) A storage floor on the same
// rows: what one B-tree (a primary key) over them costs PostgreSQL, built after the load or
// maintained during it; no store answers "score of token t in this sweep" by index for less.
// Where even that exceeds 10% of session.run, no indexed store of the rows meets the target.
// Then the same model over two more prompts in one run: each prompt's completion runs while the
// next prompt is scored, so the run's wall is compared with the two prompts' session.run.
// transformer-kv is the same transformer with key/value cache I/O: the sweep runs the prompt prefix
// once and each row only [id] + suffix; its tokens/s is compared with the whole-row sweep's.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import pgDriver from "pg";
import { startEmbeddedPostgres } from "../server/db/embedded";
import { applyMigrations } from "../server/db/migrate";
import { createPrismaClient } from "../server/db/prisma";
import { seedReferenceData } from "../server/db/seed";
import { OnnxBackend, type OnnxDevice } from "../runner/backends/onnx";
import { BundleManifest } from "../runner/bundle";
import { writeDemoBundle } from "../runner/onnx/demo";
import { writeTransformerBundle } from "../runner/onnx/transformerBundle";
import { buildInputSpec, fillBatch, loadTokenizer } from "../runner/tokenize";
import { openRowScorer } from "../runner/sweep/prepare";
import { sweepBundle } from "../runner/sweep/sweepBundle";
import { scratchDir } from "../scripts/scratchDir";

const { values } = parseArgs({
  options: {
    device: { type: "string", default: "cpu" },
    "batch-size": { type: "string", default: "1024" },
    "transformer-tokens": { type: "string", default: "16384" },
    /** Which of the three cases to run (comma-separated). */
    cases: { type: "string", default: "llama3.1,gemma3,transformer,transformer-kv" },
  },
});
const device = values.device as OnnxDevice;
const batchSize = Number(values["batch-size"]);
const work = scratchDir("ra-bench-sweep-");

/** session.run alone over the sweep's own batches (same ids, same batch size). */
async function inferenceOnly(bundleDir: string, limit: number | undefined, batchSize: number): Promise<{ seconds: number; rows: number }> {
  const tok = await loadTokenizer(bundleDir);
  const spec = buildInputSpec(tok, { prompt: "What, in one word, is the greatest thing ever?" });
  const manifest = BundleManifest.parse(JSON.parse(readFileSync(path.join(bundleDir, "manifest.json"), "utf8")));
  const backend = await OnnxBackend.open(bundleDir, manifest, { device });
  // A model with cache I/O: the prefix run counts too, as it does in the sweep.
  const t00 = performance.now();
  const { scorer, rowSpec, cachedPrefixTokens, close } = await openRowScorer(backend, spec);
  let seconds = cachedPrefixTokens !== null ? (performance.now() - t00) / 1000 : 0;
  const n = limit ?? manifest.vocabSize;
  const ids = Int32Array.from({ length: n }, (_, i) => i);
  const L = rowSpec.sequenceLength;
  const buffer = new BigInt64Array(batchSize * L);
  fillBatch(rowSpec, ids, 0, Math.min(batchSize, n), buffer);
  await scorer.score(buffer.subarray(0, Math.min(batchSize, n) * L), Math.min(batchSize, n), L); // warm-up
  for (let start = 0; start < n; start += batchSize) {
    const rows = Math.min(batchSize, n - start);
    fillBatch(rowSpec, ids, start, rows, buffer);
    const t0 = performance.now();
    await scorer.score(buffer.subarray(0, rows * L), rows, L);
    seconds += (performance.now() - t0) / 1000;
  }
  await close();
  await backend.close();
  return { seconds, rows: n };
}

/**
 * The cheapest way to make one sweep's rows an index lookup, on this machine: build a primary key
 * over them after the load (`build`), or maintain it during the load (`maintain`: the extra time an
 * INSERT into a keyed table takes over one into a bare table). Rows are read from the finished
 * sweep; only the index work is timed.
 */
async function primaryKeyFloor(url: string, sweepId: number): Promise<{ build: number; maintain: number }> {
  const client = new pgDriver.Client({ connectionString: url });
  await client.connect();
  const timed = async (sql: string) => {
    const t0 = performance.now();
    await client.query(sql);
    return (performance.now() - t0) / 1000;
  };
  const rows = `SELECT "sweepId", "tokenId", score FROM floor_rows ORDER BY "tokenId"`;
  try {
    await client.query(`CREATE TEMP TABLE floor_rows AS SELECT "sweepId", "tokenId", score FROM "Score" WHERE "sweepId" = ${Number(sweepId)}`);
    await client.query(`CREATE TEMP TABLE floor_bare (LIKE floor_rows)`);
    await client.query(`CREATE TEMP TABLE floor_keyed (LIKE floor_rows, PRIMARY KEY ("sweepId", "tokenId"))`);
    await client.query("VACUUM ANALYZE floor_rows");
    await timed(rows); // warm the cache
    const bare = await timed(`INSERT INTO floor_bare ${rows}`);
    const keyed = await timed(`INSERT INTO floor_keyed ${rows}`);
    const build = await timed(`ALTER TABLE floor_bare ADD PRIMARY KEY ("sweepId", "tokenId")`);
    return { build, maintain: Math.max(0, keyed - bare) };
  } finally {
    await client.end();
  }
}

const pg = await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), port: 0, persistent: false });
try {
  await applyMigrations(pg.url);
  const db = createPrismaClient(pg.url);
  await seedReferenceData(db);
  const greatest = await db.prompt.findUniqueOrThrow({ where: { slug: "greatest" } });
  const bestAndWorst = await db.prompt.findMany({ where: { slug: { in: ["best", "worst"] } }, orderBy: { slug: "asc" } });
  const wanted = new Set(values.cases.split(","));
  const cases = [
    { key: "llama3.1", name: "demo llama3.1 (full vocabulary)", dir: () => writeDemoBundle("llama3.1", path.join(work, "demo-llama")).dir, limit: undefined },
    { key: "gemma3", name: "demo gemma3 (full vocabulary)", dir: () => writeDemoBundle("gemma3", path.join(work, "demo-gemma")).dir, limit: undefined },
    { key: "transformer", name: `transformer 4x256 (first ${values["transformer-tokens"]} ids)`, dir: () => writeTransformerBundle(work), limit: Number(values["transformer-tokens"]) },
    {
      key: "transformer-kv",
      name: `transformer 4x256 with prompt prefix cached (first ${values["transformer-tokens"]} ids)`,
      dir: () => writeTransformerBundle(work, { name: "transformer-kv", withPast: true }),
      limit: Number(values["transformer-tokens"]),
      // Each row carries a copy of the prefix's keys/values (~0.4 MB here), so large batches lose:
      // the sweep's own tuner picks the batch, and the baseline reuses it.
      tuneBatch: true,
    },
  ]
    .filter((c) => wanted.has(c.key))
    .map((c) => ({ ...c, dir: c.dir() }));
  console.log(`device ${device}, batch ${batchSize}, ${process.arch}, node ${process.version}`);
  const tokensPerSecond = new Map<string, number>();
  for (const c of cases) {
    const [summary] = await sweepBundle({
      db, databaseUrl: pg.url, bundleDir: c.dir, prompts: [greatest], batchSize: "tuneBatch" in c ? undefined : batchSize, limit: c.limit,
      prefixCache: "on", // the transformer-kv case measures the cached path itself (auto may run whole rows)
      openBackend: (bundle) => OnnxBackend.open(bundle.dir, bundle.manifest, { device }),
    });
    const baseline = await inferenceOnly(c.dir, c.limit, summary.batchSize ?? batchSize);
    const floor = await primaryKeyFloor(pg.url, summary.sweepId);
    const ofRun = (seconds: number) => `${seconds.toFixed(3)} s = ${(seconds / summary.inferenceSeconds).toFixed(3)} x session.run`;
    const perSec = (seconds: number) => Math.round(summary.rows / seconds).toLocaleString("en");
    console.log(
      `${c.name}: ${summary.rows.toLocaleString("en")} tokens, batch ${summary.batchSize}; session.run ${summary.inferenceSeconds.toFixed(2)} s ` +
        `(inference-only baseline ${baseline.seconds.toFixed(2)} s); scoring pipeline ${summary.wallSeconds.toFixed(2)} s = ${perSec(summary.wallSeconds)} tok/s; ` +
        `total with ranks ${summary.totalSeconds.toFixed(2)} s = ${perSec(summary.totalSeconds)} tok/s. ` +
        `total / session.run = ${(summary.totalSeconds / summary.inferenceSeconds).toFixed(3)} [target <= 1.10] ` +
        `(pipeline / session.run ${(summary.wallSeconds / summary.inferenceSeconds).toFixed(3)}, total / baseline ${(summary.totalSeconds / baseline.seconds).toFixed(3)}). ` +
        `Floor, one primary key over these rows: built after the load ${ofRun(floor.build)}, maintained during it ${ofRun(floor.maintain)}`,
    );
    tokensPerSecond.set(c.key, summary.rows / summary.totalSeconds);
    const run = await sweepBundle({
      db, databaseUrl: pg.url, bundleDir: c.dir, prompts: bestAndWorst, batchSize: summary.batchSize ?? batchSize, limit: c.limit, prefixCache: "on",
      openBackend: (bundle) => OnnxBackend.open(bundle.dir, bundle.manifest, { device }),
    });
    const runWall = (run[run.length - 1].completedAt - run[0].scoringStartedAt) / 1000;
    const runInference = run.reduce((sum, s) => sum + s.inferenceSeconds, 0);
    console.log(
      `  ${c.name}, best + worst in one run: wall ${runWall.toFixed(2)} s / session.run ${runInference.toFixed(2)} s = ${(runWall / runInference).toFixed(3)} ` +
        `(the first prompt's completion overlapping the second prompt's scoring; one prompt alone: ${summary.totalSeconds.toFixed(2)} s above)`,
    );
  }
  const [whole, kv] = [tokensPerSecond.get("transformer"), tokensPerSecond.get("transformer-kv")];
  if (whole && kv)
    console.log(`prompt prefix cache (same transformer weights, same ids): ${(kv / whole).toFixed(2)} x the whole-row sweep's tokens/s (total wall, ranks included)`);
  await db.$disconnect();
} finally {
  await pg.stop();
}
