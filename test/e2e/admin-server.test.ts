// The admin mutations through the production server (`next build` + `next start`), not through
// Apollo in this process: the server bundle is compiled by Turbopack, where module metadata differs
// (import.meta.dirname is undefined there; requestSweep failed as an internal error because of it).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { enqueueSweeps } from "../../runner/queue/enqueue";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { demoBundle, openOnnxCpu } from "../runner/bundles";
import { ensureProductionBuild, startNextServer, type NextServer } from "./harness";

const TOKEN = "e2e-admin-token-0123456789";
const SETTINGS = { leaseSeconds: 30, maxAttempts: 3, maintenanceSeconds: 30, pollSeconds: 1 };
let t: TestDatabase;
let pool: pg.Pool;
let server: NextServer;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
  await ensureProductionBuild();
  server = await startNextServer(t.url, { RA_ADMIN_TOKEN: TOKEN, RA_RATE_LIMIT_PER_SECOND: "0" });
}, 360_000);

afterAll(async () => {
  await server?.stop();
  await pool?.end();
  await t?.drop();
});

async function admin(query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${server.url}/api/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

describe("admin mutations through the production server", () => {
  it("requestSweep queues a model with a known bundle as shards, with the software versions recorded", async () => {
    const bundleDir = demoBundle("llama3.1");
    const greatest = await t.db.prompt.findUniqueOrThrow({ where: { slug: "greatest" } });
    // A queued sweep tells the server where the model's bundle lives (no worker runs here).
    await enqueueSweeps({ db: t.db, pool, databaseUrl: t.url, bundleDir, prompts: [greatest], openBackend: openOnnxCpu, settings: SETTINGS, limit: 4096, shardSize: 2048 });
    const model = await t.db.rewardModel.findFirstOrThrow();

    const result = await admin(`mutation($m: String!) { requestSweep(modelSlug: $m, promptSlug: "worst") { id status } }`, { m: model.slug });
    expect(result.errors, server.output().slice(-2000)).toBeUndefined();
    const { id } = (result.data as { requestSweep: { id: number } }).requestSweep;
    const sweep = await t.db.sweep.findUniqueOrThrow({ where: { id } });
    expect(sweep.bundlePath).toBe(bundleDir);
    expect(await t.db.sweepShard.count({ where: { sweepId: id } })).toBeGreaterThan(1);
    const versions = sweep.softwareVersions as Record<string, string>;
    for (const name of ["reward-atlas", "onnxruntime-node", "@huggingface/tokenizers", "@huggingface/jinja"]) {
      expect(versions[name], name).toMatch(/^\d+\.\d+\.\d+/);
    }

    // Paper mode is never queued: the request is recorded, and the Runs page says how to fulfil it.
    const paper = await admin(`mutation($m: String!) { requestSweep(modelSlug: $m, promptSlug: "best", mode: PAPER) { id isRequest } }`, { m: model.slug });
    expect((paper.data as { requestSweep: { isRequest: boolean } }).requestSweep.isRequest).toBe(true);
    const runs = await (await fetch(`${server.url}/runs`)).text();
    expect(runs).toContain("Requested sweeps");
    expect(runs).toContain("npm run sweep -- --model &lt;bundle&gt; --prompt best --mode paper");
    // The model page lists it as requested, without template details it does not have.
    const { id: requestId } = (paper.data as { requestSweep: { id: number } }).requestSweep;
    const page = await (await fetch(`${server.url}/models/${model.slug}`)).text();
    expect(page).toMatch(/>requested</);
    expect(page).not.toContain(`Sweep <!-- -->${requestId}<!-- -->:`);
    expect(page).toMatch(/Sweep <!-- -->\d+<!-- -->: <!-- -->greatest/);
  });

  it("importResults: a named tokenizer checks the file; a wrong one is BAD_USER_INPUT naming it, and writes nothing", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "ra-e2e-import-")), "scores.csv");
    // Llama 3.1's pieces for ids 0-2 ("!", "\"", "#").
    writeFileSync(file, 'token_id,token_name,token_decoded,greatest,best,worst\n0,!,!,1,2,3\n1,"""","""",4,5,6\n2,#,#,7,8,9\n');
    const query = `mutation($path: String!, $tokenizer: String) {
      importResults(kind: PAPER_SCORES, path: $path, modelId: "someone/rm", tokenizer: $tokenizer) { scores models } }`;
    const scoresBefore = await t.db.score.count();
    const wrong = await admin(query, { path: file, tokenizer: "llama3" });
    expect(wrong.errors?.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect(wrong.errors?.[0].message).toMatch(/tokenizer "llama3": no such folder; give one of llama3_1, qwen3, gemma3/);
    expect(await t.db.score.count()).toBe(scoresBefore);

    const named = await admin(query, { path: file, tokenizer: "llama3_1" });
    expect(named.errors, server.output().slice(-2000)).toBeUndefined();
    expect(named.data).toEqual({ importResults: { scores: 9, models: 1 } });
    expect(await t.db.score.count()).toBe(scoresBefore + 9);
    // The import refreshed the analyses before answering, on the server's analysis threads
    // (a worker entry the bundled server could not find would have failed the mutation).
    const distributions = await pool.query(`SELECT params->>'promptSlug' AS prompt FROM "AnalysisResult" WHERE kind = 'distribution' AND params->>'modelSlug' = 'someone-rm' ORDER BY 1`);
    expect(distributions.rows.map((r) => r.prompt)).toEqual(["best", "greatest", "worst"]);
  });
});
