/**
 * Percentile of a token within its sweep, 0..1, on the same convention as the analyses
 * (server/analysis/ranks.ts: mid-rank, scipy's percentileofscore kind="mean", divided by 100):
 * the share of the sweep scored strictly below the token plus half the share tied with it. The
 * stored rank is the best rank of the tie group (1 + number of higher scores); the group's size is
 * the next lower score's rank minus this one (`nextRank`, null when no score is lower).
 * An untied top token gets 1 - 0.5/n, an untied bottom token 0.5/n; a whole sweep tied, 0.5.
 * (Min-rank percentiles gave every member of a large tie group, common in bf16 reward models, the
 * group's best percentile here and its middle one in the analyses.)
 */
export function percentileOfRank(rank: number, tokenCount: number, nextRank: number | null): number {
  if (tokenCount <= 0) return NaN;
  const tied = (nextRank ?? tokenCount + 1) - rank;
  return (tokenCount - rank + 1 - tied / 2) / tokenCount;
}

/** SQL (Score row alias `sc`): the rank of the next lower score in the same sweep, one index probe. */
export const NEXT_RANK_SQL = `(SELECT nx.rank FROM "Score" nx WHERE nx."sweepId" = sc."sweepId" AND nx.score < sc.score ORDER BY nx.score DESC, nx."tokenId" DESC LIMIT 1)`;
