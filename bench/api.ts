/**
 * Benchmark: API latency on a full-size database.
 * Run: npx tsx bench/api.ts           Targets: token(text) p95 < 50 ms, ranked page p95 < 100 ms.
 *
 * Data: 10 models x 3 prompts x 150,000 tokens = 4.5 M Score rows (plus 1.5 M VocabToken rows) in
 * a throwaway embedded PostgreSQL (server/db/embedded.ts + migrate.ts). Rows go in by COPY with
 * the two tables' indexes dropped and rebuilt afterwards (their definitions are read back from the
 * catalogue, so they are exactly the migration's); ranks are computed here as rank() would.
 *
 * Server: a plain node:http server in a child process (server/graphql/nodeHttp.ts), running the
 * same executeGraphQLHttp the Next.js route calls (rate limit, admin check, body limit, Apollo with
 * armor, cost limit, error masking). `next start` is not used: it needs a fresh `next build`
 * (minutes on 2 cores); the route adds only Next's request plumbing around the same function. The
 * rate limiter is off (every request comes from 127.0.0.1). NODE_ENV=production, as `next start`.
 *
 * Load: autocannon on 127.0.0.1, 20 connections, 10 s per scenario after a 2 s warm-up:
 *   token(text) across all models with a different text each request;
 *   ranking(first: 50, after: <cursor>) at random positions of random sweeps, TOP and BOTTOM;
 *   the same over each prompt's shared vocabulary (tokens: SHARED, ~60% of each model's ids in a
 *   stored mapping, as a refresh writes it), with totalCount.
 * Latency percentiles are computed from every response time.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { copyText } from "../runner/ingest/copy";
import { normalizeForJoin } from "../runner/tokenize/vocabulary";
import { startEmbeddedPostgres } from "../server/db/embedded";
import { applyMigrations } from "../server/db/migrate";
import { createPrismaClient } from "../server/db/prisma";
import { createApiPrismaClient } from "../server/graphql/apiDatabase";
import { apiConfigFromEnv } from "../server/graphql/config";
import { createNodeGraphQLServer } from "../server/graphql/nodeHttp";
import { createApolloServer } from "../server/graphql/server";
import { encodeRankingCursor } from "../server/rankings/cursor";
import { KINDS } from "../server/insights/keys";
import { scratchDir } from "../scripts/scratchDir";

const MODELS = 10;
const PROMPTS = ["greatest", "best", "worst"] as const;
const VOCAB = 150_000;
const CONNECTIONS = 20;
const DURATION_S = 10;
const WARMUP_S = 2;
const TARGET_TOKEN_P95_MS = 50;
const TARGET_RANKING_P95_MS = 100;
/** Share of each model's ids in the benchmark's shared vocabulary (the demo models share ~60%). */
const SHARED_FRACTION = 0.6;
const ID_STRIDES = [7, 11, 13, 17, 19, 23, 29, 31, 37, 41]; // coprime with 150,000: each a permutation

// ---------------------------------------------------------------------------------------- server
async function serve(url: string): Promise<void> {
  const db = createApiPrismaClient(url, { statementTimeoutMs: 5000, max: 20 });
  const server = createApolloServer({ publicMode: true });
  await server.start();
  const deps = { server, db, config: apiConfigFromEnv({ RA_RATE_LIMIT_PER_SECOND: "0" }), limiter: null };
  const http = createNodeGraphQLServer(deps);
  http.keepAliveTimeout = 30_000;
  http.listen(0, "127.0.0.1", () => {
    const address = http.address();
    process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
  });
}

// ------------------------------------------------------------------------------------------ data
const textOf = (k: number) => `${k % 3 === 1 ? " " : ""}${k % 5 === 0 ? "T" : "t"}ok${k.toString(36)}`;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function copyLines(client: pg.Client, sql: string, lines: () => Generator<string>): Promise<void> {
  await pipeline(Readable.from(lines()), client.query(copyFrom(sql)));
}

/** Drop a table's primary key and indexes; returns the statements that rebuild them as they were. */
async function dropIndexes(client: pg.Client, table: string): Promise<string[]> {
  const pk = await client.query<{ name: string; def: string }>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'p'`,
    [`"${table}"`],
  );
  const indexes = await client.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = $1
      AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = $2::regclass)`,
    [table, `"${table}"`],
  );
  const rebuild: string[] = [];
  for (const { name, def } of pk.rows) {
    await client.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${name}"`);
    rebuild.push(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" ${def}`);
  }
  for (const { name, def } of indexes.rows) {
    await client.query(`DROP INDEX "${name}"`);
    rebuild.push(def);
  }
  return rebuild;
}

interface Loaded {
  sweeps: { id: number; model: string; prompt: string }[];
}

