import { DemoBadge } from "../components/DemoBadge";
import { ScrollRegion } from "../components/ScrollRegion";
import { graphql } from "../graphql/generated";
import type { StatusPageQuery } from "../graphql/generated/graphql";
import { formatUtc } from "../lib/format";
import { formatSeconds, sweepSeconds, timeBreakdown } from "../lib/sweepTime";

export const STATUS_QUERY = graphql(`
  query StatusPage {
    status {
      databaseVersion schemaVersion models demoModels prompts sweeps completedSweeps scores
      analyses { results lastComputedAt refreshing sweepsNotAnalysed }
    }
    models { slug displayName family vocabSize isDemo backend }
    prompts { slug text framing pair { slug } }
    sweeps {
      id status mode tokenCount scoredCount progress backend device batchSize cachedPrefixTokens wallSeconds inferenceSeconds completionSeconds
      model { slug displayName isDemo }
      prompt { slug }
    }
  }
`);

const numberFormat = new Intl.NumberFormat("en");

export function StatusView({ data }: { data: StatusPageQuery }) {
  const { status, models, prompts, sweeps } = data;
  return (
    <>
      <h1>Status</h1>
      <div className="grid" role="list">
        <Stat label="Models" value={status.models} detail={status.demoModels ? `${status.demoModels} demo` : undefined} />
        <Stat label="Prompts" value={status.prompts} />
        <Stat label="Sweeps completed" value={status.completedSweeps} detail={`of ${status.sweeps}`} />
        <Stat label="Token scores" value={status.scores} />
      </div>
      <p className="muted">
        PostgreSQL {status.databaseVersion} · schema {status.schemaVersion ?? "not migrated"}
      </p>

      <AnalysesLine analyses={status.analyses} />

      <h2>Models</h2>
      {models.length === 0 ? (
        <div className="empty">
          No reward models yet. Run <code>npm start</code> on an empty database to sweep the demo models, sweep a model
          bundle with <code>npm run sweep -- --model path/to/bundle --prompt greatest</code>, or import the paper&apos;s
          released scores with <code>npm run import -- paper-scores path/to/scores.csv</code>.
        </div>
      ) : (
        <ScrollRegion label="Models">
          <table className="data">
            <thead>
              <tr><th>Model</th><th>Family</th><th className="num">Vocabulary</th><th>Backend</th></tr>
            </thead>
            <tbody>
              {models.map((model) => (
                <tr key={model.slug}>
                  <td>{model.displayName} {model.isDemo && <DemoBadge />}</td>
                  <td>{model.family}</td>
                  <td className="num">{numberFormat.format(model.vocabSize)}</td>
                  <td>{model.backend}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}

      <h2>Prompts</h2>
      <ScrollRegion label="Prompts">
        <table className="data">
          <thead>
            <tr><th>Slug</th><th>Text</th><th>Framing</th><th>Pair</th></tr>
          </thead>
          <tbody>
            {prompts.map((prompt) => (
              <tr key={prompt.slug}>
                <td>{prompt.slug}</td>
                <td>{prompt.text}</td>
                <td>{prompt.framing.toLowerCase()}</td>
                <td>{prompt.pair?.slug ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <h2>Sweeps</h2>
      {sweeps.length === 0 ? (
        <div className="empty">No sweeps yet.</div>
      ) : (
        <ScrollRegion label="Sweeps">
          <table className="data">
            <thead>
              <tr>
                <th>#</th><th>Model</th><th>Prompt</th><th>Mode</th><th>Status</th><th className="num">Scored</th>
                <th>Engine</th><th className="num">Batch</th><th className="num">Tokens/s</th><th className="num">Time</th><th>Prefix cache</th>
              </tr>
            </thead>
            <tbody>
              {sweeps.map((sweep) => (
                <tr key={sweep.id}>
                  <td>{sweep.id}</td>
                  <td>{sweep.model.displayName} {sweep.model.isDemo && <DemoBadge />}</td>
                  <td>{sweep.prompt.slug}</td>
                  <td>{sweep.mode.toLowerCase()}</td>
                  <td><span className={`badge status-${sweep.status}`}>{sweep.status.toLowerCase()}</span></td>
                  <td className="num">
                    {numberFormat.format(sweep.scoredCount)} / {numberFormat.format(sweep.tokenCount)}
                  </td>
                  <td className="nowrap">{sweep.backend}{sweep.device ? ` · ${sweep.device}` : ""}</td>
                  <td className="num">{sweep.batchSize ?? "—"}</td>
                  <td className="num" title="scored tokens / seconds in the scoring pipeline (splice, inference, COPY), summed over resumed runs or, for a queued sweep, over its shards">
                    {sweep.wallSeconds ? numberFormat.format(Math.round(sweep.scoredCount / sweep.wallSeconds)) : "—"}
                  </td>
                  <td className="num" title={timeBreakdown(sweep)}>{formatSeconds(sweepSeconds(sweep))}</td>
                  <td>{sweep.cachedPrefixTokens === null ? "—" : `${sweep.cachedPrefixTokens} tokens`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}

function Stat({ label, value, detail }: { label: string; value: number; detail?: string }) {
  return (
    <div className="panel" role="listitem">
      <div className="stat">{numberFormat.format(value)}</div>
      <div className="stat-label">
        {label}
        {detail ? ` · ${detail}` : ""}
      </div>
    </div>
  );
}

/** Whether the figures on every page are current: what a reader should know before trusting them. */
export function AnalysesLine({ analyses }: { analyses: StatusPageQuery["status"]["analyses"] }) {
  const pending = analyses.sweepsNotAnalysed;
  const stale = pending > 0 && !analyses.refreshing;
  const state = analyses.refreshing ? "refreshing now" : stale ? null : analyses.results > 0 ? "current" : "none yet";
  return (
    <p className={stale ? "notice" : "muted"} data-testid="analyses-status">
      Analyses: {numberFormat.format(analyses.results)} results, newest computed {formatUtc(analyses.lastComputedAt)} ·{" "}
      {state ?? (
        <>
          {pending} completed {pending === 1 ? "sweep is" : "sweeps are"} not in the figures yet: <code>npm run analyze</code> brings{" "}
          {pending === 1 ? "it" : "them"} in
        </>
      )}
    </p>
  );
}
