// A ranked list of tokens (top or bottom k of a sweep).
import { graphql } from "../graphql/generated";
import type { RankedTokensFragment } from "../graphql/generated/graphql";
import { formatInt, formatNum, formatPercentile } from "../lib/format";
import { TokenFlags } from "./TokenFlags";
import { TokenText } from "./TokenText";

// What a RankedTable shows: spread `...RankedTokens` into a ranking(...) selection to pass it one
// (codegen resolves the spread by name and appends this fragment to that operation's text).
graphql(`
  fragment RankedTokens on RankingConnection {
    totalCount
    sweep { id mode tokenCount }
    edges { node { tokenId decoded piece score rank percentile flags { special byte whitespace } } }
  }
`);

export function RankedTable({
  title,
  label = title,
  connection,
  compact = false,
}: {
  title: string;
  /** Accessible name of the section when the page shows several with one title (one per model). */
  label?: string;
  connection: RankedTokensFragment;
  compact?: boolean;
}) {
  return (
    // A named region (section + aria-label) that scrolls sideways on a phone: a tab stop, so the
    // keyboard can scroll it too.
    <section className="ranked" aria-label={label} tabIndex={0}>
      <h3>{title}</h3>
      {connection.edges.length === 0 ? (
        <p className="muted">No tokens.</p>
      ) : (
        <table className="data compact">
          <thead>
            <tr>
              <th scope="col" className="num">Rank</th>
              <th scope="col">Token</th>
              {compact ? null : <th scope="col" className="num">Id</th>}
              <th scope="col" className="num">Score</th>
              {compact ? null : <th scope="col" className="num" title="Percentile (100 = top)">Pct</th>}
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <tr key={node.tokenId}>
                <td className="num">{formatInt(node.rank)}</td>
                <td className="token-cell">
                  <TokenText text={node.decoded ?? node.piece} />
                  <TokenFlags flags={node.flags} />
                </td>
                {compact ? null : <td className="num muted">{node.tokenId}</td>}
                <td className="num">{formatNum(node.score, 3)}</td>
                {compact ? null : <td className="num">{formatPercentile(node.percentile)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
