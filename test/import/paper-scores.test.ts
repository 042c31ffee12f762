// The release's per-token format, generated here from a real tokenizer (the real files are too
// large to ship): every id of Llama 3.1 with its piece and decoded text, three score columns.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { importPaperScores } from "../../runner/import/paperScores";
import { ImportError } from "../../runner/import/errors";
import { loadTokenizer, type RewardTokenizer } from "../../runner/tokenize";
import { FIXTURE_TOKENIZER_DIRS } from "../../runner/tokenize/fixtures";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const quote = (v: string | number) => `"${String(v).replace(/"/g, '""')}"`;
const scoreOf = (id: number, column: number) => Math.fround(Math.sin(id * (column + 1) * 0.001) * 10);

let t: TestDatabase;
let pool: pg.Pool;
let llama: RewardTokenizer;
let file: string;
const dir = mkdtempSync(path.join(tmpdir(), "ra-paper-"));

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
  llama = await loadTokenizer(FIXTURE_TOKENIZER_DIRS.llama3_1);
  const lines = ["token_id,token_name,token_decoded,greatest,best,worst"];
  for (let id = 0; id < llama.vocabSize; id++) {
    lines.push([id, quote(llama.piece(id)), quote(llama.decode([id])), scoreOf(id, 0), scoreOf(id, 1), scoreOf(id, 2)].join(","));
  }
  file = path.join(dir, "Ray2333_GRM-Llama3.2-3B-rewardmodel-ft.csv");
  writeFileSync(file, lines.join("\n") + "\n");
});
afterAll(async () => {
  await pool.end();
  await t.drop();
});

