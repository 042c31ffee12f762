// Overview: the leaderboard. Models as rows, the headline statistic of every analysis as a
// sortable column (sort state in ?sort=&dir=), intervals shown beside estimates.
import Link from "next/link";
import type { ReactNode } from "react";
import { DemoBadge } from "../components/DemoBadge";
import { IntervalCell } from "../components/IntervalCell";
import { Downloads } from "../components/Downloads";
import { PageHead } from "../components/PageHead";
import { SortHeader } from "../components/SortHeader";
import { NoModels, Unavailable } from "../components/States";
import { graphql } from "../graphql/generated";
import type { LeaderboardQuery } from "../graphql/generated/graphql";
import { getCatalog, type CatalogModel } from "../lib/catalog";
import { isPublicSite, tryQuery } from "../lib/data";
import { formatInt, formatNum, formatParams } from "../lib/format";
import { one, pick, type SearchParams } from "../lib/params";

const LEADERBOARD_QUERY = graphql(`
  query Leaderboard {
    leaderboard {
      model { slug }
      meanTau
      meanTauInterval { estimate low high }
      valenceAsymmetry { estimate low high }
      framingSensitivity
      frequencyBias { estimate low high }
      identityGap { estimate low high }
      identityGapGroup
    }
  }
`);

const COLUMNS = ["model", "family", "size", "vocab", "sweeps", "meanTau", "asymmetry", "framing", "frequency", "identity"] as const;
type Column = (typeof COLUMNS)[number];

interface Row {
  model: CatalogModel;
  completed: number;
  stats: LeaderboardQuery["leaderboard"][number] | undefined;
}

function sortValue(row: Row, column: Column): number | string | null {
  switch (column) {
    case "model":
      return row.model.displayName.toLowerCase();
    case "family":
      return row.model.family;
    case "size":
      return row.model.parameterCount;
    case "vocab":
      return row.model.vocabSize;
    case "sweeps":
      return row.completed;
    case "meanTau":
      return row.stats?.meanTau ?? null;
    case "asymmetry":
      return row.stats?.valenceAsymmetry?.estimate ?? null;
    case "framing":
      return row.stats?.framingSensitivity ?? null;
    case "frequency":
      return row.stats?.frequencyBias?.estimate ?? null;
    case "identity":
      return row.stats?.identityGap?.estimate ?? null;
  }
}

function compare(a: number | string | null, b: number | string | null, dir: "asc" | "desc"): number {
  // Missing values last in either direction.
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const order = typeof a === "string" || typeof b === "string" ? String(a).localeCompare(String(b)) : a - b;
  return dir === "asc" ? order : -order;
}

