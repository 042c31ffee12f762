// Runs one planned job: loads what it needs through InsightData and returns a result per
// requested row (only the rows whose inputs changed are computed).
import type pg from "pg";
import { afinnLexicon, subtlexFrequencies, type SharedVocab, type VocabEntry } from "../analysis";
import { alignSweeps, computeFraming } from "./compute/framing";
import { computeHeterogeneity, computeSharedVocab, sharedVocabOf, type VocabModel } from "./compute/heterogeneity";
import { computeHumanBaseline, loadCandidateData } from "./compute/humanBaseline";
import { computeDistribution, computeFrequencyBias, computeIdentityGroups, computeValenceAsymmetry, type ResamplingSettings } from "./compute/sweep";
import { KINDS, type InsightKind } from "./keys";
import type { InsightData } from "./load";
import type { Job, PlannedRow, ResolvedOptions } from "./plan";
import { isUnavailable } from "./stored";

export type JobResults = Map<InsightKind, unknown>;

export class JobRunner {
  /** Vocabulary entries of the current prompt's models, reused by its three normalisations. */
  private entries: { promptId: number; models: VocabModel[]; signature: string } | null = null;
  /** Shared vocabularies by normalisation, for the entries `signature`: the next prompt's sweeps of
   * the same models over the same ids reuse them (building one is ~0.25 s per 76k strings). */
  private sharedVocabs: { signature: string; byNormalization: Map<string, SharedVocab> } | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly data: InsightData,
    private readonly options: ResolvedOptions,
  ) {}

  private get settings(): ResamplingSettings {
    return { resamples: this.options.resamples, permutations: this.options.permutations, seed: this.options.seed };
  }

  /** Results for `wanted` (a subset of job.rows), keyed by kind. The leaderboard is not run here. */
  async run(job: Job, wanted: readonly PlannedRow[]): Promise<JobResults> {
    const kinds = new Set(wanted.map((r) => r.kind));
    switch (job.type) {
      case "sweep":
        return this.runSweep(job, kinds);
      case "lexicon":
      case "identity-list":
      case "frequency-list":
        return this.runList(job);
      case "vocab":
        return this.runVocab(job, kinds);
      case "framing":
        return this.runFraming(job);
      case "human": {
        const { setId, setSlug, promptId } = job.candidate;
        const data = await loadCandidateData(this.pool, setId, promptId);
        return new Map([[KINDS.humanBaseline, computeHumanBaseline({ setId, setSlug, promptId }, data)]]);
      }
      case "leaderboard":
        throw new Error("the leaderboard is assembled inside the write transaction");
    }
  }

  private async runSweep(job: Extract<Job, { type: "sweep" }>, kinds: Set<InsightKind>): Promise<JobResults> {
    const s = job.sweep;
    const subject = { modelId: s.model.id, promptId: s.prompt.id, sweepId: s.sweepId };
    const { ids, scores } = await this.data.scores(s.sweepId);
    const out: JobResults = new Map();
    if (kinds.has(KINDS.distribution)) out.set(KINDS.distribution, computeDistribution(subject, scores));
    if (!job.texts) return out;
    const tokens = { ids, scores, texts: await this.data.textsOf(s.model.id, ids) };
    const match = this.options.valenceMatch;
    if (kinds.has(KINDS.valence)) out.set(KINDS.valence, computeValenceAsymmetry(subject, tokens, afinnLexicon(), match, this.settings));
    if (kinds.has(KINDS.frequency)) {
      out.set(KINDS.frequency, computeFrequencyBias(subject, tokens, afinnLexicon(), subtlexFrequencies(), match, this.settings));
    }
    if (kinds.has(KINDS.identity)) out.set(KINDS.identity, computeIdentityGroups(subject, tokens, this.settings));
    return out;
  }

  /** One sweep under an uploaded lexicon, identity list or frequency list (the job's single row). */
  private async runList(job: Extract<Job, { type: "lexicon" | "identity-list" | "frequency-list" }>): Promise<JobResults> {
    const s = job.sweep;
    const subject = { modelId: s.model.id, promptId: s.prompt.id, sweepId: s.sweepId };
    const { ids, scores } = await this.data.scores(s.sweepId);
    const tokens = { ids, scores, texts: await this.data.textsOf(s.model.id, ids) };
    if (job.type === "lexicon") {
      const lexicon = await this.data.lexicon(job.lexicon);
      return new Map([[KINDS.valence, computeValenceAsymmetry(subject, tokens, lexicon, this.options.valenceMatch, this.settings)]]);
    }
    if (job.type === "frequency-list") {
      const table = await this.data.frequencyTable(job.list);
      return new Map([[KINDS.frequency, computeFrequencyBias(subject, tokens, afinnLexicon(), table, this.options.valenceMatch, this.settings)]]);
    }
    const groups = await this.data.identityGroups(job.list);
    return new Map([[KINDS.identity, computeIdentityGroups(subject, tokens, this.settings, groups)]]);
  }

  private async vocabModels(job: Extract<Job, { type: "vocab" }>): Promise<{ models: VocabModel[]; signature: string }> {
    if (this.entries?.promptId === job.prompt.id) return this.entries;
    this.entries = null; // release the previous prompt's entries before building the next
    const models: VocabModel[] = [];
    for (const s of job.sweeps) {
      const { byId, ids } = await this.data.scores(s.sweepId);
      const texts = await this.data.texts(s.model.id);
      const entries: VocabEntry[] = [];
      for (const id of ids) {
        const text = texts[id];
        if (text !== undefined) entries.push({ tokenId: id, text });
      }
      models.push({ modelId: s.model.id, slug: s.model.slug, byId, entries });
    }
    this.entries = { promptId: job.prompt.id, models, signature: entriesSignature(models) };
    return this.entries;
  }

  private sharedVocab(job: Extract<Job, { type: "vocab" }>, models: VocabModel[], signature: string): SharedVocab {
    if (this.sharedVocabs?.signature !== signature) this.sharedVocabs = { signature, byNormalization: new Map() };
    let vocab = this.sharedVocabs.byNormalization.get(job.normalization);
    if (!vocab) {
      vocab = sharedVocabOf(job.normalization, models);
      this.sharedVocabs.byNormalization.set(job.normalization, vocab);
    }
    return vocab;
  }

  private async runVocab(job: Extract<Job, { type: "vocab" }>, kinds: Set<InsightKind>): Promise<JobResults> {
    const { models, signature } = await this.vocabModels(job);
    const shared = computeSharedVocab(job.prompt.id, job.normalization, models, this.sharedVocab(job, models, signature));
    const out: JobResults = new Map<InsightKind, unknown>([
      [KINDS.sharedVocab, shared.summary],
      [KINDS.sharedVocabMapping, shared.mapping],
    ]);
    if (kinds.has(KINDS.heterogeneity)) {
      const settings = { permutations: this.options.permutations, seed: this.options.seed };
      const heterogeneity = computeHeterogeneity(job.prompt.id, job.normalization, models, shared.vocab, settings);
      out.set(KINDS.heterogeneity, isUnavailable(heterogeneity) ? heterogeneity : { ...heterogeneity, notCompared: job.notCompared });
    }
    return out;
  }

  private async runFraming(job: Extract<Job, { type: "framing" }>): Promise<JobResults> {
    const positive = await this.data.scores(job.positive.sweepId);
    const negative = await this.data.scores(job.negative.sweepId);
    const aligned = alignSweeps(positive.byId, negative.byId);
    const texts = job.texts ? await this.data.textsOf(job.positive.model.id, aligned.ids) : null;
    const subject = { modelId: job.positive.model.id, positivePromptId: job.positive.prompt.id, negativePromptId: job.negative.prompt.id };
    const result = computeFraming(subject, { ...aligned, texts }, afinnLexicon(), this.options.valenceMatch, this.settings);
    return new Map([[KINDS.framing, result]]);
  }
}

/** Which models, and exactly which (token id, text) entries each brings (FNV-1a over both). */
function entriesSignature(models: readonly VocabModel[]): string {
  return models
    .map((m) => {
      let hash = 0x811c9dc5;
      for (const { tokenId, text } of m.entries) {
        hash = Math.imul(hash ^ tokenId, 0x01000193);
        for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
      }
      return `${m.modelId}:${m.entries.length}:${(hash >>> 0).toString(16)}`;
    })
    .join(",");
}
