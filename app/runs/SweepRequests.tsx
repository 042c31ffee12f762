// Sweeps requested through the API while no bundle of the model was known: they wait for someone
// to run the sweep where the bundle is, which removes the request when it completes.
import Link from "next/link";
import { ScrollRegion } from "../components/ScrollRegion";
import type { RunsQuery } from "../graphql/generated/graphql";
import { formatUtc } from "../lib/format";

type Request = RunsQuery["sweeps"][number];

const command = (r: Request) => `npm run sweep -- --model <bundle> --prompt ${r.prompt.slug}${r.mode === "PAPER" ? " --mode paper" : ""}`;

export function SweepRequests({ requests }: { requests: Request[] }) {
  if (requests.length === 0) return null;
  return (
    <>
      <h2>Requested sweeps</h2>
      <p className="muted">
        Recorded with the <code>requestSweep</code> mutation while no bundle of the model was known here, so no worker can take them. Run
        each where the model&apos;s bundle is; the request goes when that whole-vocabulary sweep completes.
      </p>
      <ScrollRegion label="Requested sweeps">
        <table className="data">
          <thead>
            <tr><th>Request</th><th>Model</th><th>Prompt</th><th>Mode</th><th>Requested</th><th>Command</th></tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id}>
                <td>#{r.id}</td>
                <td><Link href={`/models/${encodeURIComponent(r.model.slug)}`}>{r.model.displayName}</Link></td>
                <td>{r.prompt.slug}</td>
                <td>{r.mode.toLowerCase()}</td>
                <td><time dateTime={r.createdAt}>{formatUtc(r.createdAt)}</time></td>
                <td><code className="wrap">{command(r)}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
