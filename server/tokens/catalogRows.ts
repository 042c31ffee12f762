// Model and prompt rows read inside a bigger SQL statement as JSON (token(text) reads them in the
// same round trip as the scores and primes the per-request DataLoaders with them). Parsed with zod
// and mapped field by field, so a schema change breaks the build here rather than silently.
import { z } from "zod";
import type { Prompt, RewardModel } from "../db/generated/prisma/client";

/** row_to_json of a timestamp(3) without time zone: ISO text without a zone, stored as UTC. */
const utcTimestamp = z.string().transform((text) => new Date(/[Zz]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`));

const modelJson = z.object({
  id: z.number(),
  slug: z.string(),
  displayName: z.string(),
  source: z.string(),
  family: z.string(),
  architecture: z.string().nullable(),
  parameterCount: z.union([z.number(), z.string()]).nullable(),
  vocabSize: z.number(),
  licence: z.string().nullable(),
  tokenizerFingerprint: z.string().nullable(),
  chatTemplateFingerprint: z.string().nullable(),
  backend: z.string(),
  notes: z.string().nullable(),
  isDemo: z.boolean(),
  createdAt: utcTimestamp,
  updatedAt: utcTimestamp,
});

const promptJson = z.object({
  id: z.number(),
  slug: z.string(),
  text: z.string(),
  framing: z.enum(["POSITIVE", "NEGATIVE", "NEUTRAL"]),
  pairId: z.number().nullable(),
  tags: z.array(z.string()).nullable(),
  createdAt: utcTimestamp,
});

export function modelsFromJson(json: unknown): RewardModel[] {
  return z.array(modelJson).parse(json ?? []).map((row) => ({
    id: row.id,
    slug: row.slug,
    displayName: row.displayName,
    source: row.source,
    family: row.family,
    architecture: row.architecture,
    parameterCount: row.parameterCount === null ? null : BigInt(row.parameterCount),
    vocabSize: row.vocabSize,
    licence: row.licence,
    tokenizerFingerprint: row.tokenizerFingerprint,
    chatTemplateFingerprint: row.chatTemplateFingerprint,
    backend: row.backend,
    notes: row.notes,
    isDemo: row.isDemo,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }));
}

export function promptsFromJson(json: unknown): Prompt[] {
  return z.array(promptJson).parse(json ?? []).map((row) => ({
    id: row.id,
    slug: row.slug,
    text: row.text,
    framing: row.framing,
    pairId: row.pairId,
    tags: row.tags ?? [],
    createdAt: row.createdAt,
  }));
}
