// Admin writes. Each is one transaction; list uploads replace the previous list of that name
// atomically (readers see the old list or the new one, never a mix).
import { createHash } from "node:crypto";
import { Prisma, type Db } from "../db/prisma";
import type { Prompt, RewardModel, Sweep, SweepMode } from "../db/generated/prisma/client";
import { IS_WHOLE_VOCABULARY, REPRESENTATIVE_SWEEP_ORDER } from "../catalog/representativeSweep";
import { SWEEP_REQUEST_PREFIX } from "../catalog/sweepRequest";
import { BadInputError, NotFoundError, isUniqueViolation } from "../errors";
import { queueRequestedSweep } from "./queueSweep";
import {
  addPromptSchema,
  identityTermsSchema,
  lexiconSchema,
  parseInput,
  registerModelSchema,
  slugSchema,
} from "./admin.schemas";

const LONG_TRANSACTION = { timeout: 60_000, maxWait: 10_000 };

export async function registerModel(db: Db, raw: unknown): Promise<RewardModel> {
  const input = parseInput(registerModelSchema, raw);
  try {
    return await db.rewardModel.create({
      data: {
        slug: input.slug,
        displayName: input.displayName,
        source: input.source,
        family: input.family,
        architecture: input.architecture ?? null,
        parameterCount: input.parameterCount == null ? null : BigInt(Math.round(input.parameterCount)),
        vocabSize: input.vocabSize,
        licence: input.licence ?? null,
        tokenizerFingerprint: input.tokenizerFingerprint ?? null,
        chatTemplateFingerprint: input.chatTemplateFingerprint ?? null,
        backend: input.backend,
        notes: input.notes ?? null,
        isDemo: input.isDemo ?? false,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new BadInputError(`A model with slug "${input.slug}" is already registered`);
    throw error;
  }
}

export async function addPrompt(db: Db, raw: unknown): Promise<Prompt> {
  const input = parseInput(addPromptSchema, raw);
  try {
    return await db.$transaction(async (tx) => {
      const pair = input.pairSlug ? await tx.prompt.findUnique({ where: { slug: input.pairSlug } }) : null;
      if (input.pairSlug && !pair) throw new NotFoundError(`No prompt with slug "${input.pairSlug}"`);
      if (pair && pair.pairId !== null) throw new BadInputError(`Prompt "${pair.slug}" already has a pair`);
      const prompt = await tx.prompt.create({
        data: { slug: input.slug, text: input.text, framing: input.framing ?? "NEUTRAL", tags: input.tags ?? [], pairId: pair?.id ?? null },
      });
      // Both sides point at each other, as the seed does for best <-> worst.
      if (pair) await tx.prompt.update({ where: { id: pair.id }, data: { pairId: prompt.id } });
      return prompt;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new BadInputError(`A prompt with slug "${input.slug}" already exists`);
    throw error;
  }
}

/**
 * A sweep request: queued as shards where the model's bundle is known (id mode), else a PENDING
 * Sweep row (settingsKey "request:<sha256(model, prompt, mode)>", tokenCount = the model's
 * vocabSize) that the next whole sweep of the same model, prompt and mode removes. Idempotent:
 * the same request returns the same row, and a request for a whole sweep already done returns it.
 */
export async function requestSweep(db: Db, modelSlug: string, promptSlug: string, mode: SweepMode): Promise<Sweep> {
  const model = await db.rewardModel.findUnique({ where: { slug: parseInput(slugSchema, modelSlug) } });
  if (!model) throw new NotFoundError(`No model with slug "${modelSlug}"`);
  const prompt = await db.prompt.findUnique({ where: { slug: parseInput(slugSchema, promptSlug) } });
  if (!prompt) throw new NotFoundError(`No prompt with slug "${promptSlug}"`);
  if (mode === "IMPORTED") throw new BadInputError("IMPORTED sweeps come from the import CLI, not from requests");
  // Already done: the request is answered by the completed whole-vocabulary sweep (delete it to redo it).
  const done = await wholeCompletedSweep(db, model.id, prompt.id, mode);
  if (done) return done;
  if (mode === "ID") {
    const queued = await queueRequestedSweep(db, model, prompt, process.env.DATABASE_URL);
    if (queued) return queued;
  }
  // No bundle known here (or paper mode): record the request; a whole sweep of the same model,
  // prompt and mode (`npm run sweep`) fulfils it and removes this row (runner/sweep/sweepRecord.ts).
  const settingsKey = `${SWEEP_REQUEST_PREFIX}${createHash("sha256").update(JSON.stringify([model.id, prompt.id, mode])).digest("hex")}`;
  const request = await db.sweep.upsert({
    where: { settingsKey },
    create: { modelId: model.id, promptId: prompt.id, mode, settingsKey, status: "PENDING", tokenCount: model.vocabSize, backend: model.backend },
    update: {},
  });
  // A sweep that completed since the check above removed no request (there was none yet): this one
  // would wait for ever, so it goes, and the completed sweep answers.
  const completedMeanwhile = await wholeCompletedSweep(db, model.id, prompt.id, mode);
  if (!completedMeanwhile) return request;
  await db.sweep.deleteMany({ where: { id: request.id, status: "PENDING" } });
  return completedMeanwhile;
}

/** The representative COMPLETED whole-vocabulary sweep of a model, prompt and mode, if any. */
async function wholeCompletedSweep(db: Db, modelId: number, promptId: number, mode: SweepMode): Promise<Sweep | null> {
  const [done] = await db.$queryRaw<{ id: number }[]>`
    SELECT s.id FROM "Sweep" s
     WHERE s."modelId" = ${modelId} AND s."promptId" = ${promptId} AND s.mode = ${mode}::"SweepMode"
       AND s.status = 'COMPLETED' AND ${Prisma.raw(IS_WHOLE_VOCABULARY)}
     ORDER BY ${Prisma.raw(REPRESENTATIVE_SWEEP_ORDER)} LIMIT 1`;
  return done ? db.sweep.findUnique({ where: { id: done.id } }) : null;
}

export async function cancelSweep(db: Db, id: number): Promise<Sweep> {
  const updated = await db.sweep.updateMany({
    where: { id, status: { in: ["PENDING", "RUNNING"] } },
    data: { status: "CANCELLED", finishedAt: new Date() },
  });
  const sweep = await db.sweep.findUnique({ where: { id } });
  if (!sweep) throw new NotFoundError(`No sweep ${id}`);
  if (updated.count === 0) throw new BadInputError(`Sweep ${id} is ${sweep.status}: only PENDING or RUNNING sweeps can be cancelled`);
  return sweep;
}

/** Score and PendingScore have no foreign key (COPY speed): their rows go in the same transaction as the sweep. */
export async function deleteSweep(db: Db, id: number): Promise<{ id: number; deletedScores: number }> {
  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM "Sweep" WHERE id = ${id} FOR UPDATE`;
    if (!locked[0]) throw new NotFoundError(`No sweep ${id}`);
    if (locked[0].status === "RUNNING") throw new BadInputError(`Sweep ${id} is RUNNING: cancel it first`);
    const deletedScores =
      (await tx.$executeRaw`DELETE FROM "Score" WHERE "sweepId" = ${id}`) + (await tx.$executeRaw`DELETE FROM "PendingScore" WHERE "sweepId" = ${id}`);
    await tx.sweep.delete({ where: { id } });
    return { id, deletedScores };
  }, LONG_TRANSACTION);
}

export interface UploadedList {
  name: string;
  count: number;
  replaced: number;
}

export async function uploadIdentityTerms(db: Db, raw: unknown): Promise<UploadedList> {
  const { listName, terms } = parseInput(identityTermsSchema, raw);
  const unique = new Map(terms.map((t) => [JSON.stringify([t.category, t.group, t.term]), { listName, ...t }]));
  return db.$transaction(async (tx) => {
    const removed = await tx.identityTerm.deleteMany({ where: { listName } });
    const created = await tx.identityTerm.createMany({ data: [...unique.values()] });
    return { name: listName, count: created.count, replaced: removed.count };
  }, LONG_TRANSACTION);
}

export async function uploadLexicon(db: Db, raw: unknown): Promise<UploadedList> {
  const { name, entries } = parseInput(lexiconSchema, raw);
  return db.$transaction(async (tx) => {
    const removed = await tx.lexiconEntry.deleteMany({ where: { lexicon: name } });
    const created = await tx.lexiconEntry.createMany({ data: entries.map((e) => ({ lexicon: name, word: e.word, valence: e.valence })) });
    return { name, count: created.count, replaced: removed.count };
  }, LONG_TRANSACTION);
}
