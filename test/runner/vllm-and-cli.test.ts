// The remote backend end to end (against a server speaking vLLM's documented /classify shapes),
// and the CLI's exit codes: 0 ok, 2 bad input, 1 runtime, 64 usage.
import { spawn, spawnSync } from "node:child_process";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { OnnxBackend } from "../../runner/backends/onnx";
import { VllmBackend } from "../../runner/backends/vllm";
import { loadBundle } from "../../runner/bundle";
import { sweepBundle, withRowProbe } from "../../runner/sweep/sweepBundle";
import { startFakeVllm, type FakeVllmServer } from "../fixtures/fake-vllm/server";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { demoBundle, workDir } from "./bundles";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = ["--import", "tsx", path.join(ROOT, "runner/cli/sweep.ts")];

let t: TestDatabase;
let bundleDir: string;
let onnx: OnnxBackend;

/** The sweep CLI in a child process, without blocking this one (which may be serving a fake vLLM). */
function runCliAsync(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: t.url } });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

let server: FakeVllmServer;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  bundleDir = demoBundle("llama3.1");
  const bundle = await loadBundle(bundleDir);
  onnx = await OnnxBackend.open(bundle.dir, bundle.manifest, { device: "cpu" });
  // The fake server runs the same demo model, and fails its first requests to exercise retries.
  server = await startFakeVllm({
    modelName: "reward-atlas/demo-llama3.1",
    vocabSize: 128_256,
    failFirst: 2,
    scorer: async (rows) => {
      const scores = await onnx.score(BigInt64Array.from(rows.flat(), BigInt), rows.length, rows[0].length);
      return Array.from(scores, (s) => [s]);
    },
  });
});
afterAll(async () => {
  await server.close();
  await onnx.close();
  await t.drop();
});

describe("vLLM backend sweep", () => {
  it("takes the reward from the column the bundle's manifest names (reward.index)", async () => {
    // A two-label classifier: column 0 a decoy, column 1 the reward; the bundle says index 1.
    const twoLabels = await startFakeVllm({
      modelName: "reward-atlas/two-labels",
      vocabSize: 128_256,
      scorer: async (rows) => Array.from(await onnx.score(BigInt64Array.from(rows.flat(), BigInt), rows.length, rows[0].length), (s) => [-s, 2 * s]),
    });
    try {
      const dir = workDir();
      cpSync(bundleDir, dir, { recursive: true });
      const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
      writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ ...manifest, slug: "two-labels", source: "reward-atlas/two-labels", reward: { output: "logits", index: 1 } }));
      const result = await runCliAsync(["--model", dir, "--backend", "vllm", "--vllm-url", twoLabels.url, "--prompt", "greatest", "--limit", "200", "--batch-size", "64", "--no-analyze"]);
      expect(result.status, result.stderr).toBe(0);
      const sweep = await t.db.sweep.findFirstOrThrow({ where: { model: { slug: "two-labels" } } });
      const scores = await t.db.score.findMany({ where: { sweepId: sweep.id }, orderBy: { tokenId: "asc" } });
      const rows = scores.map((s) => [...sweep.prefixIds, s.tokenId, ...sweep.suffixIds]);
      const direct = await onnx.score(BigInt64Array.from(rows.flat(), BigInt), rows.length, rows[0].length);
      expect(scores).toHaveLength(200);
      scores.forEach((s, i) => expect(s.score).toBeCloseTo(2 * direct[i], 4));
    } finally {
      await twoLabels.close();
    }
  });

  it("scores through /classify with retries and stores the same scores as onnxruntime", async () => {
    const greatest = await t.db.prompt.findUniqueOrThrow({ where: { slug: "greatest" } });
    const [summary] = await sweepBundle({
      db: t.db, databaseUrl: t.url, bundleDir, prompts: [greatest], batchSize: 256, limit: 3000,
      openBackend: async () => withRowProbe(await VllmBackend.open({ baseUrl: server.url, rowsPerRequest: 64, initialBackoffMs: 5 })),
    });
    expect(summary).toMatchObject({ status: "completed", rows: 3000 });
    expect(server.classify.filter((r) => r.status === 503).length).toBe(2);
    expect(server.classify.every((r) => r.body.use_activation === false && r.body.add_special_tokens === false)).toBe(true);
    const sweep = await t.db.sweep.findUniqueOrThrow({ where: { id: summary.sweepId } });
    expect(sweep.backend).toBe("vllm");
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    const stored = await client.query(`SELECT "tokenId", score FROM "Score" WHERE "sweepId" = $1 ORDER BY "tokenId"`, [summary.sweepId]);
    await client.end();
    const L = sweep.prefixIds.length + 1 + sweep.suffixIds.length;
    const rows = stored.rows.slice(0, 500).map((r) => [...sweep.prefixIds, r.tokenId, ...sweep.suffixIds]);
    const direct = await onnx.score(BigInt64Array.from(rows.flat(), BigInt), rows.length, L);
    stored.rows.slice(0, 500).forEach((r, i) => expect(Math.fround(r.score)).toBe(direct[i]));
  });
});

