// Token text from clients is hostile data: markup, control characters, lone surrogates, SQL-looking
// strings. It only ever reaches SQL as a bound parameter; here it is bounded and brought to the
// form the vocabulary was stored in.
import { z } from "zod";
import { normalizeForJoin } from "../../runner/tokenize/vocabulary";
import { BadInputError } from "../errors";

/** Longer than any vocabulary entry; longer input is refused rather than scanned for. */
export const MAX_TOKEN_TEXT_LENGTH = 256;

const tokenTextSchema = z.string().max(MAX_TOKEN_TEXT_LENGTH, `at most ${MAX_TOKEN_TEXT_LENGTH} characters`);

const LONE_SURROGATE = /\p{Cs}/u;

/**
 * The text as it would be stored, or null when no stored token can have it. PostgreSQL text cannot
 * hold NUL (ingest stores U+2400 in its place, runner/ingest/copy.ts) nor lone surrogates (never
 * produced by a decode, and not representable in UTF-8).
 */
export function storableTokenText(raw: string, field = "text"): string | null {
  const parsed = tokenTextSchema.safeParse(raw);
  if (!parsed.success) throw new BadInputError(`${field}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  if (LONE_SURROGATE.test(raw)) return null;
  return raw.replace(/\0/g, "\u2400");
}

/** The vocabulary's search key (VocabToken.normalized): NFKC, trimmed, lower-cased. */
export function searchKey(text: string): string {
  return normalizeForJoin(text);
}

/** Escape LIKE metacharacters so the text matches literally (backslash is LIKE's default escape). */
export function likePrefix(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`) + "%";
}
