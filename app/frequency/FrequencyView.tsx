// Frequency bias: score regressed on log word frequency plus valence, per model x prompt. A
// positive log-frequency coefficient means frequent words are overvalued. Scatter per model for
// the chosen prompt, coefficients of every model and prompt as a forest plot.
import { ChartPanel } from "../components/ChartPanel";
import { DemoBadge } from "../components/DemoBadge";
import { Downloads } from "../components/Downloads";
import { FilterBar } from "../components/FilterBar";
import { PageHead } from "../components/PageHead";
import { ScrollRegion } from "../components/ScrollRegion";
import { Empty, NoModels, Unavailable } from "../components/States";
import { graphql } from "../graphql/generated";
import { lineThroughCentroid, rowsHeight, toPoints } from "../lib/analysis";
import { defaultPrompt, getCatalog } from "../lib/catalog";
import { isPublicSite, tryQuery } from "../lib/data";
import { chartName, formatInt, formatInterval } from "../lib/format";
import { intervalColumns } from "../lib/intervalColumns";
import { parseModels, parseSlug, type SearchParams } from "../lib/params";

// One model's coefficients on one prompt: the forest plot and table of every prompt.
graphql(`
  fragment FrequencyCoefficients on FrequencyBias {
    model { slug displayName isDemo }
    source
    matchedTokens
    logFrequency { estimate low high }
    logFrequencyStandardized { estimate low high }
    valence { estimate low high }
  }
`);

const BUILT_IN_LIST = "subtlex-us";

const FREQUENCY_LISTS_QUERY = graphql(`
  query FrequencyLists {
    analysisLists { frequencyLists }
  }
`);

// Run once per prompt (the forest plot needs every prompt); the scatter points only for the selected one.
const FREQUENCY_QUERY = graphql(`
  query Frequency($prompt: String!, $models: [String!], $withPoints: Boolean!, $list: String!) {
    frequencyBias(promptSlug: $prompt, modelSlugs: $models, frequencyList: $list) {
      ...FrequencyCoefficients
      points @include(if: $withPoints) { tokenId text x y }
    }
  }
`);

