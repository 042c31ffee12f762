// bench/scale: sharded sweeps with 1, 2 and 4 worker processes on this machine (shard throughput,
// queue overhead per shard; target < 2% of shard time at the default shard size), then ingest of
// 10 M score rows through the runner's chunked, progress-committing COPY vs one bare COPY of the
// same rows into the same table (target ratio <= 1.5), and the two queries the Score layout must
// keep fast at that size.  npx tsx bench/scale.ts [--rows 10000000] [--workers 1,2,4]
import { spawn } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import pg from "pg";
import { startEmbeddedPostgres } from "../server/db/embedded";
import { applyMigrations } from "../server/db/migrate";
import { createPrismaClient } from "../server/db/prisma";
import { seedReferenceData } from "../server/db/seed";
import { OnnxBackend } from "../runner/backends/onnx";
import { copyScores } from "../runner/ingest/copy";
import { writeDemoBundle } from "../runner/onnx/demo";
import { DEFAULT_SHARD_SIZE, enqueueSweeps } from "../runner/queue/enqueue";
import { inTransaction } from "../runner/ingest/transaction";
import { promoteScores, ScoreChunkSink } from "../runner/sweep/sweepRecord";
import { scratchDir } from "../scripts/scratchDir";

const { values } = parseArgs({ options: { rows: { type: "string", default: "10000000" }, workers: { type: "string", default: "1,2,4" } } });
const ROOT = path.resolve(import.meta.dirname, "..");
const work = scratchDir("ra-bench-scale-");
const server = await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), port: 0, persistent: false });
const url = server.url;
await applyMigrations(url);
const db = createPrismaClient(url);
await seedReferenceData(db);
const pool = new pg.Pool({ connectionString: url, max: 4 });
const bundleDir = writeDemoBundle("llama3.1", path.join(work, "demo")).dir;
const openOnnx = (bundle: { dir: string; manifest: Parameters<typeof OnnxBackend.open>[1] }) => OnnxBackend.open(bundle.dir, bundle.manifest, { device: "cpu" });

async function runWorkers(count: number, promptSlug: string) {
  const prompt = await db.prompt.upsert({ where: { slug: promptSlug }, create: { slug: promptSlug, text: `In one word, what is ${promptSlug}?` }, update: {} });
  const [queued] = await enqueueSweeps({ db, pool, databaseUrl: url, bundleDir, prompts: [prompt], openBackend: openOnnx, batchSize: 1024 });
  const started = performance.now();
  const children = Array.from({ length: count }, (_, i) =>
    spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "runner/cli/worker.ts"), "--name", `bench-${i}`], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: url, RA_QUEUE_POLL_SECONDS: "1" }, stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  const outputs = children.map((child) => {
    let out = "";
    child.stdout!.on("data", (d) => (out += d));
    return () => out;
  });
  for (;;) {
    const sweep = await db.sweep.findUniqueOrThrow({ where: { id: queued.sweepId } });
    if (sweep.status === "COMPLETED" || sweep.status === "FAILED") break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await Promise.all(children.map((child) => new Promise((resolve) => { child.on("exit", resolve); child.kill("SIGTERM"); })));
  // The workers' own clocks: time waiting on the queue (fetch, claim) vs time on shards.
  let queueMs = 0;
  for (const out of outputs) {
    const m = /queue overhead ([\d.]+) ms/.exec(out());
    if (m) queueMs += Number(m[1]);
  }
  // From the shards' own timestamps: worker start-up (tokenizer, model) is excluded, and the gap
  // between one shard's commit and the same worker's next claim is the queue's cost.
  const shards = await db.sweepShard.findMany({ where: { sweepId: queued.sweepId }, orderBy: { startedAt: "asc" } });
  const byWorker = new Map<string, typeof shards>();
  for (const shard of shards) byWorker.set(shard.workerId!, [...(byWorker.get(shard.workerId!) ?? []), shard]);
  let shardMs = 0, gapMs = 0, gaps = 0;
  for (const list of byWorker.values()) {
    list.forEach((shard, i) => {
      shardMs += shard.finishedAt!.getTime() - shard.startedAt!.getTime();
      if (i > 0) { gapMs += shard.startedAt!.getTime() - list[i - 1].finishedAt!.getTime(); gaps++; }
    });
  }
  const first = Math.min(...shards.map((x) => x.startedAt!.getTime()));
  const last = Math.max(...shards.map((x) => x.finishedAt!.getTime()));
  const seconds = (last - first) / 1000;
  const tokens = (await db.sweep.findUniqueOrThrow({ where: { id: queued.sweepId } })).scoredCount;
  console.log(
    `${count} worker(s): ${queued.shards} shards of ${DEFAULT_SHARD_SIZE} in ${seconds.toFixed(2)} s = ` +
      `${(queued.shards / seconds).toFixed(2)} shards/s, ${Math.round(tokens / seconds).toLocaleString("en")} tok/s (wall incl. start-up ${((performance.now() - started) / 1000).toFixed(1)} s); ` +
      `mean shard ${(shardMs / shards.length).toFixed(0)} ms; queue overhead (fetch + claim, workers' clocks) ${(queueMs / shards.length).toFixed(1)} ms/shard = ` +
      `${((100 * queueMs) / shards.length / (shardMs / shards.length)).toFixed(2)}% of the mean shard time [target < 2%]; ` +
      `gap between a shard's commit and the same worker's next claim (incl. COMMIT) ${(gapMs / Math.max(gaps, 1)).toFixed(1)} ms`,
  );
}