async function loadData(url: string): Promise<Loaded> {
  const db = createPrismaClient(url);
  const prompts = [];
  for (const slug of PROMPTS) prompts.push(await db.prompt.create({ data: { slug, text: `What, in one word, is the ${slug} thing ever?` } }));
  const models: { id: number; slug: string }[] = [];
  for (let m = 0; m < MODELS; m++) {
    models.push(await db.rewardModel.create({ data: { slug: `bench-${m}`, displayName: `Bench ${m}`, source: `bench/model-${m}`, family: "llama3", vocabSize: VOCAB, backend: "onnx" } }));
  }
  const sweeps: Loaded["sweeps"] = [];
  for (const model of models) {
    for (const prompt of prompts) {
      const sweep = await db.sweep.create({
        data: { modelId: model.id, promptId: prompt.id, mode: "ID", settingsKey: `${model.slug}/${prompt.slug}`, tokenCount: VOCAB, scoredCount: VOCAB, backend: "onnx", status: "COMPLETED", finishedAt: new Date() },
      });
      sweeps.push({ id: sweep.id, model: model.slug, prompt: prompt.slug });
    }
  }
  await db.$disconnect();

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("SET maintenance_work_mem = '512MB'");
  const rebuild = [...(await dropIndexes(client, "VocabToken")), ...(await dropIndexes(client, "Score"))];

  await copyLines(client, `COPY "VocabToken" ("modelId", "tokenId", piece, decoded, normalized, "startsWithSpace", "isAlphabetic") FROM STDIN`, function* () {
    for (const [m, model] of models.entries()) {
      let buffer = "";
      for (let id = 0; id < VOCAB; id++) {
        const text = textOf((id * ID_STRIDES[m]) % VOCAB);
        buffer += `${model.id}\t${id}\t${copyText(text.replace(/^ /, "Ġ"))}\t${copyText(text)}\t${copyText(normalizeForJoin(text))}\t${text.startsWith(" ") ? "t" : "f"}\tf\n`;
        if (id % 8192 === 8191) {
          yield buffer;
          buffer = "";
        }
      }
      yield buffer;
    }
  });

  const order = new Uint32Array(VOCAB);
  const ranks = new Int32Array(VOCAB);
  await copyLines(client, `COPY "Score" ("sweepId", "tokenId", score, rank) FROM STDIN`, function* () {
    for (const sweep of sweeps) {
      const random = mulberry32(sweep.id);
      // Coarse values (1/256 steps) make tie groups, as bf16 heads do.
      const scores = Float32Array.from({ length: VOCAB }, () => Math.round((random() + random() + random() - 1.5) * 2048) / 256);
      for (let i = 0; i < VOCAB; i++) order[i] = i;
      order.sort((a, b) => scores[b] - scores[a]);
      for (let i = 0; i < VOCAB; i++) ranks[order[i]] = i > 0 && scores[order[i]] === scores[order[i - 1]] ? ranks[order[i - 1]] : i + 1;
      for (let start = 0; start < VOCAB; start += 8192) {
        let buffer = "";
        for (let id = start; id < Math.min(VOCAB, start + 8192); id++) buffer += `${sweep.id}\t${id}\t${scores[id]}\t${ranks[id]}\n`;
        yield buffer;
      }
    }
  });
  for (const statement of rebuild) await client.query(statement);
  await storeSharedVocabularies(client, models, prompts);
  await client.query(`VACUUM ANALYZE "VocabToken"`);
  await client.query(`VACUUM ANALYZE "Score"`);
  await client.end();
  return { sweeps };
}

/** A shared-vocabulary mapping per prompt, stored as a refresh stores it (server/insights): for each
 * model, a random SHARED_FRACTION of its ids, ascending. */
async function storeSharedVocabularies(client: pg.Client, models: { id: number }[], prompts: { id: number; slug: string }[]): Promise<void> {
  for (const prompt of prompts) {
    const random = mulberry32(prompt.id * 1000);
    const tokenIds = models.map(() => Array.from({ length: VOCAB }, (_, id) => id).filter(() => random() < SHARED_FRACTION));
    await client.query(
      `INSERT INTO "AnalysisResult" (kind, "inputsKey", params, result) VALUES ($1, $2, $3, $4)`,
      [KINDS.sharedVocabMapping, `bench:${prompt.slug}`, JSON.stringify({ scope: `prompt=${prompt.id};norm=PAPER`, promptId: prompt.id, promptSlug: prompt.slug, normalization: "PAPER" }), JSON.stringify({ modelIds: models.map((m) => m.id), tokenIds })],
    );
  }
}

// ------------------------------------------------------------------------------------------ load
interface AutocannonResult {
  errors: number;
  timeouts: number;
  non2xx: number;
  requests: { total: number; average: number };
}
interface AutocannonInstance {
  on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
}
type Autocannon = (
  options: {
    url: string;
    connections: number;
    duration: number;
    method: string;
    headers: Record<string, string>;
    requests: { setupRequest: (request: Record<string, unknown>) => Record<string, unknown> }[];
  },
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

interface Figures {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  failures: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

function run(url: string, duration: number, nextBody: () => string): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    let bad = 0;
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration,
        method: "POST",
        headers: { "content-type": "application/json" },
        requests: [{ setupRequest: (request) => ({ ...request, body: nextBody() }) }],
      },
      (error, result) => {
        if (error) return reject(error);
        times.sort((a, b) => a - b);
        resolve({
          requests: result.requests.total,
          rps: result.requests.average,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          p99: percentile(times, 99),
          failures: result.errors + result.timeouts + result.non2xx + bad,
        });
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime);
      if (statusCode !== 200) bad++;
    });
  });
}