describe("paper per-token score import", () => {
  it("loads a whole Llama 3.1 vocabulary as three ranked, completed sweeps keyed by token id", async () => {
    const result = await importPaperScores(pool, { file, modelId: "Ray2333/GRM-Llama3.2-3B-rewardmodel-ft", tokenizer: llama });
    expect(result.tokens).toBe(llama.vocabSize);
    expect(result.sweeps.map((s) => s.prompt)).toEqual(["greatest", "best", "worst"]);
    const sweeps = await t.db.sweep.findMany({ include: { prompt: true }, orderBy: { id: "asc" } });
    expect(sweeps.map((s) => [s.prompt.slug, s.mode, s.status, s.tokenCount])).toEqual([
      ["greatest", "IMPORTED", "COMPLETED", 128_256],
      ["best", "IMPORTED", "COMPLETED", 128_256],
      ["worst", "IMPORTED", "COMPLETED", 128_256],
    ]);
    const stats = await pool.query(
      `SELECT count(*)::int AS n, count(DISTINCT "tokenId")::int AS ids, min(rank) AS top, count(rank)::int AS ranked
         FROM "Score" WHERE "sweepId" = $1`,
      [sweeps[2].id],
    );
    expect(stats.rows[0]).toEqual({ n: 128_256, ids: 128_256, top: 1, ranked: 128_256 });
    // Values survive exactly (float32), and rank 1 is the maximum.
    const some = await pool.query(`SELECT "tokenId", score FROM "Score" WHERE "sweepId" = $1 AND "tokenId" IN (0, 791, 128000)`, [sweeps[1].id]);
    for (const row of some.rows) expect(Math.fround(row.score)).toBe(scoreOf(row.tokenId, 1));
    const top = await pool.query(`SELECT "tokenId" FROM "Score" WHERE "sweepId" = $1 AND rank = 1`, [sweeps[0].id]);
    let best = 0;
    for (let id = 1; id < llama.vocabSize; id++) if (scoreOf(id, 0) > scoreOf(best, 0)) best = id;
    expect(top.rows.map((r) => r.tokenId)).toContain(best);
    // Hostile token text is stored as data: the tab, newline and backslash pieces round-trip.
    const newline = llama.encode("\n", { addSpecialTokens: false })[0];
    const vocab = await t.db.vocabToken.findUniqueOrThrow({ where: { modelId_tokenId: { modelId: sweeps[0].modelId, tokenId: newline } } });
    expect(vocab.decoded).toBe("\n");
  });

  it("rejects a file checked against a tokenizer of another family, writing nothing", async () => {
    const qwen = await loadTokenizer(FIXTURE_TOKENIZER_DIRS.qwen3);
    const before = await t.db.score.count();
    const error = await importPaperScores(pool, { file, modelId: "someone/other-model", tokenizer: qwen }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(/token_name .* is not tokenizer .* piece .* another model family/);
    expect(await t.db.score.count()).toBe(before);
    expect(await t.db.rewardModel.findUnique({ where: { slug: "someone-other-model" } })).toBeNull();
  });

  it("names the line of a non-finite score and of a duplicated id", async () => {
    const bad = path.join(dir, "bad.csv");
    writeFileSync(bad, 'token_id,token_name,token_decoded,greatest,best,worst\n0,"a","a",1,2,3\n1,"b","b",1,inf,3\n');
    await expect(importPaperScores(pool, { file: bad, modelId: "x/y" })).rejects.toThrow(/bad\.csv:3 \(column "best"\): "inf" is not a finite number/);
    writeFileSync(bad, 'token_id,token_name,token_decoded,greatest,best,worst\n0,"a","a",1,2,3\n0,"b","b",1,2,3\n');
    await expect(importPaperScores(pool, { file: bad, modelId: "x/y" })).rejects.toThrow(/bad\.csv:3 \(column "token_id"\): token id 0 appears twice/);
  });

  it("a different file for the same model replaces its results: the earlier file's sweeps and scores go", async () => {
    const first = path.join(dir, "first.csv");
    const second = path.join(dir, "second.csv");
    const head = "token_id,token_name,token_decoded,greatest,best,worst\n";
    writeFileSync(first, head + '0,"a","a",1,2,3\n1,"b","b",4,5,6\n2,"c","c",7,8,9\n');
    writeFileSync(second, head + '0,"x","x",3,2,1\n1,"y","y",6,5,4\n');
    const modelId = "someone/re-imported";
    const once = await importPaperScores(pool, { file: first, modelId });
    // The same file again keeps its sweeps (same ids), then the other file replaces them.
    expect((await importPaperScores(pool, { file: first, modelId })).sweeps).toEqual(once.sweeps);
    const replaced = await importPaperScores(pool, { file: second, modelId });
    const model = await t.db.rewardModel.findUniqueOrThrow({ where: { slug: "someone-re-imported" } });
    const sweeps = await t.db.sweep.findMany({ where: { modelId: model.id }, select: { id: true, tokenCount: true }, orderBy: { id: "asc" } });
    expect(sweeps).toEqual(replaced.sweeps.map((s) => ({ id: s.sweepId, tokenCount: 2 })));
    expect(await t.db.score.count({ where: { sweepId: { in: once.sweeps.map((s) => s.sweepId) } } })).toBe(0);
    expect(await t.db.score.count({ where: { sweepId: { in: replaced.sweeps.map((s) => s.sweepId) } } })).toBe(6);
    expect((await t.db.vocabToken.findMany({ where: { modelId: model.id }, orderBy: { tokenId: "asc" } })).map((v) => v.decoded)).toEqual(["x", "y"]);
    // The model's vocabulary size and tokenizer are the second file's (it had none).
    expect(model).toMatchObject({ vocabSize: 2, tokenizerFingerprint: null });
  });

  it("skips an unnamed column (a pandas index) and refuses a model id with a control character", async () => {
    const indexed = path.join(dir, "indexed.csv");
    writeFileSync(indexed, ',token_id,token_name,token_decoded,greatest,best,worst\n0,0,"a","a",1,2,3\n1,1,"b","b",4,5,6\n');
    expect((await importPaperScores(pool, { file: indexed, modelId: "someone/indexed" })).tokens).toBe(2);
    const before = await t.db.rewardModel.count();
    await expect(importPaperScores(pool, { file: indexed, modelId: "someone/\u0000x" })).rejects.toThrow(/indexed\.csv: model id "someone\/\\u0000x" contains a control character/);
    expect(await t.db.rewardModel.count()).toBe(before);
  });
});
