// The rows a refresh should hold for the current catalogue: for each, its kind, scope, params
// and inputsKey, and the job that computes it. Planning reads no scores, so an up-to-date
// database is recognised from the catalogue alone.
import type { TextMatchOptions } from "../analysis";
import { HEADLINE_PROMPT } from "./compute/leaderboard";
import { inputsKey, KINDS, scopes, type InputToken, type InsightKind } from "./keys";
import { frequencyListInput, identityListInput, lexiconInput } from "./lists";
import { sweepInput, type Catalogue, type CandidateInputRef, type PromptRef, type SweepRef } from "./load";
import { NORMALIZATIONS, type VocabNormalization } from "./stored";

export type JsonParams = Record<string, string | number | boolean | null | number[] | Record<string, unknown>>;

export interface PlannedRow {
  kind: InsightKind;
  scope: string;
  inputsKey: string;
  params: JsonParams;
}

export type Job =
  | { type: "sweep"; sweep: SweepRef; texts: boolean; rows: PlannedRow[] }
  /** Valence asymmetry of a sweep (with texts) under an uploaded lexicon. */
  | { type: "lexicon"; sweep: SweepRef; lexicon: string; rows: PlannedRow[] }
  /** Identity-group slices of a sweep (with texts) under an uploaded identity list. */
  | { type: "identity-list"; sweep: SweepRef; list: string; rows: PlannedRow[] }
  /** Frequency bias of a sweep (with texts) under an imported frequency list. */
  | { type: "frequency-list"; sweep: SweepRef; list: string; rows: PlannedRow[] }
  | { type: "vocab"; prompt: PromptRef; normalization: VocabNormalization; sweeps: SweepRef[]; notCompared: NotCompared[]; rows: PlannedRow[] }
  | { type: "framing"; positive: SweepRef; negative: SweepRef; texts: boolean; rows: PlannedRow[] }
  | { type: "human"; candidate: CandidateInputRef; rows: PlannedRow[] }
  | { type: "leaderboard"; modelIds: number[]; components: LeaderboardComponents; rows: PlannedRow[] };

/** (kind, scope) of the rows the leaderboard reads, per model where per model. */
export interface LeaderboardComponents {
  heterogeneity: string | null;
  perModel: { modelId: number; valence: string | null; frequency: string | null; identity: string | null; framing: string | null }[];
}

export interface ResolvedOptions {
  permutations: number;
  resamples: number;
  seed: number;
  valenceMatch: Required<TextMatchOptions>;
}

function row(kind: InsightKind, scope: string, inputs: readonly InputToken[], options: unknown, params: JsonParams): PlannedRow {
  return { kind, scope, inputsKey: inputsKey(kind, scope, inputs, options), params: { scope, ...params, options: options as Record<string, unknown> } };
}

function sweepParams(s: SweepRef): JsonParams {
  return { modelId: s.model.id, modelSlug: s.model.slug, promptId: s.prompt.id, promptSlug: s.prompt.slug, sweepId: s.sweepId };
}

