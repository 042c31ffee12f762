// The paper release's per-token score files (data/reward_model_scores/*.csv):
//   token_id,token_name,token_decoded,greatest,best,worst
// one file per model. Each prompt column becomes an IMPORTED sweep of that model, keyed by token
// id. With a tokenizer, every row's token_name must be that tokenizer's piece for the id (a file
// from another model family fails at its first mismatching line). All-or-nothing.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type pg from "pg";
import { inTransaction } from "../ingest/transaction";
import { copyRows, copyScores } from "../ingest/copy";
import { promoteScores } from "../sweep/sweepRecord";
import type { RewardTokenizer } from "../tokenize";
import { computeFlags, normalizeForJoin } from "../tokenize/vocabulary";
import { finiteNumber, readCsv, type CsvRow } from "./csvRows";
import { ImportError } from "./errors";
import { checkedModelSlug, resolvePrompt, upsertImportedModel } from "./importedModels";

export const PAPER_PROMPT_COLUMNS = ["greatest", "best", "worst"] as const;

export interface PaperScoresImport {
  file: string;
  /** Hugging Face id of the model the file belongs to. */
  modelId: string;
  tokenizer?: RewardTokenizer;
}

export interface PaperScoresResult {
  modelDbId: number;
  tokens: number;
  sweeps: { prompt: string; sweepId: number }[];
}

/** Token ids are stored as int4, and the model's vocabSize (largest id + 1) too. */
const MAX_TOKEN_ID = 2 ** 31 - 2;
/** Scores are stored as float4: a finite double beyond this would be stored as Infinity. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** A score cell that float4 holds as a finite number. */
function float32Score(file: string, row: CsvRow, column: string): number {
  const value = finiteNumber(file, row, column);
  if (!Number.isFinite(Math.fround(value))) {
    throw new ImportError(file, row.line, `${row.values[column].trim()} is beyond the float32 range scores are stored in (±${FLOAT32_MAX.toPrecision(5)})`, column);
  }
  return value;
}

interface TokenRow {
  tokenId: number;
  piece: string;
  decoded: string;
}

async function parseFile(file: string, tokenizer?: RewardTokenizer) {
  const tokens: TokenRow[] = [];
  const columns: number[][] = PAPER_PROMPT_COLUMNS.map(() => []);
  const seen = new Set<number>();
  for await (const row of readCsv(file, ["token_id", "token_name", "token_decoded", ...PAPER_PROMPT_COLUMNS], { unnamedColumns: "ignore" })) {
    const tokenId = finiteNumber(file, row, "token_id");
    if (!Number.isInteger(tokenId) || tokenId < 0 || tokenId > MAX_TOKEN_ID) throw new ImportError(file, row.line, `"${row.values.token_id}" is not a token id (an integer from 0 to ${MAX_TOKEN_ID})`, "token_id");
    if (seen.has(tokenId)) throw new ImportError(file, row.line, `token id ${tokenId} appears twice`, "token_id");
    seen.add(tokenId);
    const piece = row.values.token_name;
    if (tokenizer) {
      if (tokenId >= tokenizer.vocabSize) {
        throw new ImportError(file, row.line, `token id ${tokenId} is outside tokenizer "${tokenizer.name}" (${tokenizer.vocabSize} ids)`, "token_id");
      }
      const expected = tokenizer.piece(tokenId);
      if (expected !== piece) {
        throw new ImportError(
          file,
          row.line,
          `token_name ${JSON.stringify(piece)} is not tokenizer "${tokenizer.name}"'s piece ${JSON.stringify(expected)} for id ${tokenId}: is this file from another model family?`,
          "token_name",
        );
      }
    }
    tokens.push({ tokenId, piece, decoded: row.values.token_decoded });
    PAPER_PROMPT_COLUMNS.forEach((column, k) => columns[k].push(float32Score(file, row, column)));
  }
  return { tokens, columns };
}

export async function importPaperScores(pool: pg.Pool, options: PaperScoresImport): Promise<PaperScoresResult> {
  const { file, tokenizer } = options;
  checkedModelSlug(file, options.modelId);
  const { tokens, columns } = await parseFile(file, tokenizer);
  const fileHash = createHash("sha256").update(readFileSync(file)).digest("hex");
  const ids = Int32Array.from(tokens.map((t) => t.tokenId));
  return inTransaction(pool, async (client) => {
    const modelDbId = await upsertImportedModel(client, options.modelId, {
      vocabSize: ids.reduce((max, id) => Math.max(max, id), -1) + 1,
      tokenizerFingerprint: tokenizer?.fingerprint ?? null,
      file,
      importedOnly: true,
    });
    await client.query('DELETE FROM "VocabToken" WHERE "modelId" = $1', [modelDbId]);
    const special = tokenizer?.specialIds;
    const added = tokenizer?.addedIds;
    await copyRows(
      client,
      "VocabToken",
      ["modelId", "tokenId", "piece", "decoded", "normalized", "isSpecial", "isByte", "isWhitespace", "startsWithSpace", "isAlphabetic"],
      tokens.map((t) => {
        const flags = computeFlags(t.piece, t.decoded, special?.has(t.tokenId) ?? false, added?.has(t.tokenId) ?? false);
        return [modelDbId, t.tokenId, t.piece, t.decoded, normalizeForJoin(t.decoded), flags.special, flags.unreadable, flags.whitespaceOnly, flags.startsWithSpace, flags.alphabetic];
      }),
    );
    const keys = PAPER_PROMPT_COLUMNS.map((column) => createHash("sha256").update(JSON.stringify(["import", options.modelId, column, fileHash])).digest("hex"));
    // The file is the model's results: sweeps of an earlier, different file go with the vocabulary
    // they were keyed to (the model is import-only, so these are all its sweeps).
    await client.query(
      `WITH old AS (DELETE FROM "Sweep" WHERE "modelId" = $1 AND mode = 'IMPORTED' AND NOT ("settingsKey" = ANY($2)) RETURNING id)
       DELETE FROM "Score" WHERE "sweepId" IN (SELECT id FROM old)`,
      [modelDbId, keys],
    );
    const sweeps: PaperScoresResult["sweeps"] = [];
    for (const [k, column] of PAPER_PROMPT_COLUMNS.entries()) {
      const promptId = await resolvePrompt(client, column, undefined);
      const key = keys[k];
      const sweep = await client.query<{ id: number }>(
        `INSERT INTO "Sweep" ("modelId", "promptId", mode, "settingsKey", "tokenCount", "scoredCount", backend, status,
                              "softwareVersions", "startedAt", "finishedAt", "vocabPolicy")
         VALUES ($1, $2, 'IMPORTED', $3, $4, $4, 'import', 'COMPLETED', $5, now(), now(), 'all')
         ON CONFLICT ("settingsKey") DO UPDATE SET "finishedAt" = now()
         RETURNING id`,
        [modelDbId, promptId, key, tokens.length, JSON.stringify({ importedFrom: file, sha256: fileHash })],
      );
      const sweepId = sweep.rows[0].id;
      await client.query('DELETE FROM "Score" WHERE "sweepId" = $1', [sweepId]);
      await copyScores(client, sweepId, ids, columns[k]);
      await promoteScores(client, sweepId);
      sweeps.push({ prompt: column, sweepId });
    }
    return { modelDbId, tokens: tokens.length, sweeps };
  });
}
