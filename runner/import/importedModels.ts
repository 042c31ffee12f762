// Models known only through imported results (no bundle here): catalogue rows keyed by their
// Hugging Face id, created inside the importer's transaction.
import type { PoolClient } from "pg";
import { SLUG_PATTERN, SLUG_RULE } from "../../server/catalog/slug";
import { ImportError } from "./errors";

export function slugForModelId(modelId: string): string {
  return modelId.trim().toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
}

/** Family from the model name; imports of the paper's ten models all resolve. */
export function familyFromModelId(modelId: string): string {
  const name = modelId.toLowerCase();
  if (/gemma-?2/.test(name)) return "gemma2";
  if (/gemma-?3/.test(name)) return "gemma3";
  if (/llama-?3\.2/.test(name)) return "llama3.2";
  if (/llama-?3\.1/.test(name)) return "llama3.1";
  if (/llama-?3/.test(name)) return "llama3";
  if (/qwen-?3/.test(name)) return "qwen3";
  return "unknown";
}

/** The slug a model id of `file` is stored under, or an ImportError naming the id. */
export function checkedModelSlug(file: string, modelId: string, where: { line?: number | null; column?: string } = {}): string {
  // Stored as the model's source and name: text PostgreSQL and the pages can hold (no NUL).
  if (/[\u0000-\u001f\u007f]/.test(modelId)) {
    throw new ImportError(file, where.line ?? null, `model id ${JSON.stringify(modelId)} contains a control character`, where.column);
  }
  const slug = slugForModelId(modelId);
  if (!SLUG_PATTERN.test(slug)) {
    throw new ImportError(file, where.line ?? null, `model id ${JSON.stringify(modelId)} gives no usable slug (${SLUG_RULE})`, where.column);
  }
  return slug;
}

/** A model id's catalogue row, created when new. `importedOnly`: the results replace the model's
 * vocabulary, so a model that was swept here (backend other than 'import') is refused rather than
 * overwritten by a file whose model id happens to give its slug. */
export async function upsertImportedModel(
  client: PoolClient,
  modelId: string,
  extra: { vocabSize?: number; tokenizerFingerprint?: string | null; file?: string; importedOnly?: boolean } = {},
): Promise<number> {
  const slug = checkedModelSlug(extra.file ?? "(import)", modelId);
  if (extra.importedOnly) {
    const existing = await client.query<{ backend: string }>('SELECT backend FROM "RewardModel" WHERE slug = $1', [slug]);
    const backend = existing.rows[0]?.backend;
    if (backend !== undefined && backend !== "import") {
      throw new ImportError(
        extra.file ?? "(import)",
        null,
        `model id ${JSON.stringify(modelId)} is stored as "${slug}", a model swept here (backend ${backend}): importing would replace its vocabulary; use another --model id`,
      );
    }
  }
  const displayName = modelId.includes("/") ? modelId.slice(modelId.indexOf("/") + 1) : modelId;
  const result = await client.query<{ id: number }>(
    `INSERT INTO "RewardModel" (slug, "displayName", source, family, "vocabSize", "tokenizerFingerprint", backend, "isDemo", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, 'import', false, now())
     ON CONFLICT (slug) DO UPDATE SET
       ${extra.importedOnly
         // The file replaces the model's vocabulary: its size and tokenizer are the file's.
         ? `"vocabSize" = EXCLUDED."vocabSize", "tokenizerFingerprint" = EXCLUDED."tokenizerFingerprint",`
         // A candidate table names the model only: keep what a per-token import recorded.
         : `"vocabSize" = GREATEST("RewardModel"."vocabSize", EXCLUDED."vocabSize"),
            "tokenizerFingerprint" = COALESCE(EXCLUDED."tokenizerFingerprint", "RewardModel"."tokenizerFingerprint"),`}
       "updatedAt" = now()
     RETURNING id`,
    [slug, displayName, modelId, familyFromModelId(modelId), extra.vocabSize ?? 0, extra.tokenizerFingerprint ?? null],
  );
  return result.rows[0].id;
}

/** The prompt a result file belongs to: an existing prompt whose words match, else a new one. */
export async function resolvePrompt(client: PoolClient, slug: string, text: string | undefined): Promise<number> {
  const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  const existing = await client.query<{ id: number; slug: string; text: string }>('SELECT id, slug, text FROM "Prompt"');
  const wanted = words(text ?? slug.replace(/-/g, " "));
  const found = existing.rows.find((p) => p.slug === slug || words(p.text) === wanted);
  if (found) return found.id;
  const humanised = text ?? `${slug.charAt(0).toUpperCase()}${slug.slice(1).replace(/-/g, " ")}?`;
  const created = await client.query<{ id: number }>(
    `INSERT INTO "Prompt" (slug, text, framing, tags) VALUES ($1, $2, 'NEUTRAL', ARRAY['imported']) RETURNING id`,
    [slug, humanised],
  );
  return created.rows[0].id;
}
