// End-to-end sweeps: real demo ONNX model, real Llama 3.1 tokenizer, real PostgreSQL.
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { OnnxBackend } from "../../runner/backends/onnx";
import { loadBundle } from "../../runner/bundle";
import { failureKind } from "../../runner/sweep/errors";
import { sweepBundle, type PromptRef } from "../../runner/sweep/sweepBundle";
import { buildInputSpec, loadTokenizer, spliceIds } from "../../runner/tokenize";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { badBundle, demoBundle, openOnnxCpu, workDir, writeTokenizerAndManifest } from "./bundles";

let t: TestDatabase;
let pool: pg.Pool;
let llamaDemo: string;
let greatest: PromptRef;
let worst: PromptRef;


beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
  llamaDemo = demoBundle("llama3.1");
  greatest = await t.db.prompt.findUniqueOrThrow({ where: { slug: "greatest" } });
  worst = await t.db.prompt.findUniqueOrThrow({ where: { slug: "worst" } });
});
afterAll(async () => {
  await pool.end();
  await t.drop();
});

async function tableCounts() {
  const [{ pending }] = await t.db.$queryRaw<{ pending: number }[]>`SELECT count(*)::int AS pending FROM "PendingScore"`;
  return { models: await t.db.rewardModel.count(), sweeps: await t.db.sweep.count(), scores: await t.db.score.count(), pending, vocab: await t.db.vocabToken.count() };
}

describe("a full-vocabulary sweep", () => {
  it("scores every Llama 3.1 id exactly once, ranks them, and records how inputs were built", async () => {
    const [summary] = await sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir: llamaDemo, prompts: [greatest], openBackend: openOnnxCpu, batchSize: 1024 });
    expect(summary).toMatchObject({ status: "completed", rows: 128_256 });
    const stats = await pool.query(
      `SELECT count(*)::int AS n, count(DISTINCT "tokenId")::int AS ids, min("tokenId") AS lo, max("tokenId") AS hi,
              count(rank)::int AS ranked, min(rank) AS best, max(rank) AS worst_rank
         FROM "Score" WHERE "sweepId" = $1`,
      [summary.sweepId],
    );
    expect(stats.rows[0]).toMatchObject({ n: 128_256, ids: 128_256, lo: 0, hi: 128_255, ranked: 128_256, best: 1 });
    const sweep = await t.db.sweep.findUniqueOrThrow({ where: { id: summary.sweepId } });
    expect(sweep).toMatchObject({ status: "COMPLETED", mode: "ID", tokenCount: 128_256, scoredCount: 128_256, vocabPolicy: "all" });
    expect(sweep.prefixIds.slice(0, 2)).toEqual([128000, 128006]); // BOS exactly once, then the header
    expect(sweep.suffixIds).toEqual([128009]);
    expect(sweep.renderedTemplate).toContain("What, in one word, is the greatest thing ever?");
    expect(await t.db.vocabToken.count({ where: { modelId: sweep.modelId } })).toBe(128_256);

    // Stored scores are what the model gives for prefix + [id] + suffix, row by row.
    const tok = await loadTokenizer(llamaDemo);
    const spec = buildInputSpec(tok, { prompt: greatest.text });
    const bundle = await loadBundle(llamaDemo);
    const backend = await OnnxBackend.open(bundle.dir, bundle.manifest, { device: "cpu" });
    const sample = [0, 13, 791, 3021, 14848, 50000, 128000, 128255];
    const rows = sample.map((id) => spliceIds(spec, id));
    const direct = await backend.score(BigInt64Array.from(rows.flat(), BigInt), rows.length, spec.sequenceLength);
    await backend.close();
    const stored = await pool.query(`SELECT "tokenId", score FROM "Score" WHERE "sweepId" = $1 AND "tokenId" = ANY($2) ORDER BY "tokenId"`, [summary.sweepId, sample]);
    stored.rows.forEach((row, i) => expect(Math.fround(row.score)).toBe(direct[i]));
  });

  it("treats a finished sweep as done unless forced", async () => {
    const before = await tableCounts();
    const [again] = await sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir: llamaDemo, prompts: [greatest], openBackend: openOnnxCpu, batchSize: 1024 });
    expect(again.status).toBe("skipped");
    expect(await tableCounts()).toEqual(before);
    const [forced] = await sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir: llamaDemo, prompts: [greatest], openBackend: openOnnxCpu, batchSize: 1024, force: true });
    expect(forced).toMatchObject({ status: "completed", rows: 128_256, sweepId: again.sweepId });
    expect(await tableCounts()).toEqual(before);
  });

  it("gives the worst prompt its own sweep, and framing changes the scores", async () => {
    const [summary] = await sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir: llamaDemo, prompts: [worst], openBackend: openOnnxCpu, batchSize: 2048, limit: 20_000 });
    const differing = await pool.query(
      `SELECT count(*)::int AS n FROM "Score" w JOIN "Score" g ON g."tokenId" = w."tokenId"
        WHERE w."sweepId" = $1 AND g."sweepId" = (SELECT id FROM "Sweep" WHERE "promptId" = $2 LIMIT 1) AND w.score <> g.score`,
      [summary.sweepId, greatest.id],
    );
    expect(differing.rows[0].n).toBeGreaterThan(19_000);
    const sweep = await t.db.sweep.findUniqueOrThrow({ where: { id: summary.sweepId } });
    expect(sweep.vocabPolicy).toBe("all;first:20000");
  });
});

