// The tokenizer of a paper-scores import (`npm run import -- paper-scores --tokenizer`): a fixture
// name or a tokenizer folder; anything else is bad input naming the value (it was an ENOENT on
// "<value>/tokenizer.json" and exit 1). And the import CLI's usage checks, before any database work.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importTokenizerDir, loadImportTokenizer } from "../../runner/import/importTokenizer";
import { failureKind } from "../../runner/sweep/errors";
import { FIXTURE_PACKAGES, FIXTURE_TOKENIZER_DIRS } from "../../runner/tokenize/fixtures";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const ROOT = path.resolve(import.meta.dirname, "../..");
const CLI = ["--import", "tsx", path.join(ROOT, "runner/cli/import.ts")];

describe("loadImportTokenizer", () => {
  it("knows the fixture tokenizers by the names the tests and demo bundles use", () => {
    for (const name of Object.keys(FIXTURE_PACKAGES) as (keyof typeof FIXTURE_PACKAGES)[]) expect(importTokenizerDir(name)).toBe(FIXTURE_TOKENIZER_DIRS[name]);
  });

  it("loads a fixture by name, and names it so in messages", async () => {
    const tok = await loadImportTokenizer("llama3_1");
    expect(tok.name).toBe("llama3_1");
    expect(tok.piece(3021)).toBe("Ġlove");
  });

  it("loads a tokenizer folder", async () => {
    const tok = await loadImportTokenizer(FIXTURE_TOKENIZER_DIRS.qwen3);
    expect(tok.piece(0)).toBe("!");
  });

  it("refuses anything else as bad input that says what it accepts", async () => {
    const empty = mkdtempSync(path.join(tmpdir(), "ra-tok-"));
    const file = path.join(empty, "tokenizer.json");
    writeFileSync(file, "{}");
    for (const [value, why] of [
      ["llama3", "no such folder"],
      [file, "not a folder"],
      [empty, "tokenizer_config.json missing there"],
    ]) {
      const error = await loadImportTokenizer(value).catch((e: unknown) => e);
      expect(failureKind(error)).toBe("bad-input");
      expect((error as Error).message).toBe(
        `tokenizer "${value}": ${why}; give one of llama3_1, qwen3, gemma3 or a folder with tokenizer.json and tokenizer_config.json (e.g. a model bundle)`,
      );
    }
  });
});

describe("import CLI", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.drop();
  });
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: t.url, ...env }, encoding: "utf8", timeout: 120_000 });

  it("64 for an unknown kind, before opening the database", () => {
    const result = cli(["scores", "x.csv"], { DATABASE_URL: "postgresql://u:p@127.0.0.1:1/db" });
    expect(result.status).toBe(64);
    expect(result.stderr).toMatch(/^import: unknown import kind "scores" \(known: candidates, paper-scores, bnc-frequency\)/);
  });

  it("64 for one --prompt-text over several files (each file would replace the last one's scores)", () => {
    const result = cli(["candidates", "a.csv", "b.csv", "--prompt-text", "Name one great thing."], { DATABASE_URL: "postgresql://u:p@127.0.0.1:1/db" });
    expect(result.status).toBe(64);
    expect(result.stderr).toMatch(/--prompt-text names the prompt of one file: import the 2 files one at a time/);
  });

  it("--help documents every option it takes", () => {
    const help = cli(["--help"]);
    expect(help.status).toBe(0);
    for (const option of ["--set", "--set-name", "--prompt-text", "--model", "--tokenizer", "--source", "--aggregation"]) expect(help.stdout).toContain(`  ${option} `);
  });

  it("2 naming the tokenizer when --tokenizer is neither a name nor a folder; prints the model's slug on success", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "ra-import-cli-")), "scores.csv");
    writeFileSync(file, 'token_id,token_name,token_decoded,greatest,best,worst\n0,"!","!",1,2,3\n1,"""","""",2,3,1\n');
    const bad = cli(["paper-scores", file, "--model", "Org/Some-RM", "--tokenizer", "llama3"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^import: bad input: tokenizer "llama3": no such folder; give one of llama3_1/);
    const ok = cli(["paper-scores", file, "--model", "Org/Some-RM", "--tokenizer", "llama3_1"]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`${file}: 2 tokens of model "org-some-rm" (its slug in the API and URLs), sweeps greatest=#`);
  });
});
