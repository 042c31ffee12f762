// Hostile result files: each is refused with an error naming file, line and column, and leaves the
// database as it was (row counts of every table the importers write).
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCandidateTable } from "../../runner/import/candidateTable";
import { ImportError } from "../../runner/import/errors";
import { importPaperScores } from "../../runner/import/paperScores";
import { importBncFrequencies } from "../../runner/import/wordFrequencies";
import { seedApiData } from "../api/seed";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

let t: TestDatabase;
let pool: pg.Pool;
const dir = mkdtempSync(path.join(tmpdir(), "ra-hostile-"));
const HEADER = "token_id,token_name,token_decoded,greatest,best,worst\n";
const ELO_HEADER = "elo_rank,elo_score,name,elo_matches";

beforeAll(async () => {
  t = await createTestDatabase();
  await seedApiData(t.db);
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
});
afterAll(async () => {
  await pool.end();
  await t.drop();
});

function write(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** Row counts and a checksum of the vocabulary and scores: what "unchanged" means here. */
async function snapshot() {
  const { rows } = await pool.query(`SELECT
    (SELECT count(*) FROM "RewardModel")::int AS models, (SELECT count(*) FROM "Prompt")::int AS prompts,
    (SELECT count(*) FROM "Sweep")::int AS sweeps, (SELECT count(*) FROM "VocabToken")::int AS vocab,
    (SELECT md5(string_agg("modelId" || ':' || "tokenId" || ':' || decoded, ',' ORDER BY "modelId", "tokenId")) FROM "VocabToken") AS "vocabSum",
    (SELECT count(*) FROM "Score")::int AS scores, (SELECT count(*) FROM "CandidateSet")::int AS sets,
    (SELECT count(*) FROM "CandidateItem")::int AS items, (SELECT count(*) FROM "CandidateScore")::int AS "candidateScores",
    (SELECT count(*) FROM "WordFrequency")::int AS frequencies`);
  return rows[0] as Record<string, unknown>;
}

async function refused(run: () => Promise<unknown>, message: RegExp): Promise<void> {
  const before = await snapshot();
  const error = await run().then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ImportError);
  expect((error as Error).message).toMatch(message);
  expect(await snapshot()).toEqual(before);
}

describe("paper per-token files", () => {
  it("refuses a model id that names a model swept here, keeping its vocabulary", async () => {
    const file = write("alpha.csv", HEADER + "0,a,a,1,2,3\n1,b,b,1,2,3\n");
    await refused(() => importPaperScores(pool, { file, modelId: "Alpha" }), /alpha\.csv: model id "Alpha" is stored as "alpha", a model swept here \(backend onnx\)/);
  });

  it("refuses token ids beyond int4 and scores beyond float32, naming the cell", async () => {
    await refused(
      () => importPaperScores(pool, { file: write("ids.csv", HEADER + "0,a,a,1,2,3\n4294967296,b,b,1,2,3\n"), modelId: "x/ids" }),
      /ids\.csv:3 \(column "token_id"\): "4294967296" is not a token id/,
    );
    await refused(
      () => importPaperScores(pool, { file: write("max.csv", HEADER + "2147483647,b,b,1,2,3\n"), modelId: "x/max" }),
      /max\.csv:2 \(column "token_id"\)/,
    );
    await refused(
      () => importPaperScores(pool, { file: write("f32.csv", HEADER + "0,a,a,1,2,3\n1,b,b,1,-1e39,3\n"), modelId: "x/f32" }),
      /f32\.csv:3 \(column "best"\): -1e39 is beyond the float32 range/,
    );
  });

  it("accepts only decimal numbers (no hex, binary or blank cells)", async () => {
    await refused(
      () => importPaperScores(pool, { file: write("hex.csv", HEADER + "0x10,a,a,1,2,3\n"), modelId: "x/hex" }),
      /hex\.csv:2 \(column "token_id"\): "0x10" is not a finite number/,
    );
    await refused(
      () => importPaperScores(pool, { file: write("bin.csv", HEADER + "1,a,a,0b1,2,3\n"), modelId: "x/bin" }),
      /bin\.csv:2 \(column "greatest"\): "0b1" is not a finite number/,
    );
  });

  it("refuses a repeated or unnamed header column and a model id without a slug", async () => {
    await refused(
      () => importPaperScores(pool, { file: write("dup.csv", "token_id,token_name,token_decoded,greatest,best,worst,best\n0,a,a,1,2,3,4\n"), modelId: "x/dup" }),
      /dup\.csv:1: column "best" appears twice in the header/,
    );
    await refused(() => importPaperScores(pool, { file: write("ok.csv", HEADER + "0,a,a,1,2,3\n"), modelId: "!!!" }), /ok\.csv: model id "!!!" gives no usable slug/);
  });

  it("refuses a directory or an unreadable path at once instead of hanging", async () => {
    const folder = path.join(dir, "folder.csv");
    mkdirSync(folder);
    await refused(() => importPaperScores(pool, { file: folder, modelId: "x/dir" }), /folder\.csv: not a regular file/);
  }, 10_000);
});

