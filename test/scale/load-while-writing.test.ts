// The API under load (autocannon, 20 connections, bounded, loopback only) while two workers write a
// full-vocabulary sweep: no 5xx, latency reported.
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { apiConfigFromEnv } from "../../server/graphql/config";
import { createApiPrismaClient } from "../../server/graphql/apiDatabase";
import { createNodeGraphQLServer } from "../../server/graphql/nodeHttp";
import { createApolloServer } from "../../server/graphql/server";
import { enqueueSweeps } from "../../runner/queue/enqueue";
import { sweepBundle } from "../../runner/sweep/sweepBundle";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { demoBundle, openOnnxCpu } from "../runner/bundles";
import { startWorker, waitFor, type WorkerProcess } from "./workers";

interface Result { errors: number; timeouts: number; non2xx: number; requests: { total: number }; latency: { p50: number; p97_5: number; p99: number } }
type Instance = { on(event: "response", listener: (client: unknown, status: number, bytes: number, ms: number) => void): void };
const autocannon = createRequire(import.meta.url)("autocannon") as (opts: Record<string, unknown>, done: (e: Error | null, r: Result) => void) => Instance;

let t: TestDatabase;
let pool: pg.Pool;
const workers: WorkerProcess[] = [];
let close: () => Promise<void> = async () => {};

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  pool = new pg.Pool({ connectionString: t.url, max: 3 });
});
afterAll(async () => {
  for (const w of workers) w.child.kill("SIGKILL");
  await close();
  await pool.end();
  await t.drop();
});

describe("API load while a sweep is writing", () => {
  it("answers every request without a 5xx", { timeout: 180_000 }, async () => {
    const bundleDir = demoBundle("llama3.1");
    const greatest = await t.db.prompt.findUniqueOrThrow({ where: { slug: "greatest" } });
    await sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir, prompts: [greatest], openBackend: openOnnxCpu, batchSize: 1024 });

    const db = createApiPrismaClient(t.url, { statementTimeoutMs: 5000, max: 10 });
    const apollo = createApolloServer({ publicMode: true });
    await apollo.start();
    const http = createNodeGraphQLServer({ server: apollo, db, config: apiConfigFromEnv({ RA_RATE_LIMIT_PER_SECOND: "0" }), limiter: null });
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    close = async () => {
      await new Promise((resolve) => http.close(resolve));
      await apollo.stop();
      await db.$disconnect();
    };
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/api/graphql`;

    // Writers: a queued full-vocabulary sweep of another prompt, two worker processes.
    const worst = await t.db.prompt.findUniqueOrThrow({ where: { slug: "worst" } });
    const [queued] = await enqueueSweeps({ db: t.db, pool, databaseUrl: t.url, bundleDir, prompts: [worst], openBackend: openOnnxCpu, shardSize: 4096, batchSize: 64 });
    workers.push(startWorker(t.url, "load-w1"), startWorker(t.url, "load-w2"));
    await waitFor("writing to start", async () => (await t.db.sweep.findUniqueOrThrow({ where: { id: queued.sweepId } })).scoredCount > 0, 60_000, 50);

    const words = [" love", "love", " hate", " peace", " war", "the", " the", "<script>", " freedom", " money"];
    let k = 0;
    const times: number[] = [];
    const result = await new Promise<Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url, connections: 20, duration: 6, method: "POST", headers: { "content-type": "application/json" },
          requests: [{ setupRequest: (request: Record<string, unknown>) => ({ ...request, body: JSON.stringify({
            query: "query($t: String!) { token(text: $t) { matches { tokenId model { slug } scores { score rank percentile prompt { slug } } } } }",
            variables: { t: words[k++ % words.length] },
          }) }) }],
        },
        (error, r) => (error ? reject(error) : resolve(r)),
      );
      instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
    });
    times.sort((a, b) => a - b);
    const p95 = times[Math.ceil(0.95 * times.length) - 1];
    const during = await t.db.sweep.findUniqueOrThrow({ where: { id: queued.sweepId } });
    console.log(
      `API under load while writing: ${result.requests.total} requests, p50 ${result.latency.p50} ms, p95 ${p95.toFixed(0)} ms, ` +
        `p99 ${result.latency.p99} ms; sweep at ${during.scoredCount}/${during.tokenCount} when the load ended`,
    );
    expect(result.requests.total).toBeGreaterThan(100);
    expect(result.errors).toBe(0);
    expect(result.timeouts).toBe(0);
    expect(result.non2xx).toBe(0);
  });
});