/** The framing pairs of the catalogue: (positive, negative) prompt ids, each pair once. */
function promptPairs(prompts: Map<number, PromptRef>): [number, number][] {
  const pairs: [number, number][] = [];
  for (const p of prompts.values()) {
    if (p.pairId === null || !prompts.has(p.pairId)) continue;
    const q = prompts.get(p.pairId) as PromptRef;
    // Positive side: the more positive framing, or the lower id when the framings do not say.
    const order = (x: PromptRef) => (x.framing === "POSITIVE" ? 0 : x.framing === "NEUTRAL" ? 1 : 2);
    if (order(p) < order(q) || (order(p) === order(q) && p.id < q.id)) pairs.push([p.id, q.id]);
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

/** A model left out of a prompt's cross-model comparison, and why. */
export interface NotCompared {
  modelSlug: string;
  reason: string;
}

/**
 * The sweeps one prompt's shared vocabulary is built over (METHOD: the decoded strings "present in
 * every compared model"; each model in the set removes every string it lacks). Joins go through
 * decoded text, so a model needs its vocabulary stored. Demo models are compared with demo models
 * and real reward models with real ones: the real ones where there are two, else the demo ones.
 * Within them, a `--limit` sweep of the first N ids would cut the vocabulary to those ids: it is
 * left out where two sweeps of the whole vocabulary can be compared instead.
 */
export function comparedSweeps(sweeps: readonly SweepRef[], modelsWithTexts: ReadonlySet<number>): { sweeps: SweepRef[]; notCompared: NotCompared[] } {
  const notCompared: NotCompared[] = [];
  const leaveOut = (s: SweepRef, reason: string) => notCompared.push({ modelSlug: s.model.slug, reason });
  const joinable = sweeps.filter((s) => modelsWithTexts.has(s.model.id));
  for (const s of sweeps) if (!joinable.includes(s)) leaveOut(s, "no vocabulary stored: its tokens cannot be joined by text");
  const real = joinable.filter((s) => !s.model.isDemo);
  const demo = joinable.filter((s) => s.model.isDemo);
  let cohort = real.length >= 2 || demo.length === 0 ? real : demo;
  for (const s of joinable) {
    if (cohort.includes(s)) continue;
    leaveOut(s, s.model.isDemo ? "demo model: compared only with other demo models while two real models have sweeps" : "real model: compared only with another real model");
  }
  const whole = cohort.filter((s) => s.wholeVocabulary);
  if (whole.length >= 2) {
    for (const s of cohort) if (!s.wholeVocabulary) leaveOut(s, `sweep ${s.sweepId} scores only the first ${s.scoredCount} ids`);
    cohort = whole;
  }
  return { sweeps: cohort, notCompared: notCompared.sort((a, b) => (a.modelSlug < b.modelSlug ? -1 : a.modelSlug > b.modelSlug ? 1 : 0)) };
}

export function planRefresh(catalogue: Catalogue, options: ResolvedOptions): Job[] {
  const jobs: Job[] = [];
  const resampling = { resamples: options.resamples, permutations: options.permutations, seed: options.seed };
  const textOptions = { ...resampling, match: options.valenceMatch, lexicon: "AFINN-165" };
  const bySweep = new Map<string, SweepRef>();
  for (const s of catalogue.sweeps) bySweep.set(scopes.sweep(s.model.id, s.prompt.id), s);

  for (const s of catalogue.sweeps) {
    const scope = scopes.sweep(s.model.id, s.prompt.id);
    const inputs = [sweepInput(s)];
    const params = sweepParams(s);
    const texts = catalogue.modelsWithTexts.has(s.model.id);
    const rows = [row(KINDS.distribution, scope, inputs, {}, params)];
    if (texts) {
      rows.push(row(KINDS.valence, scope, inputs, textOptions, params));
      rows.push(row(KINDS.frequency, scope, inputs, { ...textOptions, frequency: "SUBTLEX-US", logBase: 10 }, params));
      rows.push(row(KINDS.identity, scope, inputs, { resamples: options.resamples, permutations: options.permutations, seed: options.seed, groups: "IDENTITY_GROUPS" }, params));
    }
    jobs.push({ type: "sweep", sweep: s, texts, rows });
    if (!texts) continue;
    // Uploaded lists: own scopes (the built-in rows, and so the leaderboard, are untouched) and
    // params naming the list, which the reads filter on (insights.service.ts).
    for (const lexicon of catalogue.lexicons) {
      const scope = scopes.sweepLexicon(s.model.id, s.prompt.id, lexicon.name);
      const lexiconOptions = { ...textOptions, lexicon: lexicon.name };
      const r = row(KINDS.valence, scope, [...inputs, lexiconInput(lexicon)], lexiconOptions, { ...params, lexicon: lexicon.name });
      jobs.push({ type: "lexicon", sweep: s, lexicon: lexicon.name, rows: [r] });
    }
    for (const list of catalogue.identityLists) {
      const scope = scopes.sweepIdentityList(s.model.id, s.prompt.id, list.name);
      const listOptions = { resamples: options.resamples, permutations: options.permutations, seed: options.seed, groups: list.name };
      const r = row(KINDS.identity, scope, [...inputs, identityListInput(list)], listOptions, { ...params, list: list.name });
      jobs.push({ type: "identity-list", sweep: s, list: list.name, rows: [r] });
    }
    for (const list of catalogue.frequencyLists) {
      const scope = scopes.sweepFrequencyList(s.model.id, s.prompt.id, list.name);
      const listOptions = { ...textOptions, frequency: list.name, logBase: 10 };
      const r = row(KINDS.frequency, scope, [...inputs, frequencyListInput(list)], listOptions, { ...params, frequency: list.name });
      jobs.push({ type: "frequency-list", sweep: s, list: list.name, rows: [r] });
    }
  }

  for (const prompt of catalogue.prompts.values()) {
    const { sweeps, notCompared } = comparedSweeps(catalogue.sweeps.filter((s) => s.prompt.id === prompt.id), catalogue.modelsWithTexts);
    if (sweeps.length === 0) continue;
    for (const normalization of NORMALIZATIONS) {
      const scope = scopes.vocab(prompt.id, normalization);
      const inputs: InputToken[] = [...sweeps.map(sweepInput), ["not-compared", ...notCompared.map((n) => `${n.modelSlug}: ${n.reason}`)]];
      const params: JsonParams = { promptId: prompt.id, promptSlug: prompt.slug, normalization, sweepIds: sweeps.map((s) => s.sweepId) };
      jobs.push({
        type: "vocab",
        prompt,
        normalization,
        sweeps,
        notCompared,
        rows: [
          row(KINDS.sharedVocab, scope, inputs, { normalization }, params),
          row(KINDS.sharedVocabMapping, scope, inputs, { normalization }, params),
          row(KINDS.heterogeneity, scope, inputs, { normalization, permutations: options.permutations, seed: options.seed }, params),
        ],
      });
    }
  }

  const pairs = promptPairs(catalogue.prompts);
  const modelIds = [...new Set(catalogue.sweeps.map((s) => s.model.id))];
  for (const modelId of modelIds) {
    for (const [pos, neg] of pairs) {
      const positive = bySweep.get(scopes.sweep(modelId, pos));
      const negative = bySweep.get(scopes.sweep(modelId, neg));
      if (!positive || !negative) continue;
      const scope = scopes.framing(modelId, pos, neg);
      const params: JsonParams = {
        modelId,
        modelSlug: positive.model.slug,
        positivePromptId: pos,
        positivePromptSlug: positive.prompt.slug,
        negativePromptId: neg,
        negativePromptSlug: negative.prompt.slug,
        sweepIds: [positive.sweepId, negative.sweepId],
      };
      const texts = catalogue.modelsWithTexts.has(modelId);
      const rows = [row(KINDS.framing, scope, [sweepInput(positive), sweepInput(negative)], { ...textOptions, k: 50 }, params)];
      jobs.push({ type: "framing", positive, negative, texts, rows });
    }
  }

  for (const candidate of catalogue.candidates) {
    const scope = scopes.humanBaseline(candidate.setId, candidate.promptId);
    const params: JsonParams = { setId: candidate.setId, setSlug: candidate.setSlug, promptId: candidate.promptId, promptSlug: candidate.promptSlug };
    const rows = [row(KINDS.humanBaseline, scope, [["candidates", candidate.digest]], { kept: 200 }, params)];
    jobs.push({ type: "human", candidate, rows });
  }

  jobs.push(planLeaderboard(jobs, catalogue, modelIds, pairs));
  return jobs;
}

function planLeaderboard(jobs: Job[], catalogue: Catalogue, modelIds: number[], pairs: [number, number][]): Job {
  const planned = new Map<string, PlannedRow>();
  for (const job of jobs) for (const r of job.rows) planned.set(`${r.kind}|${r.scope}`, r);
  const headline = [...catalogue.prompts.values()].find((p) => p.slug === HEADLINE_PROMPT);
  const has = (kind: InsightKind, scope: string) => (planned.has(`${kind}|${scope}`) ? scope : null);
  // Preferred framing pair: the paper's best/worst, else the first pair the model has.
  const pairOrder = [...pairs].sort((a, b) => Number(catalogue.prompts.get(b[0])?.slug === "best") - Number(catalogue.prompts.get(a[0])?.slug === "best"));
  const components: LeaderboardComponents = {
    heterogeneity: headline ? has(KINDS.heterogeneity, scopes.vocab(headline.id, "PAPER")) : null,
    perModel: modelIds.map((modelId) => {
      const sweepScope = headline ? scopes.sweep(modelId, headline.id) : "";
      const framing = pairOrder.map(([p, n]) => has(KINDS.framing, scopes.framing(modelId, p, n))).find((s) => s !== null) ?? null;
      return {
        modelId,
        valence: has(KINDS.valence, sweepScope),
        frequency: has(KINDS.frequency, sweepScope),
        identity: has(KINDS.identity, sweepScope),
        framing,
      };
    }),
  };
  const inputs: InputToken[] = [];
  const add = (kind: InsightKind, scope: string | null) => {
    const r = scope ? planned.get(`${kind}|${scope}`) : undefined;
    if (r) inputs.push([r.kind, r.scope, r.inputsKey]);
  };
  add(KINDS.heterogeneity, components.heterogeneity);
  for (const m of components.perModel) {
    add(KINDS.valence, m.valence);
    add(KINDS.frequency, m.frequency);
    add(KINDS.identity, m.identity);
    add(KINDS.framing, m.framing);
  }
  const scope = scopes.leaderboard();
  return { type: "leaderboard", modelIds, components, rows: [row(KINDS.leaderboard, scope, [...inputs, ["models", ...modelIds]], {}, {})] };
}
