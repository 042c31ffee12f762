// Empty, unavailable and loading states shared by every view.
import type { ReactNode } from "react";

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty" role="status">
      <strong>{title}</strong>
      {children ? <div className="empty-body">{children}</div> : null}
    </div>
  );
}

/** A section whose data could not be read (analysis not computed, field not deployed yet). */
export function Unavailable({ what, message }: { what: string; message: string }) {
  return (
    <div className="empty unavailable" role="status">
      <strong>Not available yet: {what}.</strong>
      <div className="empty-body">
        The analyses are materialised when sweeps and imports finish; until they have been computed for this database this
        section stays empty.
      </div>
      <details>
        <summary>Details</summary>
        <code className="wrap">{message}</code>
      </details>
    </div>
  );
}

/** Skeleton of a view: heading, filter bar and chart blocks of fixed height (no layout shift). */
export function ViewSkeleton({ title, blocks = [320, 240] }: { title: string; blocks?: number[] }) {
  return (
    <div className="view-skeleton" aria-busy="true" aria-live="polite">
      <h1>{title}</h1>
      <p className="muted">Loading…</p>
      <div className="skeleton skeleton-bar" />
      {blocks.map((height, i) => (
        <div key={i} className="skeleton" style={{ height }} />
      ))}
    </div>
  );
}

export function NoModels({ publicSite }: { publicSite: boolean }) {
  return publicSite ? (
    <Empty title="No results are published yet.">Come back once the first sweeps have been imported.</Empty>
  ) : (
    <Empty title="No reward models with a completed sweep yet.">
      Run <code>npm start</code> on an empty database to sweep the demo models, sweep a model bundle with{" "}
      <code>npm run sweep -- --model path/to/bundle --prompt greatest</code>, or import the paper&apos;s released scores with{" "}
      <code>npm run import -- paper-scores path/to/scores.csv</code>. Check progress on the <a href="/status">status page</a>.
    </Empty>
  );
}
