// A model's catalogue row and its vocabulary. The vocabulary (every id with its piece, decoded text
// and flags) is written by COPY, in one transaction: when missing, when its size changed, or when
// the caller says the tokenizer changed (a new fingerprint).
import type pg from "pg";
import type { Db } from "../../server/db/prisma";
import { inTransaction } from "../ingest/transaction";
import { copyRows, type CopyValue } from "../ingest/copy";
import type { VocabEntry } from "../tokenize";

export interface ModelRegistration {
  slug: string;
  displayName: string;
  source: string;
  family: string;
  architecture?: string | null;
  parameterCount?: number | null;
  vocabSize: number;
  licence?: string | null;
  tokenizerFingerprint?: string | null;
  chatTemplateFingerprint?: string | null;
  backend: string;
  notes?: string | null;
  isDemo: boolean;
}

export async function upsertModel(db: Db, model: ModelRegistration) {
  const data = {
    displayName: model.displayName,
    source: model.source,
    family: model.family,
    architecture: model.architecture ?? null,
    parameterCount: model.parameterCount == null ? null : BigInt(Math.round(model.parameterCount)),
    vocabSize: model.vocabSize,
    licence: model.licence ?? null,
    tokenizerFingerprint: model.tokenizerFingerprint ?? null,
    chatTemplateFingerprint: model.chatTemplateFingerprint ?? null,
    backend: model.backend,
    notes: model.notes ?? null,
    isDemo: model.isDemo,
  };
  return db.rewardModel.upsert({ where: { slug: model.slug }, create: { slug: model.slug, ...data }, update: data });
}

/** Store the vocabulary unless the same number of ids is already there (and `replace` is not set). Returns rows written. */
export async function storeVocabulary(pool: pg.Pool, modelId: number, entries: readonly VocabEntry[], options: { replace?: boolean } = {}): Promise<number> {
  return inTransaction(pool, async (client) => {
    const existing = await client.query<{ n: string }>('SELECT count(*) AS n FROM "VocabToken" WHERE "modelId" = $1', [modelId]);
    if (!options.replace && Number(existing.rows[0].n) === entries.length) return 0;
    await client.query('DELETE FROM "VocabToken" WHERE "modelId" = $1', [modelId]);
    const rows = function* (): Generator<CopyValue[]> {
      for (const e of entries) {
        yield [
          modelId, e.tokenId, e.piece, e.decoded, e.normalized,
          e.flags.special, e.flags.unreadable, e.flags.whitespaceOnly, e.flags.startsWithSpace, e.flags.alphabetic,
        ];
      }
    };
    return copyRows(
      client,
      "VocabToken",
      ["modelId", "tokenId", "piece", "decoded", "normalized", "isSpecial", "isByte", "isWhitespace", "startsWithSpace", "isAlphabetic"],
      rows(),
    );
  });
}
