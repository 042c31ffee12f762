// Candidate-set score tables such as the paper's EloEverything files:
//   elo_rank,elo_score,name,elo_matches,<model id 1>,...,<model id k>
// one file per prompt (the file name is the prompt's slug). Every row is validated before the
// single transaction that writes items and scores, so a bad file writes nothing.
import path from "node:path";
import type pg from "pg";
import { inTransaction } from "../ingest/transaction";
import { copyRows } from "../ingest/copy";
import { finiteNumber, readCsv } from "./csvRows";
import { ImportError } from "./errors";
import { SLUG_PATTERN, SLUG_RULE } from "../../server/catalog/slug";
import { checkedModelSlug, resolvePrompt, upsertImportedModel } from "./importedModels";

const FIXED_COLUMNS = ["elo_rank", "elo_score", "name", "elo_matches"] as const;
/** Item names are indexed (B-tree entries hold at most ~2.7 kB); real items are a few words. */
export const MAX_ITEM_NAME_BYTES = 1000;

export interface CandidateTableImport {
  file: string;
  setSlug?: string;
  setName?: string;
  promptSlug?: string;
  promptText?: string;
}

export interface CandidateTableResult {
  setId: number;
  promptId: number;
  items: number;
  models: number;
  scores: number;
}

interface ParsedTable {
  modelIds: string[];
  items: { position: number; text: string; humanScore: number; humanRank: number; matches: number | null }[];
  /** scores[model][item] */
  scores: Float64Array[];
}

async function parseTable(file: string): Promise<ParsedTable> {
  let modelIds: string[] | undefined;
  const items: ParsedTable["items"] = [];
  const columns: number[][] = [];
  for await (const row of readCsv(file, [...FIXED_COLUMNS])) {
    if (!modelIds) {
      modelIds = Object.keys(row.values).filter((c) => !(FIXED_COLUMNS as readonly string[]).includes(c));
      if (modelIds.length === 0) throw new ImportError(file, 1, "no model columns after elo_matches");
      // Two columns whose ids give one slug would be one model twice.
      const bySlug = new Map<string, string>();
      for (const m of modelIds) {
        const slug = checkedModelSlug(file, m, { line: 1, column: m });
        const other = bySlug.get(slug);
        if (other !== undefined) throw new ImportError(file, 1, `model columns "${other}" and "${m}" are the same model ("${slug}")`, m);
        bySlug.set(slug, m);
      }
      modelIds.forEach(() => columns.push([]));
    }
    const text = row.values.name;
    if (!text || !text.trim()) throw new ImportError(file, row.line, "empty item name", "name");
    if (Buffer.byteLength(text) > MAX_ITEM_NAME_BYTES) throw new ImportError(file, row.line, `item name longer than ${MAX_ITEM_NAME_BYTES} bytes`, "name");
    const rank = finiteNumber(file, row, "elo_rank");
    if (!Number.isInteger(rank) || rank < 1) throw new ImportError(file, row.line, `"${row.values.elo_rank}" is not a rank (1, 2, ...)`, "elo_rank");
    const matches = row.values.elo_matches?.trim() ? finiteNumber(file, row, "elo_matches") : null;
    items.push({ position: items.length, text, humanScore: finiteNumber(file, row, "elo_score"), humanRank: rank, matches });
    modelIds.forEach((m, k) => columns[k].push(finiteNumber(file, row, m)));
  }
  return { modelIds: modelIds ?? [], items, scores: columns.map((c) => Float64Array.from(c)) };
}

export async function importCandidateTable(pool: pg.Pool, options: CandidateTableImport): Promise<CandidateTableResult> {
  const { file } = options;
  const setSlug = options.setSlug ?? "eloeverything";
  const promptSlug = options.promptSlug ?? path.basename(file).replace(/\.csv$/i, "").toLowerCase();
  // Both slugs appear in URLs: the catalogue's slug rule, checked before anything is read.
  if (!SLUG_PATTERN.test(setSlug)) throw new ImportError(file, null, `candidate set slug ${JSON.stringify(setSlug)}: ${SLUG_RULE}`);
  if (!SLUG_PATTERN.test(promptSlug)) {
    throw new ImportError(file, null, `prompt slug ${JSON.stringify(promptSlug)} (from the file name): ${SLUG_RULE}; rename the file`);
  }
  const table = await parseTable(file);
  return inTransaction(pool, async (client) => {
    const set = await client.query<{ id: number }>(
      `INSERT INTO "CandidateSet" (slug, name, source) VALUES ($1, $2, $3)
       ON CONFLICT (slug) DO UPDATE SET name = "CandidateSet".name RETURNING id`,
      [setSlug, options.setName ?? "EloEverything", "EloEverything human Elo ratings (brchristian/reward_model_optimal_pessimal_tokens, data/elo)"],
    );
    const setId = set.rows[0].id;
    const existing = await client.query<{ id: number; position: number; text: string }>(
      'SELECT id, position, text FROM "CandidateItem" WHERE "setId" = $1 ORDER BY position',
      [setId],
    );
    if (existing.rowCount === 0) {
      await copyRows(
        client,
        "CandidateItem",
        ["setId", "position", "text", "humanScore", "humanRank", "meta"],
        table.items.map((it) => [setId, it.position, it.text, it.humanScore, it.humanRank, JSON.stringify({ eloMatches: it.matches })]),
      );
    } else {
      // Another prompt's file of the same set: the items must be the same, in the same order.
      const same = existing.rowCount === table.items.length && existing.rows.every((r, i) => r.text === table.items[i].text);
      if (!same) {
        throw new ImportError(file, null, `its ${table.items.length} items differ from the ${existing.rowCount} already stored in candidate set "${setSlug}"`);
      }
    }
    const itemIds = (
      await client.query<{ id: number }>('SELECT id FROM "CandidateItem" WHERE "setId" = $1 ORDER BY position', [setId])
    ).rows.map((r) => r.id);
    const promptId = await resolvePrompt(client, promptSlug, options.promptText);
    const modelDbIds: number[] = [];
    for (const modelId of table.modelIds) modelDbIds.push(await upsertImportedModel(client, modelId, { file }));
    // Re-importing the same file replaces its scores: idempotent.
    await client.query(
      `DELETE FROM "CandidateScore" WHERE "promptId" = $1 AND "modelId" = ANY($2) AND "itemId" = ANY($3)`,
      [promptId, modelDbIds, itemIds],
    );
    const rows = function* () {
      for (let k = 0; k < modelDbIds.length; k++) {
        for (let i = 0; i < itemIds.length; i++) yield [itemIds[i], modelDbIds[k], promptId, table.scores[k][i]];
      }
    };
    const written = await copyRows(client, "CandidateScore", ["itemId", "modelId", "promptId", "score"], rows());
    return { setId, promptId, items: itemIds.length, models: modelDbIds.length, scores: written };
  });
}
