// Admin imports: the CLI's importers, run by the server on a file it can read. All-or-nothing as
// in the CLI; a bad file is a BAD_USER_INPUT naming the file, line and column.
import pg from "pg";
import { importCandidateTable } from "../../runner/import/candidateTable";
import { ImportError } from "../../runner/import/errors";
import { importPaperScores } from "../../runner/import/paperScores";
import { loadTokenizer } from "../../runner/tokenize";
import { TokenizeError } from "../../runner/tokenize/errors";
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
      // A tokenizer folder on the server (tokenizer.json + tokenizer_config.json), e.g. a bundle.
      const tokenizer = args.tokenizer ? await loadTokenizer(args.tokenizer) : undefined;
      const result = await importPaperScores(pool, { file: args.path, modelId: args.modelId!, tokenizer });
      scores = result.tokens * result.sweeps.length;
      models = 1;
    }
    await refreshInsights(pool);
    return { kind: args.kind, path: args.path, scores, models };
  } catch (error) {
    // A bad tokenizer folder is the caller's input as much as a bad file (it was an internal error).
    if (error instanceof ImportError || error instanceof TokenizeError) throw new BadInputError(error.message);
    throw error;
  } finally {
    await pool.end();
  }
}
