// Test data for the API suites: three models with hostile vocabularies (markup, bidi control,
// whitespace, formula-looking text, LIKE metacharacters, duplicate decoded texts), completed,
// running and failed sweeps with many score ties, ranks set as finalizeSweep does, and a
// candidate set.
import { computeFlags, normalizeForJoin } from "../../runner/tokenize/vocabulary";
import type { Db } from "../../server/db/prisma";
import { seedReferenceData } from "../../server/db/seed";

export const HOSTILE_TEXTS = [
  "<script>alert(1)</script>",
  "\u202e",
  " ",
  "\u2400",
  "=cmd|' /C calc'!A0",
  "+1",
  "-2",
  "@SUM(1+1)",
  "\ttab",
  "line\nbreak",
  'quote"inside',
  "comma,here",
  "emoji 😀",
  "100%",
  "100x",
  "a_b",
  "ab",
  "caf\u00e9",
  "cafe\u0301",
  "love",
  " love",
  "Love",
  " Love",
  "LOVE",
  "lovely",
  " lovely",
  "<|eot_id|>",
] as const;

export interface SeededModel {
  id: number;
  slug: string;
  size: number;
  /** tokenId -> decoded */
  decoded: string[];
}

export interface Seeded {
  models: Record<"alpha" | "beta" | "gamma", SeededModel>;
  prompts: Record<"greatest" | "best" | "worst", number>;
  /** sweep ids by "<model>/<prompt>" for completed sweeps */
  completed: Record<string, number>;
  runningSweepId: number;
  failedSweepId: number;
  candidateSetId: number;
}

/** Vocabulary of `size` ids: the hostile texts at model-specific ids (alpha also decodes "love" at
 * a second id), filler words elsewhere. */
function vocabulary(size: number, rotate: number, duplicateLove: boolean): string[] {
  const decoded = Array.from({ length: size }, (_, id) => (id % 2 ? ` w${id}` : `w${id}`));
  HOSTILE_TEXTS.forEach((text, k) => {
    decoded[(k * 131 + rotate) % size] = text;
  });
  if (duplicateLove) decoded[size - 1] = "love";
  return decoded;
}

async function insertVocabulary(db: Db, modelId: number, decoded: string[]): Promise<void> {
  const ids = decoded.map((_, id) => id);
  const pieces = decoded.map((text) => text.replace(/^ /, "Ġ"));
  const flags = decoded.map((text, id) => computeFlags(pieces[id], text, text === "<|eot_id|>", text === "<|eot_id|>"));
  await db.$executeRaw`
    INSERT INTO "VocabToken" ("modelId", "tokenId", piece, decoded, normalized, "isSpecial", "isByte", "isWhitespace", "startsWithSpace", "isAlphabetic")
    SELECT ${modelId}, * FROM unnest(${ids}::int[], ${pieces}::text[], ${decoded}::text[], ${decoded.map(normalizeForJoin)}::text[],
      ${flags.map((f) => f.special)}::bool[], ${flags.map((f) => f.unreadable)}::bool[], ${flags.map((f) => f.whitespaceOnly)}::bool[],
      ${flags.map((f) => f.startsWithSpace)}::bool[], ${flags.map((f) => f.alphabetic)}::bool[])`;
}

/** Scores with heavy ties (1,000 distinct values over the ids) and non-representable decimals.
 * A sweep still running keeps its rows in PendingScore, as the runner does. */
