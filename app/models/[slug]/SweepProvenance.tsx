// Every sweep of a model: how it was run (engine, batch, policy, time) and what it fed the model
// (prompt, template, prefix and suffix ids, software versions).
import { Empty } from "../../components/States";
import { ScrollRegion } from "../../components/ScrollRegion";
import { graphql } from "../../graphql/generated";
import type { SweepProvenanceFragment } from "../../graphql/generated/graphql";
import { formatInt, formatUtc } from "../../lib/format";
import { formatSeconds, sweepSeconds, timeBreakdown } from "../../lib/sweepTime";

graphql(`
  fragment SweepProvenance on Sweep {
    id status isRequest mode prompt { slug text } tokenCount scoredCount roundTripFailures backend device batchSize cachedPrefixTokens vocabPolicy
    chatTemplate renderedTemplate prefixIds suffixIds wallSeconds inferenceSeconds completionSeconds softwareVersions createdAt finishedAt
  }
`);

export function SweepProvenance({ sweeps }: { sweeps: SweepProvenanceFragment[] }) {
  return sweeps.length === 0 ? (
    <Empty title="No sweeps recorded for this model." />
  ) : (
    <>
      <ScrollRegion label="Sweeps of this model" className="provenance-table">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Prompt</th>
              <th scope="col">Mode</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">Tokens</th>
              <th scope="col" className="num">Round-trip failures</th>
              <th scope="col">Backend</th>
              <th scope="col" className="num">Batch</th>
              <th scope="col" className="num">Time</th>
              <th scope="col">Policy</th>
              <th scope="col">Finished</th>
            </tr>
          </thead>
          <tbody>
            {sweeps.map((s) => (
              <tr key={s.id}>
                <td>{s.id}</td>
                <td>{s.prompt.slug}</td>
                <td>{s.mode.toLowerCase()}</td>
                <td>
                  {s.isRequest ? (
                    <span className={`badge status-${s.status}`} title="Requested through the API; waits for a sweep of this model, prompt and mode (Runs page)">requested</span>
                  ) : (
                    <span className={`badge status-${s.status}`}>{s.status.toLowerCase()}</span>
                  )}
                </td>
                <td className="num">{formatInt(s.scoredCount)} / {formatInt(s.tokenCount)}</td>
                <td className="num">{s.roundTripFailures === null ? "—" : formatInt(s.roundTripFailures)}</td>
                <td>{s.backend}{s.device ? ` · ${s.device}` : ""}</td>
                <td className="num">{s.batchSize ?? "—"}</td>
                <td className="num" title={timeBreakdown(s)}>{formatSeconds(sweepSeconds(s))}</td>
                <td>{s.vocabPolicy}</td>
                <td className="nowrap">{s.finishedAt ? <time dateTime={s.finishedAt}>{formatUtc(s.finishedAt)}</time> : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {/* A request has run nothing yet: no template, ids or versions to show. */}
      {sweeps.filter((s) => !s.isRequest).map((s) => (
        <details key={s.id} className="provenance">
          <summary>
            Sweep {s.id}: {s.prompt.slug}, {s.mode.toLowerCase()} — template, ids and versions
          </summary>
          <dl className="facts">
            <div><dt>Prompt text</dt><dd>{s.prompt.text}</dd></div>
            <div><dt>Prefix ids ({s.prefixIds.length})</dt><dd><code className="wrap">{s.prefixIds.join(" ") || "—"}</code></dd></div>
            <div><dt>Suffix ids ({s.suffixIds.length})</dt><dd><code className="wrap">{s.suffixIds.join(" ") || "—"}</code></dd></div>
            <div><dt>Time</dt><dd>{timeBreakdown(s)}</dd></div>
            <div>
              <dt>Prefix cache</dt>
              <dd>{s.cachedPrefixTokens === null ? "not used: every row ran its whole sequence" : `${formatInt(s.cachedPrefixTokens)} prefix tokens computed once, keys/values reused by every row`}</dd>
            </div>
          </dl>
          <h4>Rendered template</h4>
          {s.renderedTemplate ? <pre className="code">{s.renderedTemplate}</pre> : <p className="muted">not recorded</p>}
          <h4>Chat template</h4>
          {s.chatTemplate ? <pre className="code">{s.chatTemplate}</pre> : <p className="muted">not recorded</p>}
          <h4>Software versions</h4>
          {s.softwareVersions ? (
            <pre className="code">{JSON.stringify(s.softwareVersions, null, 2)}</pre>
          ) : (
            <p className="muted">Shown to administrators only.</p>
          )}
        </details>
      ))}
    </>
  );
}
