// Heterogeneity: how much reward models disagree on one prompt, over the shared vocabulary:
// Kendall tau-b, Spearman rho and rank-biased overlap between every pair, and an MDS map from
// 1 - tau. Filters: prompt, models, vocabulary normalization, metric.
import { ChartPanel } from "../components/ChartPanel";
import { IntervalCell } from "../components/IntervalCell";
import { Downloads } from "../components/Downloads";
import { FilterBar } from "../components/FilterBar";
import { PageHead } from "../components/PageHead";
import { ScrollRegion } from "../components/ScrollRegion";
import { Empty, NoModels, Unavailable } from "../components/States";
import { graphql } from "../graphql/generated";
import { defaultPrompt, getCatalog, modelName } from "../lib/catalog";
import { isPublicSite, tryQuery } from "../lib/data";
import { chartName, formatInt, formatInterval, formatNum } from "../lib/format";
import { NORMALIZATIONS, one, parseModels, parseNormalization, parseSlug, pick, type SearchParams } from "../lib/params";
import { PairDisagreements, pairKey } from "./PairDisagreements";
import { intervalColumns } from "../lib/intervalColumns";

const QUERY = graphql(`
  query Heterogeneity($prompt: String!, $models: [String!], $normalization: VocabNormalization) {
    heterogeneity(promptSlug: $prompt, modelSlugs: $models, normalization: $normalization) {
      sharedVocabularySize
      models { slug displayName isDemo }
      kendallTau spearmanRho rbo
      pairs {
        a b kendallTau kendallTauInterval { estimate low high } spearmanRho spearmanRhoInterval { estimate low high } rbo
        aOverB { text percentileA percentileB } bOverA { text percentileA percentileB }
      }
      mds { model { slug displayName } x y }
      mdsGoodnessOfFit
      tauNull { mean low high permutations }
      excludedModels
      notCompared { model reason }
    }
  }
`);

const METRICS = [
  { value: "tau", label: "Kendall τ-b", field: "kendallTau", min: -1, max: 1, diverging: true },
  { value: "rho", label: "Spearman ρ", field: "spearmanRho", min: -1, max: 1, diverging: true },
  { value: "rbo", label: "Rank-biased overlap (p = 0.9)", field: "rbo", min: 0, max: 1, diverging: false },
] as const;

