// zod schemas for every admin mutation input: the boundary where client data becomes domain data.
import { z } from "zod";
import { SLUG_PATTERN, SLUG_RULE } from "../catalog/slug";

const LONE_SURROGATE = /\p{Cs}/u;

/** Text PostgreSQL can store as given: no NUL, no lone surrogates. */
const storableText = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((value) => !value.includes("\0") && !LONE_SURROGATE.test(value), "contains NUL or a lone surrogate");

const requiredText = (max: number) => storableText(max).refine((value) => value.trim().length > 0, "must not be blank");

export const slugSchema = z.string().regex(SLUG_PATTERN, SLUG_RULE);

export const listNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._ -]{0,63}$/, "letters, digits, '.', '_', '-', spaces (1-64 characters)");

export const registerModelSchema = z.object({
  slug: slugSchema,
  displayName: requiredText(200),
  source: requiredText(500),
  family: requiredText(64),
  architecture: storableText(200).nullish(),
  parameterCount: z.number().finite().min(0).max(1e14).nullish(),
  vocabSize: z.number().int().min(1).max(10_000_000),
  licence: storableText(200).nullish(),
  tokenizerFingerprint: storableText(128).nullish(),
  chatTemplateFingerprint: storableText(128).nullish(),
  backend: z.enum(["onnx", "vllm", "import"]),
  notes: storableText(5000).nullish(),
  isDemo: z.boolean().nullish(),
});
export type RegisterModelInput = z.infer<typeof registerModelSchema>;

export const addPromptSchema = z.object({
  slug: slugSchema,
  text: requiredText(2000),
  framing: z.enum(["POSITIVE", "NEGATIVE", "NEUTRAL"]).nullish(),
  tags: z.array(requiredText(64)).max(20).nullish(),
  pairSlug: slugSchema.nullish(),
});
export type AddPromptInput = z.infer<typeof addPromptSchema>;

export const MAX_LIST_ROWS = 50_000;

export const identityTermsSchema = z.object({
  listName: listNameSchema,
  terms: z
    .array(z.object({ category: requiredText(64), group: requiredText(128), term: requiredText(128) }))
    .min(1, "at least one term")
    .max(MAX_LIST_ROWS, `at most ${MAX_LIST_ROWS} rows`),
});

export const lexiconSchema = z
  .object({
    name: listNameSchema,
    entries: z
      .array(z.object({ word: requiredText(128), valence: z.number().finite().min(-100).max(100) }))
      .min(1, "at least one entry")
      .max(MAX_LIST_ROWS, `at most ${MAX_LIST_ROWS} rows`),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    for (const [index, entry] of input.entries.entries()) {
      if (seen.has(entry.word)) {
        ctx.addIssue({ code: "custom", path: ["entries", index, "word"], message: "appears more than once" });
        return;
      }
      seen.add(entry.word);
    }
  });

/** Parse or throw the ZodError (server/errors maps it to BAD_USER_INPUT with the paths). */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  return schema.parse(input);
}