console.log(`bench/scale on ${process.arch}, node ${process.version}, demo llama3.1 full vocabulary (128,256 ids), batch 1024`);
for (const count of values.workers!.split(",").map(Number)) await runWorkers(count, `scale-${count}`);

// Ingest: 10 M rows as 16384-row chunks, each committed with its progress marker into PendingScore,
// then moved into Score with ranks as each sweep completes (the runner's path), against bare COPYs
// of the same rows. Fresh sweep ids.
const total = Number(values.rows);
const chunk = 16_384;
const ids = Int32Array.from({ length: chunk }, (_, i) => i);
const scores = Float32Array.from({ length: chunk }, () => Math.random());
const model = await db.rewardModel.findFirstOrThrow();
const greatest = await db.prompt.findUniqueOrThrow({ where: { slug: "greatest" } });
async function sweepRow(key: string) {
  return db.sweep.create({ data: { modelId: model.id, promptId: greatest.id, mode: "IMPORTED", settingsKey: key, tokenCount: total, backend: "bench", status: "RUNNING" } });
}
const sweepsNeeded = Math.ceil(total / chunk);
// Each chunk goes to its own (sweep, id range) so rows are distinct under the PK.
const runnerSweeps = await Promise.all(Array.from({ length: Math.ceil(sweepsNeeded / 8) }, (_, i) => sweepRow(`bench-runner-${i}`)));
// The runner's path: each sweep's chunks committed with their progress into PendingScore, then the
// sweep completed (its rows moved into Score with their ranks), as finalizeSweep does.
let chunkMs = 0;
let completeMs = 0;
for (let c = 0; c < sweepsNeeded; c++) {
  const sweep = runnerSweeps[Math.floor(c / 8)];
  const offset = (c % 8) * chunk;
  let t = performance.now();
  await new ScoreChunkSink(pool, sweep.id).commit(ids.map((id) => id + offset), scores, Math.min(chunk, total - c * chunk));
  chunkMs += performance.now() - t;
  if (c % 8 === 7 || c === sweepsNeeded - 1) {
    t = performance.now();
    await inTransaction(pool, (tx) => promoteScores(tx, sweep.id));
    completeMs += performance.now() - t;
  }
}
const runnerSeconds = (chunkMs + completeMs) / 1000;
// Baselines: a bare COPY of the same rows into the same table (one transaction, no progress), and
// the direct way to the same final table: a bare COPY into Score, then ranks by UPDATE per sweep.
const bareSweeps = await Promise.all(Array.from({ length: Math.ceil(sweepsNeeded / 8) }, (_, i) => sweepRow(`bench-bare-${i}`)));
const client = await pool.connect();
async function bareCopy(table: "PendingScore" | "Score"): Promise<number> {
  const t = performance.now();
  await client.query("BEGIN");
  for (let c = 0; c < sweepsNeeded; c++) {
    const offset = (c % 8) * chunk;
    await copyScores(client, bareSweeps[Math.floor(c / 8)].id, ids.map((id) => id + offset), scores, Math.min(chunk, total - c * chunk), table);
  }
  await client.query("COMMIT");
  return (performance.now() - t) / 1000;
}
const bareStagingSeconds = await bareCopy("PendingScore");
await client.query(`DELETE FROM "PendingScore" WHERE "sweepId" = ANY($1)`, [bareSweeps.map((s) => s.id)]);
const bareSeconds = await bareCopy("Score");
let t0 = performance.now();
for (const sweep of bareSweeps) {
  await client.query(
    `UPDATE "Score" s SET rank = r.rank FROM (SELECT "tokenId", rank() OVER (ORDER BY score DESC) AS rank FROM "Score" WHERE "sweepId" = $1) r
      WHERE s."sweepId" = $1 AND s."tokenId" = r."tokenId"`,
    [sweep.id],
  );
}
const rankSeconds = (performance.now() - t0) / 1000;
console.log(
  `ingest ${total.toLocaleString("en")} rows: runner chunks with progress ${(chunkMs / 1000).toFixed(1)} s vs bare COPY into the same table ` +
    `${bareStagingSeconds.toFixed(1)} s = ${(chunkMs / 1000 / bareStagingSeconds).toFixed(3)} [target <= 1.5]; ` +
    `completing the sweeps (rows moved into Score with ranks) ${(completeMs / 1000).toFixed(1)} s more. ` +
    `End to end ${runnerSeconds.toFixed(1)} s = ${Math.round(total / runnerSeconds).toLocaleString("en")} rows/s vs bare COPY into Score ${bareSeconds.toFixed(1)} s ` +
    `(${(runnerSeconds / bareSeconds).toFixed(2)}x, which writes no ranks) and vs that plus ranks by UPDATE (${rankSeconds.toFixed(1)} s more, the same final table) ` +
    `${(runnerSeconds / (bareSeconds + rankSeconds)).toFixed(3)}x`,
);