export async function OverviewView({ searchParams }: { searchParams: SearchParams }) {
  const [catalog, leaderboard] = await Promise.all([getCatalog(), tryQuery(LEADERBOARD_QUERY)]);
  const publicSite = isPublicSite();
  const sort = pick(one(searchParams, "sort"), COLUMNS, "meanTau");
  const dir = pick(one(searchParams, "dir"), ["asc", "desc"] as const, sort === "model" || sort === "family" ? "asc" : "desc");
  const stats = new Map((leaderboard.ok ? leaderboard.data.leaderboard : []).map((row) => [row.model.slug, row]));
  const rows: Row[] = catalog.models
    .map((model) => ({ model, completed: model.sweeps.filter((s) => s.status === "COMPLETED").length, stats: stats.get(model.slug) }))
    .sort((a, b) => compare(sortValue(a, sort), sortValue(b, sort), dir) || a.model.slug.localeCompare(b.model.slug));
  const completed = catalog.models.reduce((n, m) => n + m.sweeps.filter((s) => s.status === "COMPLETED").length, 0);
  const header = (label: string, column: Column, title?: string, numeric = true) => (
    <SortHeader label={label} column={column} sort={sort} dir={dir} path="/" numeric={numeric} title={title} defaultDir={numeric ? "desc" : "asc"} />
  );

  return (
    <>
      <PageHead
        title="What reward models value"
        lead={
          <>
            Every token of each model&apos;s vocabulary scored as a one-word answer to value-laden prompts. Raw scores are not
            comparable across models, so the cross-model figures below use ranks (τ over the shared vocabulary) or slopes in units
            of each model&apos;s interquartile range of scores. Each estimate that has one comes with its 95% interval.
          </>
        }
      />
      <div className="grid stats" role="list">
        <Stat label="Models" value={catalog.models.length} detail={catalog.models.some((m) => m.isDemo) ? `${catalog.models.filter((m) => m.isDemo).length} demo` : undefined} />
        <Stat label="Prompts" value={catalog.prompts.length} />
        <Stat label="Completed sweeps" value={completed} />
      </div>

      <h2 id="leaderboard">Leaderboard</h2>
      {catalog.models.length === 0 ? (
        <NoModels publicSite={publicSite} />
      ) : (
        <>
          {!leaderboard.ok ? <Unavailable what="the leaderboard statistics" message={leaderboard.message} /> : null}
          <div className="table-wrap">
            <table className="data leaderboard" aria-describedby="leaderboard-notes">
              <caption className="visually-hidden">Models and their headline statistics; column headers sort the table.</caption>
              <thead>
                <tr>
                  {header("Model", "model", undefined, false)}
                  {header("Family", "family", undefined, false)}
                  {header("Size", "size", "Parameters")}
                  {header("Vocabulary", "vocab", "Token ids")}
                  {header("Sweeps", "sweeps", "Completed sweeps")}
                  {header("Mean τ", "meanTau", "Mean Kendall tau to the other models (greatest prompt, shared vocabulary), with its 95% jackknife interval: low = idiosyncratic")}
                  {header("Valence asymmetry", "asymmetry", "Positive-word slope minus non-positive-word slope of score on valence, in IQR units (the model's interquartile range of scores) per valence point")}
                  {header("Framing", "framing", "Framing sensitivity (best vs worst)")}
                  {header("Frequency bias", "frequency", "IQR units (the model's interquartile range of scores) per 10x word frequency, valence held fixed: positive = frequent words overvalued")}
                  {header("Identity gap", "identity", "Most negative identity-group effect (Cliff's delta against word tokens) on the greatest prompt, and its group: the extreme of many groups, see the identity view for each group's chance range")}
                </tr>
              </thead>
              <tbody>
                {rows.map(({ model, completed: n, stats: s }) => (
                  <tr key={model.slug}>
                    <th scope="row">
                      <Link href={`/models/${encodeURIComponent(model.slug)}`}>{model.displayName}</Link> {model.isDemo ? <DemoBadge /> : null}
                      {model.backend === "import" ? <span className="badge import" title="Scores imported from elsewhere">imported</span> : null}
                    </th>
                    <td>{model.family}</td>
                    <td className="num">{formatParams(model.parameterCount)}</td>
                    <td className="num">{model.vocabSize ? formatInt(model.vocabSize) : "—"}</td>
                    <td className="num">{n}</td>
                    <IntervalCell value={s?.meanTauInterval} estimate={s?.meanTau} digits={3} />
                    <IntervalCell value={s?.valenceAsymmetry} />
                    <td className="num">{formatNum(s?.framingSensitivity)}</td>
                    <IntervalCell value={s?.frequencyBias} />
                    <IntervalCell value={s?.identityGap} note={s?.identityGapGroup} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p id="leaderboard-notes" className="muted small">
            Intervals are 95%: bootstrap, and the delete-one jackknife for mean τ. “—”: not computed for this model (e.g. an imported model without a full-vocabulary
            sweep, or a model without a framing pair).
          </p>
          <Downloads
            name="leaderboard"
            rows={rows.map(({ model, completed: n, stats: s }) => ({
              model: model.slug,
              name: model.displayName,
              demo: model.isDemo,
              family: model.family,
              parameters: model.parameterCount,
              vocabulary: model.vocabSize,
              completedSweeps: n,
              meanTau: s?.meanTau,
              meanTauLow: s?.meanTauInterval?.low,
              meanTauHigh: s?.meanTauInterval?.high,
              valenceAsymmetry: s?.valenceAsymmetry?.estimate,
              valenceAsymmetryLow: s?.valenceAsymmetry?.low,
              valenceAsymmetryHigh: s?.valenceAsymmetry?.high,
              framingSensitivity: s?.framingSensitivity,
              frequencyBias: s?.frequencyBias?.estimate,
              frequencyBiasLow: s?.frequencyBias?.low,
              frequencyBiasHigh: s?.frequencyBias?.high,
              identityGap: s?.identityGap?.estimate,
              identityGapLow: s?.identityGap?.low,
              identityGapHigh: s?.identityGap?.high,
              identityGapGroup: s?.identityGapGroup,
            }))}
          />
        </>
      )}

      <h2>Views</h2>
      <ul className="view-cards">
        <ViewCard href="/prompts" title="Prompts">Optimal and pessimal tokens of every model, per prompt.</ViewCard>
        <ViewCard href="/tokens" title="Token explorer">One token across every model and prompt: rank, percentile, neighbours.</ViewCard>
        <ViewCard href="/heterogeneity" title="Heterogeneity">How much models disagree: Kendall τ, Spearman ρ, RBO, MDS map.</ViewCard>
        <ViewCard href="/asymmetry" title="Valence asymmetry">Score against sentiment, separately for positive and non-positive words.</ViewCard>
        <ViewCard href="/framing" title="Framing">Best vs worst: which tokens flip, which stay high under both.</ViewCard>
        <ViewCard href="/frequency" title="Frequency bias">Are frequent words overvalued, valence held fixed?</ViewCard>
        <ViewCard href="/identity" title="Identity groups">Where terms for groups of people rank, model by model.</ViewCard>
        <ViewCard href="/human" title="Human baseline">EloEverything: people&apos;s preferences against the models&apos; ranks.</ViewCard>
      </ul>
    </>
  );
}

function Stat({ label, value, detail }: { label: string; value: number; detail?: string }) {
  return (
    <div className="panel" role="listitem">
      <div className="stat">{formatInt(value)}</div>
      <div className="stat-label">
        {label}
        {detail ? ` · ${detail}` : ""}
      </div>
    </div>
  );
}

function ViewCard({ href, title, children }: { href: string; title: string; children: ReactNode }) {
  return (
    <li>
      <Link href={href} className="view-card">
        <strong>{title}</strong>
        <span>{children}</span>
      </Link>
    </li>
  );
}
