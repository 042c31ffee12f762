/**
 * Percentile of a rank within a sweep: 1 - (rank - 1) / (tokenCount - 1).
 * 1 = the highest-scoring token, 0 = the lowest; tied tokens share the best rank and so the same
 * percentile. A sweep of one token gives 1.
 */
export function percentileOfRank(rank: number, tokenCount: number): number {
  if (tokenCount <= 1) return 1;
  return 1 - (rank - 1) / (tokenCount - 1);
}
