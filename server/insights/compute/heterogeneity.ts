// Shared vocabulary and heterogeneity of one prompt under one normalisation: which decoded
// strings every model has exactly once (METHOD), then tau-b / Spearman rho / RBO between every
// pair of models over those strings (tau with its jackknife interval), a 2-D MDS map from 1 - tau,
// and a shuffled-tau null.
import {
  buildSharedVocab,
  classicalMds,
  gatherScores,
  disagreementsOfPercentiles,
  jackknifeInterval,
  kendallTauBJackknife,
  oneMinus,
  pairwiseStatistics,
  percentiles,
  prepareScores,
  spearmanRhoJackknife,
  tauShuffleNull,
  type SharedVocab,
  type SharedVocabOptions,
  type VocabEntry,
} from "../../analysis";
import { finiteOrNull, matrixRows, storedInterval, storedNull } from "../keys";
import type {
  StoredDisagreement,
  StoredHeterogeneity,
  StoredPair,
  StoredSharedVocab,
  StoredSharedVocabMapping,
  Unavailable,
  VocabNormalization,
} from "../stored";

export const SHARED_VOCAB_SAMPLE = 50;
/** Strings kept per pair and direction for "where two models disagree". */
export const DISAGREEMENTS_PER_PAIR = 20;

export const NORMALIZATION_OPTIONS: Record<VocabNormalization, SharedVocabOptions> = {
  PAPER: {},
  STRIP_SPACE: { stripLeadingSpace: true },
  STRIP_SPACE_CASEFOLD: { stripLeadingSpace: true, caseFold: true },
};

/** One model's sweep of the prompt: its scores by token id and its scored tokens' texts. */
export interface VocabModel {
  modelId: number;
  slug: string;
  byId: Float32Array;
  entries: VocabEntry[];
}

export interface SharedVocabResult {
  vocab: SharedVocab;
  summary: StoredSharedVocab;
  mapping: StoredSharedVocabMapping;
}

/** `models` in slug order; that order is kept in every stored matrix and list. */
/** The shared vocabulary of these models' entries: depends on the entries and the normalisation only. */
export function sharedVocabOf(normalization: VocabNormalization, models: readonly VocabModel[]): SharedVocab {
  return buildSharedVocab(models.map((m) => m.entries), NORMALIZATION_OPTIONS[normalization]);
}

export function computeSharedVocab(
  promptId: number,
  normalization: VocabNormalization,
  models: readonly VocabModel[],
  vocab: SharedVocab = sharedVocabOf(normalization, models),
): SharedVocabResult {
  const modelIds = models.map((m) => m.modelId);
  return {
    vocab,
    summary: {
      promptId,
      normalization,
      modelIds,
      size: vocab.strings.length,
      droppedAsDuplicates: vocab.droppedAsDuplicates,
      duplicatesPerModel: vocab.duplicatesPerModel,
      notInEveryModel: vocab.notInEveryModel,
      sample: displaySample(vocab.strings),
    },
    mapping: { promptId, normalization, modelIds, strings: vocab.strings, tokenIds: vocab.tokenIds.map((ids) => Array.from(ids)) },
  };
}

/** The first strings with a letter or digit: the shared order starts with control characters. */
function displaySample(strings: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of strings) {
    if (out.length >= SHARED_VOCAB_SAMPLE) break;
    if (/[\p{L}\p{N}]/u.test(s)) out.push(s);
  }
  return out;
}

function isConstant(x: Float64Array): boolean {
  for (let i = 1; i < x.length; i++) if (x[i] !== x[0]) return false;
  return true;
}