describe("sweep CLI exit codes", () => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [...CLI, ...args], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: t.url, ...env }, encoding: "utf8", timeout: 60_000,
    });

  it("2 with a one-line reason for bad input", () => {
    const result = cli(["--model", "/nonexistent/bundle", "--prompt", "greatest"]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(/^sweep: bad input: .*\/nonexistent\/bundle/);
  });

  it("64 for usage errors, listing the known prompts", () => {
    expect(cli(["--model", bundleDir, "--mode", "tokens"]).status).toBe(64);
    const help = cli(["--help"]);
    expect([help.status, help.stderr]).toEqual([0, ""]); // asked for: stdout, success
    expect(help.stdout).toMatch(/^usage: npm run sweep/);
    const unknownOption = cli(["--model", bundleDir, "--bogus"]);
    expect(unknownOption.status).toBe(64);
    expect(unknownOption.stderr).toMatch(/Unknown option '--bogus'.*--help/);
    const unknown = cli(["--model", bundleDir, "--prompt", "nicest"]);
    expect(unknown.status).toBe(64);
    expect(unknown.stderr).toMatch(/unknown prompt nicest \(known: .*greatest.*\)/);
    expect(cli(["--model", bundleDir, "--prefix-cache", "sometimes"]).stderr).toMatch(/--prefix-cache must be auto, on, off/);
    const queued = cli(["--model", bundleDir, "--queue", "--prefix-cache", "off"]);
    expect(queued.status).toBe(64); // a worker setting: each worker measures its own device
    expect(queued.stderr).toMatch(/npm run worker -- --prefix-cache off/);
    const paperQueued = cli(["--model", bundleDir, "--queue", "--mode", "paper", "--force"]);
    expect(paperQueued.status).toBe(64); // refused, not queued as id-mode sweeps
    expect(paperQueued.stderr).toMatch(/--queue cannot take --mode paper .*; --force/);
  });

  it("--all-demo takes the options a --model sweep takes (prompt, limit, batch size)", async () => {
    const demoDir = workDir();
    const before = (await t.db.sweep.aggregate({ _max: { id: true } }))._max.id ?? 0;
    const result = cli(["--all-demo", "--prompt", "worst", "--limit", "300", "--batch-size", "50", "--no-analyze"], { RA_DEMO_DIR: demoDir });
    expect(result.status, result.stderr).toBe(0);
    const sweeps = await t.db.sweep.findMany({ where: { id: { gt: before } }, include: { model: true, prompt: true } });
    expect(sweeps.map((s) => s.model.family).sort()).toEqual(["gemma3", "llama3.1", "qwen3"]);
    for (const sweep of sweeps) expect([sweep.prompt.slug, sweep.status, sweep.tokenCount, sweep.batchSize]).toEqual(["worst", "COMPLETED", 300, 50]);
    const unknown = cli(["--all-demo", "--prompt", "nicest"], { RA_DEMO_DIR: demoDir });
    expect(unknown.status).toBe(64);
  });

  it("1 when the database cannot be reached, naming the variable and host", () => {
    const result = cli(["--model", bundleDir], { DATABASE_URL: "postgresql://u:p@127.0.0.1:1/db" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/DATABASE_URL: cannot reach PostgreSQL at 127\.0\.0\.1:1/);
  });
});

describe("analyze CLI", () => {
  const analyze = (args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "runner/cli/analyze.ts"), ...args], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: t.url }, encoding: "utf8", timeout: 120_000,
    });
  const quick = ["--quiet", "--resamples", "20", "--permutations", "10"];

  it("refreshes on the threads --threads asks for (0: the main thread), the same results either way, and refuses a bad count", async () => {
    const bad = analyze(["--threads", "two"]);
    expect(bad.status).toBe(64);
    expect(bad.stderr).toMatch(/--threads must be a whole number from 0 to 64/);
    // Sweeps of its own, so that there is something to analyse whichever tests ran before.
    const sweep = spawnSync(process.execPath, [...CLI, "--model", bundleDir, "--prompt", "greatest", "--prompt", "best", "--limit", "400", "--no-analyze"], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: t.url }, encoding: "utf8", timeout: 120_000,
    });
    expect(sweep.status, sweep.stderr).toBe(0);
    const results = async () => (await t.db.analysisResult.findMany({ select: { kind: true, inputsKey: true, result: true }, orderBy: [{ kind: "asc" }, { inputsKey: "asc" }] }));

    await t.db.analysisResult.deleteMany();
    const threaded = analyze(["--threads", "2", ...quick]);
    expect(threaded.status, threaded.stderr).toBe(0);
    expect(threaded.stdout).toMatch(/^analyze: [1-9]\d* results computed, 0 unchanged, .* on 2 threads, peak RSS/);
    const fromThreads = await results();

    await t.db.analysisResult.deleteMany();
    const main = analyze(["--threads", "0", ...quick]);
    expect(main.stdout).toMatch(/^analyze: [1-9]\d* results computed, 0 unchanged, .* on the main thread, peak RSS/);
    expect(await results()).toEqual(fromThreads);
  });
});
