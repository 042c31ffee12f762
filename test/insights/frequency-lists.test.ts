// The paper's BNC word-frequency list (../shared/data/bnc-frequency, the real file) imported beside
// the built-in SUBTLEX-US: the refresh computes frequency bias under it per sweep, read with
// `frequencyList:`, equal to server/analysis applied to the same list; the default stays SUBTLEX-US.
// A file that is not the list is refused naming the file and writes nothing.
import { writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { afinnLexicon, DEFAULT_MATCH_OPTIONS, frequencyBias, readBncFrequencyFile } from "../../server/analysis";
import { refreshInsights } from "../../server/insights/refresh";
import { importBncFrequencies } from "../../runner/import/wordFrequencies";
import type { TestDatabase } from "../helpers/db";
import { sharedData } from "../helpers/sharedData";
import { workDir } from "../runner/bundles";
import { DEMO_SLUGS, demoLlamaDatabase, execute, TEST_OPTIONS, type DirectSweep } from "./helpers";

const BNC_FILE = sharedData("bnc-frequency", "1_1_all_alpha.txt");
const LLAMA = DEMO_SLUGS["llama3.1"];
const resampling = { resamples: TEST_OPTIONS.resamples, seed: 20250611 };

let t: TestDatabase;
let pool: pg.Pool;
let llama: DirectSweep;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ t, pool, llama, close } = await demoLlamaDatabase());
});
afterAll(() => close());

interface Bias {
  model: { slug: string };
  source: string;
  matchedTokens: number;
  logFrequency: { estimate: number; low: number; high: number };
}

async function frequencyBiasOf(list: string | null): Promise<Bias[]> {
  const result = await execute<{ frequencyBias: Bias[]; analysisLists: { frequencyLists: string[] } }>(
    t.db,
    `{ frequencyBias(promptSlug: "greatest"${list ? `, frequencyList: "${list}"` : ""}) { model { slug } source matchedTokens logFrequency { estimate low high } } }`,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.frequencyBias;
}

describe("imported frequency lists", () => {
  it("computes frequency bias under the paper's BNC list, read by name, the default unchanged", async () => {
    await refreshInsights(pool, TEST_OPTIONS);
    const before = await frequencyBiasOf(null);
    expect(before.map((b) => b.source)).toEqual(["SUBTLEX-US (case-folded)"]);

    expect(await importBncFrequencies(pool, { file: BNC_FILE })).toEqual({ source: "bnc", words: expect.any(Number) });
    await refreshInsights(pool, TEST_OPTIONS);
    const lists = await execute<{ analysisLists: { frequencyLists: string[] } }>(t.db, `{ analysisLists { frequencyLists } }`);
    expect(lists.data?.analysisLists.frequencyLists).toEqual(["subtlex-us", "bnc"]);

    const [bnc] = await frequencyBiasOf("bnc");
    const direct = frequencyBias(llama.scores, llama.texts, afinnLexicon(), readBncFrequencyFile(BNC_FILE, { caseFold: true }), { ...DEFAULT_MATCH_OPTIONS, ...resampling });
    expect(bnc).toEqual({
      model: { slug: LLAMA },
      source: "bnc",
      matchedTokens: direct.n,
      logFrequency: { estimate: direct.logFrequency.estimate, low: direct.logFrequency.lower, high: direct.logFrequency.upper },
    });
    expect(direct.n).toBeGreaterThan(100);
    expect(await frequencyBiasOf(null)).toEqual(before); // SUBTLEX-US rows untouched
    expect(await frequencyBiasOf("SUBTLEX-US")).toEqual(before);
  });

  it("refuses a file that is not the list, naming it, and keeps the list it had", async () => {
    const csv = path.join(workDir(), "not-bnc.csv");
    writeFileSync(csv, "word,frequency\ngood,12\nbad,3\n");
    await expect(importBncFrequencies(pool, { file: csv })).rejects.toThrow(`${csv}: only 0 words with a frequency: not the BNC list`);
    await expect(importBncFrequencies(pool, { file: BNC_FILE, source: "subtlex-us" })).rejects.toThrow(/reserved for the built-in SUBTLEX-US list/);
    const [{ n }] = (await pool.query(`SELECT count(*)::int AS n FROM "WordFrequency" WHERE source = 'bnc'`)).rows;
    expect(n).toBeGreaterThan(1000);
  });
});
