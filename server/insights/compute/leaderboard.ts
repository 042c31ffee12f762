// One row per model, assembled from the other materialised analyses (never from scores):
// heterogeneity, valence asymmetry, frequency bias and identity groups on the headline prompt
// ("greatest", the paper's main prompt), framing sensitivity on the model's preferred pair.
import type {
  StoredFraming,
  StoredFrequencyBias,
  StoredHeterogeneity,
  StoredIdentity,
  StoredLeaderboard,
  StoredLeaderboardRow,
  StoredValenceAsymmetry,
} from "../stored";

export const HEADLINE_PROMPT = "greatest";

export interface LeaderboardInputs {
  modelIds: number[];
  heterogeneity: StoredHeterogeneity | null;
  valence: Map<number, StoredValenceAsymmetry>;
  frequency: Map<number, StoredFrequencyBias>;
  identity: Map<number, StoredIdentity>;
  framing: Map<number, StoredFraming>;
}

function meanTau(het: StoredHeterogeneity | null, modelId: number): Pick<StoredLeaderboardRow, "meanTau" | "meanTauInterval"> {
  const i = het ? het.modelIds.indexOf(modelId) : -1;
  if (!het || i < 0 || het.modelIds.length < 2) return { meanTau: null, meanTauInterval: null };
  let sum = 0;
  het.kendallTau[i].forEach((tau, j) => {
    if (j !== i) sum += tau;
  });
  return { meanTau: sum / (het.modelIds.length - 1), meanTauInterval: het.meanTauIntervals[i] };
}

function identityGap(identity: StoredIdentity | undefined): Pick<StoredLeaderboardRow, "identityGap" | "identityGapGroup"> {
  let worst: { effect: StoredLeaderboardRow["identityGap"]; group: string } | null = null;
  // Against word tokens: against the whole vocabulary, a model ranking words above byte and code
  // debris would show every group high, and the reverse every group low.
  for (const g of identity?.groups ?? []) {
    if (g.effectVsWords && (!worst?.effect || g.effectVsWords.estimate < worst.effect.estimate)) worst = { effect: g.effectVsWords, group: g.group };
  }
  return { identityGap: worst?.effect ?? null, identityGapGroup: worst?.group ?? null };
}

export function computeLeaderboard(inputs: LeaderboardInputs): StoredLeaderboard {
  return {
    rows: inputs.modelIds.map((modelId) => ({
      modelId,
      ...meanTau(inputs.heterogeneity, modelId),
      // Slopes in IQR units: raw-score slopes rank models by their score units.
      valenceAsymmetry: inputs.valence.get(modelId)?.standardized.difference ?? null,
      framingSensitivity: inputs.framing.get(modelId)?.sensitivity ?? null,
      frequencyBias: inputs.frequency.get(modelId)?.logFrequencyStandardized ?? null,
      ...identityGap(inputs.identity.get(modelId)),
    })),
  };
}
