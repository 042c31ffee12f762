// Queued (sharded) sweeps and the workers scoring them: shard counts, tokens/s, ETA, parked
// shards with their errors; sweeps requested without a known bundle. The page re-renders every few
// seconds while anything is running.
import Link from "next/link";
import { Empty } from "../components/States";
import { PageHead } from "../components/PageHead";
import { ScrollRegion } from "../components/ScrollRegion";
import { graphql } from "../graphql/generated";
import type { RunsQuery } from "../graphql/generated/graphql";
import { formatInt, formatUtc } from "../lib/format";
import { SweepRequests } from "./SweepRequests";

export const RUNS_QUERY = graphql(`
  query Runs {
    sweepProgress(limit: 30) {
      sweep { id status tokenCount scoredCount model { slug displayName } prompt { slug } }
      shards { total queued running done parked }
      tokensPerSecond
      etaSeconds
      parked { index startIndex endIndex attempts error }
    }
    workers { id host pid lastSeenAt stale shardsDone shardsFailed tokens tokensPerSecond currentShard }
    sweeps(status: PENDING) { id isRequest mode createdAt model { slug displayName } prompt { slug } }
  }
`);

function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function RunsView({ data }: { data: RunsQuery }) {
  const active = data.sweepProgress.some((p) => p.sweep.status === "RUNNING" || p.sweep.status === "PENDING");
  return (
    <>
      {active ? <meta httpEquiv="refresh" content="5" /> : null}
      <PageHead
        title="Runs"
        lead={
          <>
            Sweeps queued with <code>npm run sweep -- --queue</code> are split into shards that any number of{" "}
            <code>npm run worker</code> processes score. {active ? "This page refreshes every 5 s while a sweep runs." : null}
          </>
        }
      />
      <h2>Sweeps</h2>
      {data.sweepProgress.length === 0 ? (
        <Empty title="No queued sweeps">
          Queue one with <code>npm run sweep -- --queue --model path/to/bundle</code> and start workers with <code>npm run worker</code>.
        </Empty>
      ) : (
        <ScrollRegion label="Queued sweeps">
          <table className="data">
            <thead>
              <tr>
                <th>Sweep</th><th>Model</th><th>Prompt</th><th>Status</th><th className="num">Tokens</th>
                <th className="num">Shards done / total</th><th className="num">Running</th><th className="num">Parked</th>
                <th className="num">Tokens/s</th><th className="num">ETA</th>
              </tr>
            </thead>
            <tbody>
              {data.sweepProgress.map((p) => (
                <tr key={p.sweep.id}>
                  <td>#{p.sweep.id}</td>
                  <td><Link href={`/models/${encodeURIComponent(p.sweep.model.slug)}`}>{p.sweep.model.displayName}</Link></td>
                  <td>{p.sweep.prompt.slug}</td>
                  <td><span className={`badge status-${p.sweep.status}`}>{p.sweep.status.toLowerCase()}</span></td>
                  <td className="num">{formatInt(p.sweep.scoredCount)} / {formatInt(p.sweep.tokenCount)}</td>
                  <td className="num">{p.shards.done} / {p.shards.total}</td>
                  <td className="num">{p.shards.running}</td>
                  <td className="num">{p.shards.parked}</td>
                  <td className="num">{p.tokensPerSecond === null ? "—" : formatInt(Math.round(p.tokensPerSecond))}</td>
                  <td className="num">{duration(p.etaSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {data.sweepProgress.some((p) => p.parked.length) ? (
        <>
          <h2>Parked shards</h2>
          <p className="muted">Shards that failed on every allowed attempt, or on bad model output; fix the cause, then re-queue them with <code>--retry-parked</code>.</p>
          <ul>
            {data.sweepProgress.flatMap((p) =>
              p.parked.map((shard) => (
                <li key={`${p.sweep.id}-${shard.index}`}>
                  sweep #{p.sweep.id} shard {shard.index} (ids {formatInt(shard.startIndex)}–{formatInt(shard.endIndex - 1)}, {shard.attempts} attempt
                  {shard.attempts === 1 ? "" : "s"}): <code className="wrap">{shard.error ?? "no error recorded"}</code>
                </li>
              )),
            )}
          </ul>
        </>
      ) : null}
      <SweepRequests requests={data.sweeps.filter((s) => s.isRequest)} />
      <h2>Workers</h2>
      {data.workers.length === 0 ? (
        <Empty title="No workers have reported">Start one with <code>npm run worker</code> on any machine that reaches the database.</Empty>
      ) : (
        <ScrollRegion label="Workers">
          <table className="data">
            <thead>
              <tr><th>Worker</th><th>Last seen</th><th>Current shard</th><th className="num">Shards done</th><th className="num">Failures</th><th className="num">Tokens</th><th className="num">Tokens/s</th></tr>
            </thead>
            <tbody>
              {data.workers.map((w) => (
                <tr key={w.id}>
                  <td><code>{w.id}</code>{w.stale ? <span className="badge status-FAILED"> stale</span> : null}</td>
                  <td><time dateTime={w.lastSeenAt}>{formatUtc(w.lastSeenAt)}</time></td>
                  <td>{w.currentShard ?? "—"}</td>
                  <td className="num">{w.shardsDone}</td>
                  <td className="num">{w.shardsFailed}</td>
                  <td className="num">{formatInt(w.tokens)}</td>
                  <td className="num">{w.tokensPerSecond === null ? "—" : formatInt(Math.round(w.tokensPerSecond))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
