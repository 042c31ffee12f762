// External human baseline: EloEverything items (human Elo from pairwise votes) against each
// model's ranking of the same items. Correlation table, the items where models and people
// disagree most (diverging bars), and human vs model rank for those items.
import Link from "next/link";
import { ChartPanel } from "../components/ChartPanel";
import { IntervalCell } from "../components/IntervalCell";
import { Downloads } from "../components/Downloads";
import { FilterBar } from "../components/FilterBar";
import { PageHead } from "../components/PageHead";
import { Empty, Unavailable } from "../components/States";
import { graphql } from "../graphql/generated";
import { rowsHeight } from "../lib/analysis";
import { defaultPrompt, getCatalog } from "../lib/catalog";
import { isPublicSite, query, tryQuery } from "../lib/data";
import { chartName, formatInt, formatNum } from "../lib/format";
import { one, parseSlug, pick, type SearchParams } from "../lib/params";
import { intervalColumns } from "../lib/intervalColumns";

const QUERY = graphql(`
  query HumanBaseline($set: String!, $prompt: String!, $top: Int!) {
    humanBaseline(setSlug: $set, promptSlug: $prompt, top: $top) {
      setSlug
      prompt { slug text }
      items
      agreement { model { slug displayName } spearmanRho spearmanRhoInterval { estimate low high } kendallTau kendallTauInterval { estimate low high } }
      largestDifferences { text humanRank medianModelRank difference modelRanks }
      models { slug displayName }
      excludedModels { slug displayName }
    }
  }
`);

const SETS_QUERY = graphql(`
  query CandidateSets { candidateSets { slug name source itemCount } }
`);

const TOPS = ["10", "25", "50", "100"] as const;

export async function HumanView({ searchParams }: { searchParams: SearchParams }) {
  const [{ candidateSets }, catalog] = await Promise.all([
    query(SETS_QUERY),
    getCatalog(),
  ]);
  if (candidateSets.length === 0) {
    return (
      <>
        <PageHead title="Human baseline" />
        {isPublicSite() ? (
          <Empty title="No human baseline is published yet." />
        ) : (
          <Empty title="No candidate set has been imported yet.">
            Import the EloEverything tables (7,530 items with human Elo and the paper&apos;s ten models) with{" "}
            <code>npm run import -- candidates path/to/data/elo/*.csv</code>.
          </Empty>
        )}
      </>
    );
  }
  const set = parseSlug(searchParams, "set", candidateSets.map((s) => s.slug), candidateSets[0].slug)!;
  const prompts = catalog.prompts;
  const prompt = parseSlug(searchParams, "prompt", prompts.map((p) => p.slug), defaultPrompt(prompts))!;
  const top = Number(pick(one(searchParams, "top"), TOPS, "25"));
  const result = await tryQuery(QUERY, { set, prompt, top });
  const h = result.ok ? result.data.humanBaseline : null;

  return (
    <>
      <PageHead
        title="Human baseline"
        lead={
          <>
            Do reward models value what people value? EloEverything ranks thousands of things by people&apos;s pairwise votes; each model scores
            the same items as answers to the prompt. Ranks are compared, never raw scores.
          </>
        }
      />
      <FilterBar
        fields={[
          { kind: "select", name: "set", label: "Candidate set", value: set, options: candidateSets.map((s) => ({ value: s.slug, label: `${s.name} (${formatInt(s.itemCount)})` })) },
          { kind: "select", name: "prompt", label: "Prompt", value: prompt, options: prompts.map((p) => ({ value: p.slug, label: p.slug })) },
          { kind: "select", name: "top", label: "Items shown", value: String(top), options: TOPS.map((t) => ({ value: t, label: t })) },
        ]}
      />
      {!result.ok ? (
        <Unavailable what="human baseline" message={result.message} />
      ) : !h ? (
        <Empty title="No model scores for this set and prompt.">Choose another prompt: the set&apos;s scores were imported for specific prompts.</Empty>
      ) : (
        <>
          <p className="muted">
            {formatInt(h.items)} items · prompt “{h.prompt.text}” · {h.models.length} models
            {h.excludedModels.length ? ` · left out (not every item scored, or constant scores): ${h.excludedModels.map((m) => m.displayName).join(", ")}` : ""}
          </p>
          <h2>Agreement with people</h2>
          <div className="table-wrap">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col" className="num" title="with its 95% jackknife interval">Spearman ρ [95%]</th>
                  <th scope="col" className="num" title="with its 95% jackknife interval">Kendall τ [95%]</th>
                </tr>
              </thead>
              <tbody>
                {[...h.agreement].sort((a, b) => b.spearmanRho - a.spearmanRho).map((a) => (
                  <tr key={a.model.slug}>
                    <th scope="row">
                      <Link href={`/models/${encodeURIComponent(a.model.slug)}`}>{a.model.displayName}</Link>
                    </th>
                    <IntervalCell value={a.spearmanRhoInterval} estimate={a.spearmanRho} digits={3} />
                    <IntervalCell value={a.kendallTauInterval} estimate={a.kendallTau} digits={3} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h2>Largest disagreements</h2>
          <p className="muted small">Median model rank − human rank: positive (red) = models rank the item lower than people do.</p>
          <div className="two-col">
            <ChartPanel
              spec={{
                kind: "bars",
                xLabel: "median model rank − human rank",
                items: h.largestDifferences.map((d) => ({ label: d.text, value: d.difference, detail: `human rank ${d.humanRank}, median model rank ${d.medianModelRank}` })),
              }}
              width={600}
              height={rowsHeight(h.largestDifferences.length, 22, 60)}
              label={`The ${h.largestDifferences.length} items whose median model rank differs most from their human rank`}
              fileName={`human_${set}_${prompt}_differences`}
            />
            <ChartPanel
              spec={{
                kind: "scatter",
                xLabel: "human rank",
                yLabel: "model rank",
                labelKind: "item",
                identity: true,
                legend: true,
                series: [
                  { name: "median of models", color: 7, size: 9, points: h.largestDifferences.map((d) => [d.humanRank, d.medianModelRank, d.text]) },
                  ...h.models.map((m, i) => ({ name: chartName(m), color: i, points: h.largestDifferences.map((d) => [d.humanRank, d.modelRanks[i], d.text] as [number, number, string]) })),
                ],
              }}
              width={600}
              height={Math.max(360, rowsHeight(h.largestDifferences.length, 22, 60))}
              label="Human rank against each model's rank for the items with the largest disagreement"
              fileName={`human_${set}_${prompt}_ranks`}
              caption="Dashed: equal ranks. Click legend entries to show or hide models."
            />
          </div>
          <Downloads
            name={`human-baseline_${set}_${prompt}`}
            rows={[
              ...h.agreement.map((a) => ({
                kind: "agreement", model: a.model.slug,
                ...intervalColumns("spearmanRho", a.spearmanRho, a.spearmanRhoInterval),
                ...intervalColumns("kendallTau", a.kendallTau, a.kendallTauInterval),
              })),
              ...h.largestDifferences.map((d) => ({
                kind: "difference",
                item: d.text,
                humanRank: d.humanRank,
                medianModelRank: d.medianModelRank,
                difference: d.difference,
                ...Object.fromEntries(h.models.map((m, i) => [m.slug, d.modelRanks[i]])),
              })),
            ]}
          />
        </>
      )}
    </>
  );
}