export async function HeterogeneityView({ searchParams }: { searchParams: SearchParams }) {
  const catalog = await getCatalog();
  if (catalog.swept.length === 0) {
    return (
      <>
        <PageHead title="Heterogeneity" />
        <NoModels publicSite={isPublicSite()} />
      </>
    );
  }
  const prompt = parseSlug(searchParams, "prompt", catalog.sweptPrompts.map((p) => p.slug), defaultPrompt(catalog.sweptPrompts))!;
  const candidates = catalog.swept.filter((m) => m.sweeps.some((s) => s.status === "COMPLETED" && s.prompt.slug === prompt));
  const models = parseModels(searchParams, candidates.map((m) => m.slug));
  const norm = parseNormalization(searchParams);
  const metric = METRICS.find((m) => m.value === pick(one(searchParams, "metric"), METRICS.map((x) => x.value), "tau"))!;
  const result = await tryQuery(QUERY, { prompt, models: models.all ? null : models.selected, normalization: norm.api });
  const h = result.ok ? result.data.heterogeneity : null;
  const names = h?.models.map(chartName) ?? [];
  const longest = Math.max(0, ...names.map((n) => n.length));
  const matrix = h ? h[metric.field] : [];
  // Default pair: the least agreeing (lowest tau).
  const pairsByTau = h ? [...h.pairs].sort((x, y) => x.kendallTau - y.kendallTau) : [];
  const pairKeys = pairsByTau.map(pairKey);
  const pair = pairsByTau[pairKeys.indexOf(pick(one(searchParams, "pair"), pairKeys, pairKeys[0]))];
  const pairField = pairsByTau.length > 1
    ? [{ kind: "select" as const, name: "pair", label: "Pair", value: pairKey(pair), resetWith: ["prompt", "norm", "models"], options: pairsByTau.map((p) => ({ value: pairKey(p), label: `${p.a} vs ${p.b}` })) }]
    : [];

  return (
    <>
      <PageHead
        title="Heterogeneity"
        lead="Do reward models agree on what is best? Each cell compares two models' rankings of the shared vocabulary. The paper found Kendall τ between 0.13 and 0.57 on “greatest”."
      />
      <FilterBar
        fields={[
          { kind: "select", name: "prompt", label: "Prompt", value: prompt, options: catalog.sweptPrompts.map((p) => ({ value: p.slug, label: p.slug })) },
          { kind: "select", name: "metric", label: "Statistic", value: metric.value, options: METRICS.map((m) => ({ value: m.value, label: m.label })) },
          { kind: "select", name: "norm", label: "Vocabulary", value: norm.value, options: NORMALIZATIONS.map((n) => ({ value: n.value, label: n.label })) },
          { kind: "checkboxes", name: "models", label: "Models", values: models.selected, options: candidates.map((m) => ({ value: m.slug, label: m.displayName })) },
          ...pairField,
        ]}
      />
      {!result.ok ? (
        <Unavailable what="heterogeneity analysis" message={result.message} />
      ) : !h ? (
        <Empty title="Not computed for this selection yet.">Heterogeneity needs at least two models with a completed sweep of this prompt.</Empty>
      ) : (
        <>
          <p className="muted">
            Shared vocabulary: <strong>{formatInt(h.sharedVocabularySize)}</strong> strings ({norm.label}). Null baseline (a model against a
            shuffled copy of itself): τ = {formatInterval({ estimate: h.tauNull.mean, low: h.tauNull.low, high: h.tauNull.high }, 3)} over{" "}
            {formatInt(h.tauNull.permutations)} permutations.
            {models.all ? "" : " The statistics are those over all models' shared vocabulary; the selection only shows some of them."}
            {h.excludedModels.length ? ` Left out (constant scores): ${h.excludedModels.map((s) => modelName(catalog.models, s)).join(", ")}.` : ""}
          </p>
          {h.notCompared.length > 0 && (
            <details className="muted">
              <summary>
                {h.notCompared.length} {h.notCompared.length === 1 ? "model is" : "models are"} not compared here (each model removes the strings it lacks
                from the shared vocabulary)
              </summary>
              <ul>
                {h.notCompared.map((n) => (
                  <li key={n.model}>
                    {modelName(catalog.models, n.model)}: {n.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <div className="two-col wide-left">
            <section aria-labelledby="h-matrix">
              <h2 id="h-matrix">{metric.label}</h2>
              <ChartPanel
                spec={{ kind: "heatmap", rows: names, cols: names, values: matrix, min: metric.min, max: metric.max, decimals: 2, valueLabel: metric.label, diverging: metric.diverging }}
                width={720}
                height={names.length * 46 + 70 + longest * 5}
                label={`${metric.label} between every pair of ${names.length} models on the ${prompt} prompt`}
                fileName={`heterogeneity_${prompt}_${metric.value}`}
              />
            </section>
            <section aria-labelledby="h-mds">
              <h2 id="h-mds">MDS map (1 − τ)</h2>
              <ChartPanel
                spec={{
                  kind: "scatter",
                  xLabel: "dimension 1",
                  yLabel: "dimension 2",
                  labelKind: "model",
                  showLabels: true,
                  series: h.mds.map((p, i) => ({ name: p.model.displayName, color: i, points: [[p.x, p.y, chartName(p.model)]] })),
                }}
                width={480}
                height={Math.max(280, names.length * 46 + 70 + longest * 5)}
                label={`Two-dimensional MDS map of ${names.length} models: models close together rank tokens alike`}
                fileName={`heterogeneity_${prompt}_mds`}
                caption={`Models close together rank the vocabulary alike.${h.mdsGoodnessOfFit !== null ? ` The map captures ${formatNum(h.mdsGoodnessOfFit * 100, 0)}% of the distance structure.` : ""}`}
              />
            </section>
          </div>
          <h2>Pairs</h2>
          <ScrollRegion label="Pairs">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Model A</th>
                  <th scope="col">Model B</th>
                  <th scope="col" className="num" title="with its 95% jackknife interval">Kendall τ-b [95%]</th>
                  <th scope="col" className="num" title="with its 95% jackknife interval">Spearman ρ [95%]</th>
                  <th scope="col" className="num">RBO</th>
                </tr>
              </thead>
              <tbody>
                {pairsByTau.map((p) => (
                  <tr key={pairKey(p)}>
                    <td>{modelName(catalog.models, p.a)}</td>
                    <td>{modelName(catalog.models, p.b)}</td>
                    <IntervalCell value={p.kendallTauInterval} estimate={p.kendallTau} digits={3} />
                    <IntervalCell value={p.spearmanRhoInterval} estimate={p.spearmanRho} digits={3} />
                    <td className="num">{formatNum(p.rbo, 3)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <Downloads
            name={`heterogeneity_${prompt}_${norm.value}`}
            rows={h.pairs.map((p) => ({
              prompt, normalization: norm.api, a: p.a, b: p.b,
              ...intervalColumns("kendallTau", p.kendallTau, p.kendallTauInterval),
              ...intervalColumns("spearmanRho", p.spearmanRho, p.spearmanRhoInterval),
              rbo: p.rbo,
            }))}
          />
          {pair ? <PairDisagreements pair={pair} nameA={modelName(catalog.models, pair.a)} nameB={modelName(catalog.models, pair.b)} /> : null}
        </>
      )}
    </>
  );
}