const TOKEN_QUERY = `query($text: String!) { token(text: $text) { matches { tokenId decoded model { slug } scores { score rank percentile tokenCount prompt { slug } } } } }`;
const RANKING_QUERY = `query($model: String!, $prompt: String!, $order: RankOrder, $after: String, $tokens: RankingTokens) {
  ranking(modelSlug: $model, promptSlug: $prompt, order: $order, first: 50, after: $after, tokens: $tokens) {
    totalCount edges { cursor node { tokenId decoded score rank percentile } } pageInfo { hasNextPage endCursor } } }`;

async function rankingCursors(url: string, sweeps: Loaded["sweeps"], count: number, tokens: "ALL" | "SHARED" = "ALL"): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const random = mulberry32(42);
  const bodies: string[] = [];
  for (let i = 0; i < count; i++) {
    const sweep = sweeps[Math.floor(random() * sweeps.length)];
    const tokenId = Math.floor(random() * VOCAB);
    const order = i % 2 ? "TOP" : "BOTTOM";
    const row = await client.query<{ score: number }>(`SELECT score::float8 AS score FROM "Score" WHERE "sweepId" = $1 AND "tokenId" = $2`, [sweep.id, tokenId]);
    const after = encodeRankingCursor(sweep.id, order, { score: row.rows[0].score, tokenId });
    bodies.push(JSON.stringify({ query: RANKING_QUERY, variables: { model: sweep.model, prompt: sweep.prompt, order, after, tokens } }));
  }
  await client.end();
  return bodies;
}

function cycle(items: string[]): () => string {
  let i = 0;
  return () => items[i++ % items.length];
}

// ------------------------------------------------------------------------------------------ main
async function main(): Promise<void> {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
  const pgServer = await startEmbeddedPostgres({ dataDir: path.join(scratchDir("ra-bench-api-"), "pg"), port: 0, persistent: false, fast: true });
  let child: ChildProcess | undefined;
  try {
    await applyMigrations(pgServer.url);
    const loaded = await loadData(pgServer.url);
    console.log(`data: ${MODELS} models x ${PROMPTS.length} prompts x ${VOCAB.toLocaleString("en")} tokens = ${(MODELS * PROMPTS.length * VOCAB).toLocaleString("en")} scores, loaded in ${seconds()} s`);

    child = fork(fileURLToPath(import.meta.url), ["--serve"], {
      // NODE_ENV=production as under `next start` (graphql-js skips its development-only checks).
      env: { ...process.env, NODE_ENV: "production", BENCH_DATABASE_URL: pgServer.url },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      execArgv: [...process.execArgv, ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [])],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child?.once("message", (message) => resolve((message as { port: number }).port));
      child?.once("exit", (code) => reject(new Error(`API server exited (${code})`)));
    });
    const url = `http://127.0.0.1:${port}/api/graphql`;

    const random = mulberry32(7);
    const texts = Array.from({ length: 5000 }, () => JSON.stringify({ query: TOKEN_QUERY, variables: { text: textOf(Math.floor(random() * VOCAB)) } }));
    const rankingBodies = await rankingCursors(pgServer.url, loaded.sweeps, 2000);
    const sharedBodies = await rankingCursors(pgServer.url, loaded.sweeps, 2000, "SHARED");

    const scenarios = [
      { name: "token(text), 10 models x 3 prompts", bodies: texts, target: TARGET_TOKEN_P95_MS },
      { name: "ranking page (first: 50, after: cursor)", bodies: rankingBodies, target: TARGET_RANKING_P95_MS },
      { name: "ranking page over the shared vocabulary (tokens: SHARED)", bodies: sharedBodies, target: TARGET_RANKING_P95_MS },
    ];
    let allPass = true;
    for (const scenario of scenarios) {
      await run(url, WARMUP_S, cycle(scenario.bodies));
      const figures = await run(url, DURATION_S, cycle(scenario.bodies));
      const pass = figures.p95 < scenario.target && figures.failures === 0;
      allPass &&= pass;
      console.log(
        `${scenario.name}: ${figures.requests} requests (${figures.rps.toFixed(0)}/s, ${CONNECTIONS} connections, ${DURATION_S} s), ` +
          `p50 ${figures.p50.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms, p99 ${figures.p99.toFixed(1)} ms, failures ${figures.failures} ` +
          `-> ${pass ? "PASS" : "FAIL"} (target p95 < ${scenario.target} ms)`,
      );
    }
    console.log(`${allPass ? "PASS" : "FAIL"} (total ${seconds()} s)`);
    if (!allPass) process.exitCode = 1;
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGINT");
      await exited;
    }
    await pgServer.stop();
  }
}

if (process.argv.includes("--serve")) {
  process.once("SIGINT", () => process.exit(0));
  await serve(process.env.BENCH_DATABASE_URL ?? "");
} else {
  await main();
}
