// Admin imports: the CLI's importers, run by the server on a file it can read. All-or-nothing as
// in the CLI; a bad file is a BAD_USER_INPUT naming the file, line and column.
import pg from "pg";
import { importCandidateTable } from "../../runner/import/candidateTable";
import { loadImportTokenizer } from "../../runner/import/importTokenizer";
import { importPaperScores } from "../../runner/import/paperScores";
import { failureKind } from "../../runner/sweep/errors";
import { BadInputError } from "../errors";
import { refreshInsights } from "../insights/refresh";

export type ImportKind = "CANDIDATES" | "PAPER_SCORES";

export async function importResults(
  databaseUrl: string | undefined,
  args: { kind: ImportKind; path: string; modelId?: string | null; tokenizer?: string | null },
): Promise<{ kind: ImportKind; path: string; scores: number; models: number }> {
  if (!databaseUrl) throw new BadInputError("imports need the server's DATABASE_URL");
  if (args.kind === "PAPER_SCORES" && !args.modelId) throw new BadInputError("PAPER_SCORES imports need modelId (the Hugging Face id)");
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on("error", () => {});
  try {
    let scores: number;
    let models: number;
    if (args.kind === "CANDIDATES") {
      const result = await importCandidateTable(pool, { file: args.path });
      scores = result.scores;
      models = result.models;
    } else {
      // llama3_1 | qwen3 | gemma3, or a tokenizer folder on the server (tokenizer.json +
      // tokenizer_config.json, e.g. a bundle): the same values as the CLI's --tokenizer.
      const tokenizer = args.tokenizer ? await loadImportTokenizer(args.tokenizer) : undefined;
      const result = await importPaperScores(pool, { file: args.path, modelId: args.modelId!, tokenizer });
      scores = result.tokens * result.sweeps.length;
      models = 1;
    }
    await refreshInsights(pool);
    return { kind: args.kind, path: args.path, scores, models };
  } catch (error) {
    // A bad file (ImportError) or tokenizer (TokenizeError) is the caller's to fix.
    if (failureKind(error) === "bad-input") throw new BadInputError(error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    await pool.end();
  }
}
