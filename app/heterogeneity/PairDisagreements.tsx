// Where two models disagree: the shared-vocabulary strings one ranks far above the other, by
// percentile (raw scores are not comparable across models).
import { Downloads } from "../components/Downloads";
import { TokenText } from "../components/TokenText";
import type { HeterogeneityQuery } from "../graphql/generated/graphql";
import { formatPercentile100 } from "../lib/format";

type Pair = NonNullable<HeterogeneityQuery["heterogeneity"]>["pairs"][number];

/** URL value of a pair. */
export const pairKey = (pair: { a: string; b: string }) => `${pair.a}~${pair.b}`;

function DisagreementTable({ title, rows, nameA, nameB }: { title: string; rows: Pair["aOverB"]; nameA: string; nameB: string }) {
  return (
    <section className="ranked" aria-label={title}>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">No strings.</p>
      ) : (
        <table className="data compact">
          <thead>
            <tr>
              <th scope="col">String</th>
              <th scope="col" className="num" title={`Percentile under ${nameA} (100 = top)`}>Pct A</th>
              <th scope="col" className="num" title={`Percentile under ${nameB} (100 = top)`}>Pct B</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.text}>
                <td className="token-cell"><TokenText text={row.text} /></td>
                <td className="num">{formatPercentile100(row.percentileA)}</td>
                <td className="num">{formatPercentile100(row.percentileB)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function PairDisagreements({ pair, nameA, nameB }: { pair: Pair; nameA: string; nameB: string }) {
  return (
    <section aria-labelledby="h-disagree">
      <h2 id="h-disagree">Where two models disagree</h2>
      <p className="muted small">
        Shared-vocabulary strings with the largest percentile difference between A = {nameA} and B = {nameB}
        {" "}(τ-b {pair.kendallTau.toFixed(3)}). Choose the pair above.
      </p>
      <div className="two-col">
        <DisagreementTable title="A ranks far above B" rows={pair.aOverB} nameA={nameA} nameB={nameB} />
        <DisagreementTable title="B ranks far above A" rows={pair.bOverA} nameA={nameA} nameB={nameB} />
      </div>
      <Downloads
        name={`disagreements_${pair.a}_${pair.b}`}
        rows={(["aOverB", "bOverA"] as const).flatMap((direction) =>
          pair[direction].map((row) => ({ direction, a: pair.a, b: pair.b, text: row.text, percentileA: row.percentileA, percentileB: row.percentileB })),
        )}
      />
    </section>
  );
}