describe("candidate-set tables", () => {
  it("refuses an empty model column, two columns of one model, a hostile file name or set slug", async () => {
    await refused(() => importCandidateTable(pool, { file: write("trailing.csv", `${ELO_HEADER},m/a,\n1,10,Tea,3,0.5,0.7\n`) }), /trailing\.csv:1: column 6 of the header has no name/);
    await refused(
      () => importCandidateTable(pool, { file: write("same.csv", `${ELO_HEADER},Org/M,org/m\n1,10,Tea,3,0.5,0.7\n`) }),
      /same\.csv:1 \(column "org\/m"\): model columns "Org\/M" and "org\/m" are the same model \("org-m"\)/,
    );
    await refused(() => importCandidateTable(pool, { file: write("<b>x (1).csv", `${ELO_HEADER},m/a\n1,10,Tea,3,0.5\n`) }), /prompt slug "<b>x \(1\)" \(from the file name\)/);
    await refused(() => importCandidateTable(pool, { file: write("ok-set.csv", `${ELO_HEADER},m/a\n1,10,Tea,3,0.5\n`), setSlug: "../x" }), /candidate set slug "\.\.\/x"/);
  });

  it("refuses an over-long item name and an over-long record with their line", async () => {
    await refused(
      () => importCandidateTable(pool, { file: write("long-name.csv", `${ELO_HEADER},m/a\n1,10,Tea,3,0.5\n2,9,${"x".repeat(5000)},3,0.4\n`) }),
      /long-name\.csv:3 \(column "name"\): item name longer than 1000 bytes/,
    );
    await refused(
      () => importCandidateTable(pool, { file: write("huge-line.csv", `${ELO_HEADER},m/a\n1,10,"${"y".repeat(2 << 20)}",3,0.5\n`) }),
      /huge-line\.csv:2: a record longer than 1048576 bytes/,
    );
  });
});

describe("word-frequency list", () => {
  const rows = Array.from({ length: 1200 }, (_, i) => `\tw${i}\tNoC\t:\t${i + 1}\t1\t1`).join("\n");

  it("names a missing file or a directory as bad input", async () => {
    await refused(() => importBncFrequencies(pool, { file: path.join(dir, "absent.txt") }), /absent\.txt: file not found/);
    await refused(() => importBncFrequencies(pool, { file: dir }), /: not a regular file/);
  });

  it("refuses a frequency that is not a number, naming the line, and keeps the stored list", async () => {
    await importBncFrequencies(pool, { file: write("good.txt", rows), source: "bnc-strict" });
    for (const cell of ["nan", "1e999", "-3", "12abc", "Infinity"]) {
      const file = write(`bad-${cell}.txt`, `\tWord\tPoS\t\tFreq\tRa\tDisp\n${rows}\n\tfurther*\tAdj\t[see far]\n\todd\tNoC\t:\t${cell}\t1\t1\n`);
      await refused(
        () => importBncFrequencies(pool, { file, source: "bnc-strict" }),
        new RegExp(`bad-${cell}\\.txt:1203: frequency "${cell}" for "odd": expected digits`),
      );
    }
    const blank = write("bad-blank.txt", `${rows}\n\todd\tNoC\t:\t\t1\t1\n`);
    await refused(() => importBncFrequencies(pool, { file: blank, source: "bnc-strict" }), /bad-blank\.txt:1201: no frequency for "odd"/);
    const { rows: stored } = await pool.query(`SELECT count(*)::int AS n FROM "WordFrequency" WHERE source = 'bnc-strict'`);
    expect(stored).toEqual([{ n: 1200 }]);
  });

  it("reads a UTF-8 copy as UTF-8 and the Latin-1 original as Latin-1", async () => {
    await importBncFrequencies(pool, { file: write("utf8.txt", `${rows}\n\tcafé\tNoC\t:\t5\t1\t1\n`), source: "bnc-utf8" });
    writeFileSync(path.join(dir, "latin1.txt"), Buffer.from(`${rows}\n\tcafé\tNoC\t:\t5\t1\t1\n`, "latin1"));
    await importBncFrequencies(pool, { file: path.join(dir, "latin1.txt"), source: "bnc-latin1" });
    const { rows: words } = await pool.query(`SELECT source, word FROM "WordFrequency" WHERE word LIKE 'caf%' ORDER BY source`);
    expect(words).toEqual([
      { source: "bnc-latin1", word: "café" },
      { source: "bnc-utf8", word: "café" },
    ]);
  });
});
