/**
 * External human baseline (METHOD; data: EloEverything items with a human Elo and each model's
 * raw score for the item as a one-item answer).
 *
 * - Agreement per model: Spearman rho and Kendall tau-b between human Elo and the model's score
 *   (scipy conventions, see correlation.ts).
 * - Ranks: descending average ranks, 1 = most preferred (by humans: highest Elo; by a model:
 *   highest score). Ties share their mean rank (Elo scores tie often).
 * - Per item rank difference = median over models of the model rank - human rank. Negative =
 *   models rank the item higher (better) than humans do; positive = lower. This is the
 *   diverging bar chart.
 * - Trajectories: every item's rank under each model, for line plots across models.
 */
import { spearmanRho } from "./correlation";
import { prepareTieRanking } from "./kendall";
import { kendallTauBJackknife, type JackknifeInterval } from "./kendallJackknife";
import { median } from "./moments";
import { rankDescending } from "./ranks";
import { spearmanRhoJackknife } from "./spearmanJackknife";
import { assertSameLength, type Interval, type Numbers } from "./types";

export interface ModelScores {
  name: string;
  scores: Numbers;
}

export interface ModelAgreement {
  name: string;
  spearman: number;
  kendall: number;
  /** kendall with its 95% delete-one jackknife interval. */
  kendallInterval: JackknifeInterval;
  /** Delete-one jackknife interval of spearman (spearmanJackknife.ts). */
  spearmanInterval: Interval;
}

export interface HumanBaseline {
  agreement: ModelAgreement[];
  /** Human rank of each item (1 = highest Elo). */
  humanRank: Float64Array;
  /** modelRanks[m][i] = rank of item i under model m (the rank trajectories). */
  modelRanks: Float64Array[];
  medianModelRank: Float64Array;
  /** medianModelRank - humanRank per item. */
  rankDifference: Float64Array;
}

export function humanBaseline(human: Numbers, models: readonly ModelScores[]): HumanBaseline {
  models.forEach((m) => assertSameLength(human, m.scores, `human vs ${m.name}`));
  const humanRank = rankDescending(human);
  const modelRanks = models.map((m) => rankDescending(m.scores));
  const n = human.length;
  const medianModelRank = new Float64Array(n);
  const rankDifference = new Float64Array(n);
  const column = new Float64Array(models.length);
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < models.length; m++) column[m] = modelRanks[m][i];
    medianModelRank[i] = models.length ? median(column) : NaN;
    rankDifference[i] = medianModelRank[i] - humanRank[i];
  }
  const humanTies = prepareTieRanking(human);
  return {
    agreement: models.map((m) => {
      const modelTies = prepareTieRanking(m.scores);
      const kendallInterval = kendallTauBJackknife(humanTies, modelTies);
      const spearmanInterval = spearmanRhoJackknife(humanTies, modelTies);
      return { name: m.name, spearman: spearmanRho(human, m.scores), spearmanInterval, kendall: kendallInterval.estimate, kendallInterval };
    }),
    humanRank,
    modelRanks,
    medianModelRank,
    rankDifference,
  };
}