// The layout's two critical queries at this size.
// The rank UPDATEs of the baseline left dead row versions; autovacuum would clear them.
await client.query('VACUUM ANALYZE "Score"');
const rowsNow = (await client.query(`SELECT count(*)::bigint AS n FROM "Score"`)).rows[0].n;
t0 = performance.now();
for (let i = 0; i < 50; i++) await client.query(`SELECT "sweepId", score, rank FROM "Score" WHERE "tokenId" = $1 AND "sweepId" = ANY($2)`, [i * 997 % chunk, [...runnerSweeps, ...bareSweeps].map((s) => s.id)]);
const lookupMs = (performance.now() - t0) / 50;
t0 = performance.now();
await client.query("BEGIN");
await client.query(`DELETE FROM "Score" WHERE "sweepId" = $1`, [bareSweeps[0].id]);
await client.query("COMMIT");
const dropMs = performance.now() - t0;
client.release();
console.log(
  `at ${Number(rowsNow).toLocaleString("en")} rows: one token across ${runnerSweeps.length + bareSweeps.length} sweeps ${lookupMs.toFixed(2)} ms; ` +
    `dropping one sweep (${(8 * chunk).toLocaleString("en")} rows) ${dropMs.toFixed(0)} ms`,
);
await pool.end();
await db.$disconnect();
await server.stop();
