// Reference rows every database starts with: the paper's three prompts (best <-> worst paired).
// Idempotent: safe on every start.
import type { Db } from "./prisma";

export const PAPER_PROMPTS = [
  { slug: "greatest", text: "What, in one word, is the greatest thing ever?", framing: "POSITIVE", tags: ["paper"] },
  { slug: "best", text: "What, in one word, is the best thing ever?", framing: "POSITIVE", tags: ["paper"] },
  { slug: "worst", text: "What, in one word, is the worst thing ever?", framing: "NEGATIVE", tags: ["paper"] },
] as const;

export const PAPER_PROMPT_PAIRS: [string, string][] = [["best", "worst"]];

export async function seedReferenceData(db: Db): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const prompt of PAPER_PROMPTS) {
      await tx.prompt.upsert({
        where: { slug: prompt.slug },
        create: { slug: prompt.slug, text: prompt.text, framing: prompt.framing, tags: [...prompt.tags] },
        update: {},
      });
    }
    for (const [a, b] of PAPER_PROMPT_PAIRS) {
      const [first, second] = await Promise.all([
        tx.prompt.findUniqueOrThrow({ where: { slug: a } }),
        tx.prompt.findUniqueOrThrow({ where: { slug: b } }),
      ]);
      if (first.pairId === null && second.pairId === null) {
        // Both sides point at each other so `pair` is always the opposite framing.
        await tx.prompt.update({ where: { id: first.id }, data: { pairId: second.id } });
        await tx.prompt.update({ where: { id: second.id }, data: { pairId: first.id } });
      }
    }
  });
}
