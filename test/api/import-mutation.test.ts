// importResults: the admin API runs the same importers as the CLI, all-or-nothing.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../server/db/seed";
import { createContext } from "../../server/graphql/context";
import { createApolloServer } from "../../server/graphql/server";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { ELO_FILES, sharedData } from "../helpers/sharedData";

let t: TestDatabase;
const previousUrl = process.env.DATABASE_URL;
const IMPORT = `mutation($kind: ImportKind!, $path: String!) { importResults(kind: $kind, path: $path) { kind scores models } }`;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.db);
  process.env.DATABASE_URL = t.url;
});
afterAll(async () => {
  process.env.DATABASE_URL = previousUrl;
  await t.drop();
});

async function run(query: string, variables: Record<string, unknown>, isAdmin: boolean) {
  const response = await createApolloServer().executeOperation({ query, variables }, { contextValue: createContext(t.db, { isAdmin }) });
  if (response.body.kind !== "single") throw new Error("incremental");
  return response.body.singleResult;
}

describe("importResults mutation", () => {
  it("is refused without the admin credential", async () => {
    const result = await run(IMPORT, { kind: "CANDIDATES", path: sharedData("paper-eloeverything", ELO_FILES[0]) }, false);
    expect(result.errors?.[0].extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    expect(await t.db.candidateScore.count()).toBe(0);
  });

  it("imports an EloEverything table and refreshes the human baseline", async () => {
    const result = await run(IMPORT, { kind: "CANDIDATES", path: sharedData("paper-eloeverything", ELO_FILES[0]) }, true);
    expect(result.errors).toBeUndefined();
    expect((result.data as { importResults: unknown }).importResults).toEqual({ kind: "CANDIDATES", scores: 75_300, models: 10 });
    expect(await t.db.analysisResult.count({ where: { kind: { contains: "human" } } })).toBeGreaterThan(0);
  });

  it("rejects a malformed file as BAD_USER_INPUT naming file and line, writing nothing", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "ra-import-api-")), "bad.csv");
    writeFileSync(file, "elo_rank,elo_score,name,elo_matches,m/a\n1,10,Tea,3,NaN\n");
    const before = await t.db.candidateScore.count();
    const result = await run(IMPORT, { kind: "CANDIDATES", path: file }, true);
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0].message).toContain(`${file}:2`);
    expect(await t.db.candidateScore.count()).toBe(before);
  });
  it("answers a folder, a bad tokenizer or a swept model's id as BAD_USER_INPUT naming it, at once", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ra-import-api-"));
    const before = await t.db.candidateScore.count();
    const folder = await run(IMPORT, { kind: "CANDIDATES", path: dir }, true);
    expect(folder.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([["BAD_USER_INPUT", `${dir}: not a regular file`]]);
    const file = path.join(dir, "scores.csv");
    writeFileSync(file, "token_id,token_name,token_decoded,greatest,best,worst\n0,a,a,1,2,3\n");
    const PAPER = `mutation($path: String!, $modelId: String, $tokenizer: String) {
      importResults(kind: PAPER_SCORES, path: $path, modelId: $modelId, tokenizer: $tokenizer) { scores } }`;
    const tokenizer = await run(PAPER, { path: file, modelId: "x/y", tokenizer: path.join(dir, "no-such-tokenizer") }, true);
    expect(tokenizer.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(tokenizer.errors?.[0].message).toContain("no-such-tokenizer");
    const model = await t.db.rewardModel.create({ data: { slug: "swept", displayName: "Swept", source: "/b", family: "llama3", vocabSize: 2, backend: "onnx", isDemo: false } });
    const swept = await run(PAPER, { path: file, modelId: "Swept" }, true);
    expect(swept.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(swept.errors?.[0].message).toMatch(/"swept", a model swept here/);
    expect(await t.db.sweep.count({ where: { modelId: model.id } })).toBe(0);
    expect(await t.db.candidateScore.count()).toBe(before);
  }, 15_000);

  it("rejects an unknown tokenizer as BAD_USER_INPUT naming it, and takes the CLI's names", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "ra-import-api-")), "scores.csv");
    writeFileSync(file, 'token_id,token_name,token_decoded,greatest,best,worst\n0,"!","!",1,2,3\n');
    const query = `mutation($path: String!, $tokenizer: String) {
      importResults(kind: PAPER_SCORES, path: $path, modelId: "someone/rm", tokenizer: $tokenizer) { scores } }`;
    const unknown = await run(query, { path: file, tokenizer: "llama3" }, true);
    expect(unknown.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT"); // was INTERNAL_SERVER_ERROR (ENOENT)
    expect(unknown.errors?.[0].message).toMatch(/tokenizer "llama3": no such folder; give one of llama3_1, qwen3, gemma3/);
    const named = await run(query, { path: file, tokenizer: "llama3_1" }, true);
    expect(named.errors).toBeUndefined();
    expect(named.data).toEqual({ importResults: { scores: 3 } });
  });
});