export async function FrequencyView({ searchParams }: { searchParams: SearchParams }) {
  const catalog = await getCatalog();
  if (catalog.swept.length === 0) {
    return (
      <>
        <PageHead title="Frequency bias" />
        <NoModels publicSite={isPublicSite()} />
      </>
    );
  }
  const promptSlugs = catalog.sweptPrompts.map((p) => p.slug);
  const prompt = parseSlug(searchParams, "prompt", promptSlugs, defaultPrompt(catalog.sweptPrompts))!;
  const models = parseModels(searchParams, catalog.swept.map((m) => m.slug));
  // SUBTLEX-US, or an imported list (the paper's BNC: npm run import -- bnc-frequency) named in the URL.
  const known = await tryQuery(FREQUENCY_LISTS_QUERY, {});
  const lists = known.ok ? known.data.analysisLists.frequencyLists : [BUILT_IN_LIST];
  const list = parseSlug(searchParams, "list", lists, BUILT_IN_LIST)!;
  const results = await Promise.all(
    promptSlugs.map((p) => tryQuery(FREQUENCY_QUERY, { prompt: p, models: models.all ? null : models.selected, withPoints: p === prompt, list })),
  );
  const current = results[promptSlugs.indexOf(prompt)];
  const rows = current.ok ? current.data.frequencyBias : [];
  const all = promptSlugs.flatMap((p, i) => {
    const r = results[i];
    return r.ok ? r.data.frequencyBias.map((b) => ({ prompt: p, b })) : [];
  });
  // Across models only the coefficient in IQR units compares: raw ones are in each model's units.
  const comparable = all.flatMap(({ prompt: p, b }) => (b.logFrequencyStandardized ? [{ prompt: p, b, standardized: b.logFrequencyStandardized }] : []));
  const colorOf = (slug: string) => Math.max(0, catalog.swept.findIndex((m) => m.slug === slug));

  return (
    <>
      <PageHead
        title="Frequency bias"
        lead="Are frequent words overvalued? Each model's score is regressed on log10 word frequency with valence held fixed; a positive coefficient means the model prefers common words over equally positive rare ones."
      />
      <FilterBar
        fields={[
          { kind: "select", name: "prompt", label: "Prompt", value: prompt, options: promptSlugs.map((p) => ({ value: p, label: p })) },
          ...(lists.length > 1
            ? [{ kind: "select" as const, name: "list", label: "Frequency list", value: list, options: lists.map((l) => ({ value: l, label: l })) }]
            : []),
          { kind: "checkboxes", name: "models", label: "Models", values: models.selected, options: catalog.swept.map((m) => ({ value: m.slug, label: m.displayName })) },
        ]}
      />
      {!current.ok ? (
        <Unavailable what="frequency analysis" message={current.message} />
      ) : rows.length === 0 ? (
        <Empty title="Not computed for this prompt and these models yet." />
      ) : (
        <>
          <h2>Score vs log frequency · {prompt}</h2>
          <p className="muted small">
            One panel per model, in its own score units (raw scores are not comparable across models). The line has the log-frequency
            coefficient (valence held fixed) as its slope, drawn through the centroid of the plotted points.
          </p>
          <div className="small-multiples">
            {rows.map((b) => {
              const points = b.points ?? [];
              const fit = lineThroughCentroid(points, b.logFrequency.estimate);
              return (
                <section key={b.model.slug} className="panel" aria-labelledby={`freq-${b.model.slug}`}>
                  <h3 id={`freq-${b.model.slug}`}>
                    {b.model.displayName} {b.model.isDemo ? <DemoBadge /> : null}
                  </h3>
                  <ChartPanel
                    spec={{
                      kind: "scatter",
                      xLabel: `log10 frequency (${b.source})`,
                      yLabel: "score",
                      labelKind: "token",
                      series: [{ name: b.model.displayName, color: colorOf(b.model.slug), points: toPoints(points) }],
                      lines: fit ? [{ name: "log-frequency slope", color: 4, ...fit }] : [],
                    }}
                    width={380}
                    height={280}
                    label={`Score against log frequency for ${b.model.displayName}; coefficient ${b.logFrequency.estimate.toFixed(3)}`}
                    fileName={`frequency_${prompt}_${b.model.slug}`}
                  />
                  <p className="small">
                    log-frequency <strong>{formatInterval(b.logFrequency, 3)}</strong> · valence {formatInterval(b.valence, 3)} ·{" "}
                    {formatInt(b.matchedTokens)} words
                  </p>
                </section>
              );
            })}
          </div>
        </>
      )}

      <h2>Coefficients by model and prompt</h2>
      <p className="muted small">
        The chart compares models in IQR units: each score divided by the interquartile range of its model&apos;s scores on that prompt, so
        a coefficient of 0.2 means a word 10× more frequent scores a fifth of that spread higher, whatever the model&apos;s score units.
      </p>
      {all.length === 0 ? (
        <Empty title="No coefficients computed yet." />
      ) : (
        <>
          <ChartPanel
            spec={{
              kind: "forest",
              xLabel: "IQR units per 10× frequency (95% interval)",
              rows: comparable.map(({ prompt: p, b, standardized }) => ({
                label: `${chartName(b.model)} · ${p}`, estimate: standardized.estimate, low: standardized.low, high: standardized.high, color: colorOf(b.model.slug),
              })),
            }}
            height={rowsHeight(comparable.length, 24, 70)}
            label={`Log-frequency coefficients in IQR units with intervals for ${comparable.length} model and prompt combinations`}
            fileName="frequency_coefficients"
          />
          <ScrollRegion label="Frequency coefficients by model and prompt">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Prompt</th>
                  <th scope="col" className="num" title="IQR units per 10x frequency: comparable across models">
                    Log-frequency, IQR units
                  </th>
                  <th scope="col" className="num" title="Score units per 10x frequency: this model's own units">Log-frequency, raw</th>
                  <th scope="col" className="num">Valence coefficient, raw</th>
                  <th scope="col" className="num">Words</th>
                  <th scope="col">Frequency list</th>
                </tr>
              </thead>
              <tbody>
                {all.map(({ prompt: p, b }) => (
                  <tr key={`${b.model.slug}:${p}`}>
                    <td>{b.model.displayName}</td>
                    <td>{p}</td>
                    <td className="num">{b.logFrequencyStandardized ? formatInterval(b.logFrequencyStandardized, 3) : "—"}</td>
                    <td className="num">{formatInterval(b.logFrequency, 3)}</td>
                    <td className="num">{formatInterval(b.valence, 3)}</td>
                    <td className="num">{formatInt(b.matchedTokens)}</td>
                    <td>{b.source}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <Downloads
            name={`frequency-bias_${list}`}
            rows={all.map(({ prompt: p, b }) => ({
              model: b.model.slug,
              prompt: p,
              source: b.source,
              matchedTokens: b.matchedTokens,
              ...intervalColumns("logFrequencyStandardized", b.logFrequencyStandardized?.estimate ?? null, b.logFrequencyStandardized),
              logFrequency: b.logFrequency.estimate,
              logFrequencyLow: b.logFrequency.low,
              logFrequencyHigh: b.logFrequency.high,
              valence: b.valence.estimate,
              valenceLow: b.valence.low,
              valenceHigh: b.valence.high,
            }))}
          />
        </>
      )}
    </>
  );
}
