// External human baseline: a candidate set's human scores (EloEverything Elo) against every
// model's score of the same items under one prompt. Read straight from CandidateItem /
// CandidateScore; models that did not score every item, or whose scores are constant (no
// ranking), are left out and listed.
import type pg from "pg";
import { humanBaseline } from "../../analysis";
import { storedInterval } from "../keys";
import type { StoredHumanBaseline, StoredItemRankDifference, Unavailable } from "../stored";

/** Largest |median model rank - human rank| differences kept per set x prompt. */
export const KEPT_DIFFERENCES = 200;

export interface CandidateData {
  items: { id: number; text: string; humanScore: number }[];
  /** Per model (slug order): score of each item, aligned with `items` (NaN = missing). */
  models: { modelId: number; slug: string; scores: Float64Array }[];
}

export async function loadCandidateData(pool: pg.Pool, setId: number, promptId: number): Promise<CandidateData> {
  const items = (
    await pool.query<{ id: number; text: string; humanScore: number }>(
      `SELECT id, text, "humanScore" FROM "CandidateItem" WHERE "setId" = $1 AND "humanScore" IS NOT NULL ORDER BY position`,
      [setId],
    )
  ).rows;
  const index = new Map(items.map((item, i) => [item.id, i]));
  const rows = await pool.query<[number, string, number, number]>({
    text: `SELECT m.id, m.slug, sc."itemId", sc.score
             FROM "CandidateScore" sc JOIN "RewardModel" m ON m.id = sc."modelId"
             JOIN "CandidateItem" ci ON ci.id = sc."itemId"
            WHERE ci."setId" = $1 AND sc."promptId" = $2
            ORDER BY m.slug, sc."itemId"`,
    values: [setId, promptId],
    rowMode: "array",
  });
  const models: CandidateData["models"] = [];
  for (const [modelId, slug, itemId, score] of rows.rows) {
    let model = models[models.length - 1];
    if (!model || model.modelId !== modelId) {
      model = { modelId, slug, scores: new Float64Array(items.length).fill(NaN) };
      models.push(model);
    }
    const i = index.get(itemId);
    if (i !== undefined) model.scores[i] = score;
  }
  return { items, models };
}

const isUsable = (scores: Float64Array) => scores.every((s) => Number.isFinite(s)) && scores.some((s) => s !== scores[0]);

export function computeHumanBaseline(
  subject: { setId: number; setSlug: string; promptId: number },
  data: CandidateData,
): StoredHumanBaseline | Unavailable {
  const usable = data.models.filter((m) => isUsable(m.scores));
  if (data.items.length < 3 || usable.length === 0) {
    return { unavailable: `${data.items.length} items with a human score, ${usable.length} models scoring all of them` };
  }
  const human = Float64Array.from(data.items, (item) => item.humanScore);
  const baseline = humanBaseline(human, usable.map((m) => ({ name: m.slug, scores: m.scores })));
  const order = Array.from(baseline.rankDifference, (_, i) => i).sort(
    (a, b) => Math.abs(baseline.rankDifference[b]) - Math.abs(baseline.rankDifference[a]) || a - b,
  );
  const largestDifferences: StoredItemRankDifference[] = order.slice(0, KEPT_DIFFERENCES).map((i) => ({
    text: data.items[i].text,
    // Tied Elo scores share an average rank; the contract's humanRank is an integer.
    humanRank: Math.round(baseline.humanRank[i]),
    medianModelRank: baseline.medianModelRank[i],
    difference: baseline.rankDifference[i],
    modelRanks: baseline.modelRanks.map((ranks) => ranks[i]),
  }));
  return {
    ...subject,
    items: data.items.length,
    modelIds: usable.map((m) => m.modelId),
    agreement: baseline.agreement.map((a, k) => ({
      modelId: usable[k].modelId, spearmanRho: a.spearman, spearmanRhoInterval: storedInterval(a.spearmanInterval),
      kendallTau: a.kendall, kendallTauInterval: storedInterval(a.kendallInterval),
    })),
    largestDifferences,
    excludedModelIds: data.models.filter((m) => !usable.includes(m)).map((m) => m.modelId),
  };
}