export function computeHeterogeneity(
  promptId: number,
  normalization: VocabNormalization,
  models: readonly VocabModel[],
  vocab: SharedVocab,
  settings: { permutations: number; seed: number },
): StoredHeterogeneity | Unavailable {
  if (vocab.strings.length < 2) return { unavailable: `shared vocabulary has ${vocab.strings.length} strings` };
  const gathered = models.map((m, k) => gatherScores(m.byId, vocab.tokenIds[k]));
  // tau and rho are undefined for a constant vector; such a model cannot be placed on the map.
  const kept = models.map((_, k) => k).filter((k) => !isConstant(gathered[k]));
  if (kept.length === 0) return { unavailable: "every model's scores are constant over the shared vocabulary" };
  const scores = kept.map((k) => gathered[k]);
  const slugs = kept.map((k) => models[k].slug);
  const m = kept.length;
  const prepared = scores.map((s) => prepareScores(s));
  const matrices = pairwiseStatistics(prepared);
  const percentilesByModel = scores.map((s) => percentiles(s));
  const tau = matrices.tau as Float64Array;
  const rho = matrices.rho as Float64Array;
  const rbo = matrices.rbo as Float64Array;
  const pairs: StoredPair[] = [];
  // Each model's tau to the others with each string deleted, summed: the mean tau's jackknife.
  const leaveOneOutSums: (Float64Array | null)[] = kept.map(() => new Float64Array(vocab.strings.length));
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const jackknife = kendallTauBJackknife(prepared[a].tie, prepared[b].tie);
      for (const k of [a, b]) {
        const sums = leaveOneOutSums[k];
        if (!sums || !jackknife.leaveOneOut) leaveOneOutSums[k] = null;
        else for (let i = 0; i < sums.length; i++) sums[i] += jackknife.leaveOneOut[i];
      }
      const tauInterval = storedInterval(jackknife);
      const apart = disagreementsOfPercentiles(percentilesByModel[a], percentilesByModel[b], DISAGREEMENTS_PER_PAIR);
      const strings = (indices: Int32Array): StoredDisagreement[] =>
        Array.from(indices, (i) => ({ text: vocab.strings[i], percentileA: apart.percentileA[i], percentileB: apart.percentileB[i] }));
      pairs.push({
        a: slugs[a], b: slugs[b], kendallTau: tau[a * m + b], kendallTauInterval: tauInterval, spearmanRho: rho[a * m + b],
        spearmanRhoInterval: storedInterval(spearmanRhoJackknife(prepared[a].tie, prepared[b].tie)), rbo: rbo[a * m + b],
        aOverB: strings(apart.aOverB), bOverA: strings(apart.bOverA),
      });
    }
  }
  const mds = classicalMds(oneMinus(tau), 2);
  // "A model vs a shuffled copy of itself": tau's null is the same for any model up to ties.
  const tauNull = storedNull(tauShuffleNull(scores[0], scores[0], { resamples: settings.permutations, seed: settings.seed }));
  if (!tauNull) return { unavailable: "the tau null baseline is undefined" };
  return {
    promptId,
    normalization,
    sharedVocabularySize: vocab.strings.length,
    modelIds: kept.map((k) => models[k].modelId),
    modelSlugs: slugs,
    kendallTau: matrixRows(tau, m),
    meanTauIntervals: leaveOneOutSums.map((sums, k) => (m < 2 || !sums ? null : storedInterval(meanTauJackknife(tau, m, k, sums)))),
    spearmanRho: matrixRows(rho, m),
    rbo: matrixRows(rbo, m),
    pairs,
    mds: kept.map((k, i) => ({ modelId: models[k].modelId, x: mds.coords[i * 2], y: mds.coords[i * 2 + 1] })),
    mdsGoodnessOfFit: finiteOrNull(mds.goodnessOfFit),
    tauNull,
    excludedModelSlugs: models.filter((_, k) => !kept.includes(k)).map((model) => model.slug),
  };
}

/** A model's mean tau to the other models with its jackknife interval, from the summed leave-one-out taus. */
function meanTauJackknife(tau: Float64Array, m: number, k: number, leaveOneOutSums: Float64Array) {
  let sum = 0;
  for (let j = 0; j < m; j++) if (j !== k) sum += tau[k * m + j];
  return jackknifeInterval(sum / (m - 1), leaveOneOutSums.map((v) => v / (m - 1)));
}