export async function insertScores(db: Db, sweepId: number, size: number, seed: number, count = size, table: "Score" | "PendingScore" = "Score"): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO "${table}" ("sweepId", "tokenId", score)
     SELECT $1, g, (((g::bigint * 7919 + $2::bigint * 104729) % 1000) / 10.0 - 50)::real
       FROM generate_series(0, $3::int) g`,
    sweepId,
    seed,
    count - 1,
  );
}

export async function writeRanks(db: Db, sweepId: number): Promise<void> {
  await db.$executeRaw`
    UPDATE "Score" s SET rank = r.rank
      FROM (SELECT "tokenId", rank() OVER (ORDER BY score DESC) AS rank FROM "Score" WHERE "sweepId" = ${sweepId}) r
     WHERE s."sweepId" = ${sweepId} AND s."tokenId" = r."tokenId"`;
}

export async function seedApiData(db: Db): Promise<Seeded> {
  await seedReferenceData(db);
  const promptRows = await db.prompt.findMany();
  const prompt = (slug: string) => promptRows.find((p) => p.slug === slug)!.id;
  const prompts = { greatest: prompt("greatest"), best: prompt("best"), worst: prompt("worst") };

  const specs = [
    { slug: "alpha", size: 5000, rotate: 7, duplicateLove: true, source: "org/alpha-rm", isDemo: false },
    { slug: "beta", size: 5000, rotate: 1234, duplicateLove: false, source: "https://example.org/beta", isDemo: false },
    { slug: "gamma", size: 3000, rotate: 55, duplicateLove: false, source: "/home/someone/private/gamma-bundle", isDemo: true },
  ] as const;
  const models = {} as Seeded["models"];
  for (const spec of specs) {
    const model = await db.rewardModel.create({
      data: { slug: spec.slug, displayName: spec.slug.toUpperCase(), source: spec.source, family: "llama3", vocabSize: spec.size, backend: "onnx", isDemo: spec.isDemo },
    });
    const decoded = vocabulary(spec.size, spec.rotate, spec.duplicateLove);
    await insertVocabulary(db, model.id, decoded);
    models[spec.slug] = { id: model.id, slug: spec.slug, size: spec.size, decoded };
  }

  const completed: Record<string, number> = {};
  let seed = 1;
  const completedSweep = async (model: SeededModel, promptSlug: keyof typeof prompts, mode: "ID" | "IMPORTED" = "ID") => {
    const sweep = await db.sweep.create({
      data: {
        modelId: model.id, promptId: prompts[promptSlug], mode, settingsKey: `${model.slug}/${promptSlug}/${mode}`,
        tokenCount: model.size, scoredCount: model.size, backend: "onnx", status: "COMPLETED",
        startedAt: new Date(Date.now() - 60_000), finishedAt: new Date(), prefixIds: [1, 2, 3], suffixIds: [4],
      },
    });
    await insertScores(db, sweep.id, model.size, seed++);
    await writeRanks(db, sweep.id);
    completed[`${model.slug}/${promptSlug}`] = sweep.id;
  };
  for (const p of ["greatest", "best", "worst"] as const) await completedSweep(models.alpha, p);
  for (const p of ["greatest", "worst"] as const) await completedSweep(models.beta, p);
  await completedSweep(models.gamma, "greatest", "IMPORTED");

  const running = await db.sweep.create({
    data: {
      modelId: models.beta.id, promptId: prompts.best, mode: "ID", settingsKey: "beta/best/running", tokenCount: 5000, scoredCount: 1000,
      backend: "onnx", status: "RUNNING", startedAt: new Date(Date.now() - 10_000),
    },
  });
  await insertScores(db, running.id, 5000, 99, 1000, "PendingScore");
  const failed = await db.sweep.create({
    data: {
      modelId: models.gamma.id, promptId: prompts.worst, mode: "ID", settingsKey: "gamma/worst/failed", tokenCount: 3000, backend: "onnx",
      status: "FAILED", error: "ENOENT /home/someone/private/gamma-bundle/model.onnx", softwareVersions: { node: "20", onnxruntime: "1.30" },
    },
  });

  const set = await db.candidateSet.create({ data: { slug: "elo", name: "EloEverything", source: "paper" } });
  await db.candidateItem.createMany({
    data: Array.from({ length: 120 }, (_, position) => ({
      setId: set.id, position, text: position === 3 ? '=HYPERLINK("x")' : `item ${position}`, humanScore: 2000 - position, humanRank: position + 1,
    })),
  });
  const items = await db.candidateItem.findMany({ where: { setId: set.id } });
  await db.candidateScore.createMany({
    data: items.flatMap((item) => [
      { itemId: item.id, modelId: models.alpha.id, promptId: prompts.greatest, score: item.position / 10 },
      { itemId: item.id, modelId: models.beta.id, promptId: prompts.greatest, score: -item.position },
      { itemId: item.id, modelId: models.beta.id, promptId: prompts.worst, score: item.position },
    ]),
  });
  return { models, prompts, completed, runningSweepId: running.id, failedSweepId: failed.id, candidateSetId: set.id };
}