describe("bad input fails clearly and writes nothing", () => {
  const cases: [string, () => string, RegExp][] = [
    ["NaN/Inf outputs", () => badBundle("non-finite"), /(NaN|Infinity).*token id 13|token id 13.*(NaN|Infinity)|non-finite/i],
    ["a wrong output shape", () => badBundle("per-token-output"), /shape/i],
    ["an embedding smaller than the vocabulary", () => badBundle("small-embedding"), /embedding is smaller than the tokenizer vocabulary/],
    ["a truncated model.onnx", () => badBundle("truncated"), /model\.onnx/],
    ["a tokenizer from another family", () => badBundle("non-finite", { tokenizer: "qwen3" }), /another family|family/],
  ];
  for (const [name, make, message] of cases) {
    it(`${name}`, async () => {
      const before = await tableCounts();
      const error = await sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir: make(), prompts: [greatest], openBackend: openOnnxCpu, batchSize: 512 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(message);
      expect(await tableCounts()).toEqual(before);
    });
  }

  it("a bundle without model.onnx names the missing file", async () => {
    const dir = path.join(workDir(), "no-model");
    mkdirSync(dir);
    writeTokenizerAndManifest(dir, "llama3.1", "no-model");
    await expect(sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir: dir, prompts: [greatest], openBackend: openOnnxCpu })).rejects.toThrow(/model\.onnx: missing/);
  });

  it("a manifest with a bad field names the field", async () => {
    const dir = path.join(workDir(), "bad-manifest");
    mkdirSync(dir);
    copyFileSync(path.join(llamaDemo, "model.onnx"), path.join(dir, "model.onnx"));
    writeTokenizerAndManifest(dir, "llama3.1", "bad-manifest");
    const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8"));
    manifest.reward = { output: "logits", index: -1 };
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
    await expect(sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir: dir, prompts: [greatest], openBackend: openOnnxCpu })).rejects.toThrow(/reward\.index/);
  });
  it("a truncated tokenizer.json is bad input naming the file (it was a runtime failure without a name)", async () => {
    const dir = badBundle("non-finite");
    const { writeFileSync } = await import("node:fs");
    const tokenizerFile = path.join(dir, "tokenizer.json");
    writeFileSync(tokenizerFile, readFileSync(tokenizerFile).subarray(0, 4096));
    const before = await tableCounts();
    const error = await sweepBundle({ db: t.db, databaseUrl: t.url, bundleDir: dir, prompts: [greatest], openBackend: openOnnxCpu }).catch((e: unknown) => e);
    expect(failureKind(error)).toBe("bad-input");
    expect((error as Error).message).toMatch(/tokenizer\.json: not valid JSON/);
    expect(await tableCounts()).toEqual(before);
  });
});
