import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { importCandidateTable } from "../../runner/import/candidateTable";
import { ImportError } from "../../runner/import/errors";
import { slugForModelId } from "../../runner/import/importedModels";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { ELO_FILES, sharedData } from "../helpers/sharedData";

let t: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  pool = new pg.Pool({ connectionString: t.url, max: 2 });
});
afterAll(async () => {
  await pool.end();
  await t.drop();
});

async function counts() {
  return {
    items: await t.db.candidateItem.count(),
    scores: await t.db.candidateScore.count(),
    models: await t.db.rewardModel.count(),
    prompts: await t.db.prompt.count(),
  };
}

describe("EloEverything import", () => {
  it("stores 7,530 items x 10 models for each of the three files, exactly", async () => {
    for (const name of ELO_FILES) {
      const result = await importCandidateTable(pool, { file: sharedData("paper-eloeverything", name) });
      expect(result).toMatchObject({ items: 7530, models: 10, scores: 75_300 });
    }
    expect(await t.db.candidateItem.count()).toBe(7530);
    expect(await t.db.candidateScore.count()).toBe(3 * 75_300);
    // "greatest" maps onto the seeded paper prompt; the other two become new prompts.
    const greatest = await t.db.prompt.findUniqueOrThrow({ where: { slug: "greatest" } });
    expect(await t.db.candidateScore.count({ where: { promptId: greatest.id } })).toBe(75_300);

    // Spot-check values against an independent parse of the file, for every model column.
    const file = sharedData("paper-eloeverything", ELO_FILES[0]);
    const rows: Record<string, string>[] = parse(readFileSync(file), { columns: true });
    const header = Object.keys(rows[0]).slice(4);
    for (const index of [0, 1, 2017, 7529]) {
      const item = await t.db.candidateItem.findFirstOrThrow({ where: { position: index } });
      expect(item.text).toBe(rows[index].name);
      expect(item.humanScore).toBe(Number(rows[index].elo_score));
      expect(item.humanRank).toBe(Number(rows[index].elo_rank));
      for (const modelId of header) {
        const model = await t.db.rewardModel.findUniqueOrThrow({ where: { slug: slugForModelId(modelId) } });
        const score = await t.db.candidateScore.findUniqueOrThrow({
          where: { itemId_modelId_promptId: { itemId: item.id, modelId: model.id, promptId: greatest.id } },
        });
        expect(score.score).toBe(Number(rows[index][modelId]));
      }
    }
  });

  it("is idempotent: importing a file again replaces, never duplicates", async () => {
    const before = await counts();
    await importCandidateTable(pool, { file: sharedData("paper-eloeverything", ELO_FILES[1]) });
    expect(await counts()).toEqual(before);
  });

  it("rejects a NaN score with file, line and column, and writes nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ra-import-"));
    const lines = readFileSync(sharedData("paper-eloeverything", ELO_FILES[0]), "utf8").split("\n");
    const cells = lines[5000].split(",");
    cells[7] = "NaN";
    lines[5000] = cells.join(",");
    const file = path.join(dir, "corrupted-prompt.csv");
    writeFileSync(file, lines.join("\n"));
    const before = await counts();
    const error = await importCandidateTable(pool, { file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toContain(`${file}:5001`);
    expect((error as Error).message).toMatch(/column "Skywork\/Skywork-Reward-Llama-3.1-8B-v0.2".*"NaN" is not a finite number/);
    expect(await counts()).toEqual(before);
  });

  it("rejects malformed CSV and a file whose items differ from the stored set, writing nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ra-import-"));
    const before = await counts();
    const broken = path.join(dir, "broken.csv");
    writeFileSync(broken, 'elo_rank,elo_score,name,elo_matches,m/a\n1,10,"unterminated,3,0.5\n');
    await expect(importCandidateTable(pool, { file: broken })).rejects.toThrow(/broken\.csv.*malformed CSV/);
    const missing = path.join(dir, "missing.csv");
    writeFileSync(missing, "rank,score,name\n1,2,x\n");
    await expect(importCandidateTable(pool, { file: missing })).rejects.toThrow(/missing column\(s\) "elo_rank", "elo_score", "elo_matches"/);
    const other = path.join(dir, "other-items.csv");
    writeFileSync(other, "elo_rank,elo_score,name,elo_matches,m/a\n1,10,Tea,3,0.5\n2,9,Coffee,3,0.25\n");
    await expect(importCandidateTable(pool, { file: other })).rejects.toThrow(/2 items differ from the 7530 already stored/);
    expect(await counts()).toEqual(before);
  });
});
