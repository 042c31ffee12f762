// Valence asymmetry: score regressed on sentiment valence separately for positive and for
// non-positive words, per model x prompt. Scatter with both fitted lines per model; slope chart
// of the two slopes for every prompt. Filters: prompt, models, lexicon.
import { ChartPanel } from "../components/ChartPanel";
import { DemoBadge } from "../components/DemoBadge";
import { Downloads } from "../components/Downloads";
import { FilterBar } from "../components/FilterBar";
import { PageHead } from "../components/PageHead";
import { ScrollRegion } from "../components/ScrollRegion";
import { Empty, NoModels, Unavailable } from "../components/States";
import type { ScatterSpec } from "../components/charts/spec";
import { graphql } from "../graphql/generated";
import { lineThroughCentroid, toPoints } from "../lib/analysis";
import { defaultPrompt, getCatalog } from "../lib/catalog";
import { isPublicSite, tryQuery } from "../lib/data";
import { chartName, formatInt, formatInterval } from "../lib/format";
import { intervalColumns } from "../lib/intervalColumns";
import { parseModels, parseSlug, type SearchParams } from "../lib/params";

// One model's slopes on one prompt: the table and the slope charts of every prompt.
graphql(`
  fragment ValenceSlopes on ValenceAsymmetry {
    model { slug displayName isDemo }
    lexicon
    matchedTokens
    positive { slope { estimate low high } n }
    nonPositive { slope { estimate low high } n }
    difference { estimate low high }
    standardized { positive { estimate low high } nonPositive { estimate low high } difference { estimate low high } }
    nullDifference { mean low high permutations }
  }
`);

const BUILT_IN_LEXICON = "afinn-165";

const LEXICONS_QUERY = graphql(`
  query AsymmetryLexicons {
    analysisLists { lexicons }
  }
`);

// Run once per prompt (the slope charts need every prompt); the scatter points only for the selected one.
const ASYMMETRY_QUERY = graphql(`
  query Asymmetry($prompt: String!, $models: [String!], $withPoints: Boolean!, $lexicon: String!) {
    valenceAsymmetry(promptSlug: $prompt, modelSlugs: $models, lexicon: $lexicon) {
      ...ValenceSlopes
      points @include(if: $withPoints) { tokenId text x y }
    }
  }
`);

export async function AsymmetryView({ searchParams }: { searchParams: SearchParams }) {
  const catalog = await getCatalog();
  if (catalog.swept.length === 0) {
    return (
      <>
        <PageHead title="Valence asymmetry" />
        <NoModels publicSite={isPublicSite()} />
      </>
    );
  }
  const promptSlugs = catalog.sweptPrompts.map((p) => p.slug);
  const prompt = parseSlug(searchParams, "prompt", promptSlugs, defaultPrompt(catalog.sweptPrompts))!;
  const models = parseModels(searchParams, catalog.swept.map((m) => m.slug));
  const modelArg = models.all ? null : models.selected;
  // AFINN-165, or an uploaded lexicon named in the URL.
  const known = await tryQuery(LEXICONS_QUERY, {});
  const lexicons = known.ok ? known.data.analysisLists.lexicons : [BUILT_IN_LEXICON];
  const lexicon = parseSlug(searchParams, "lexicon", lexicons, BUILT_IN_LEXICON)!;
  const results = await Promise.all(
    promptSlugs.map((p) => tryQuery(ASYMMETRY_QUERY, { prompt: p, models: modelArg, withPoints: p === prompt, lexicon })),
  );
  const current = results[promptSlugs.indexOf(prompt)];
  const rowsOf = (r: (typeof results)[number]) => (r.ok ? r.data.valenceAsymmetry : []);
  const rows = rowsOf(current);

  const filters = (
    <FilterBar
      fields={[
        { kind: "select", name: "prompt", label: "Prompt", value: prompt, options: promptSlugs.map((p) => ({ value: p, label: p })) },
        ...(lexicons.length > 1
          ? [{ kind: "select" as const, name: "lexicon", label: "Lexicon", value: lexicon, options: lexicons.map((l) => ({ value: l, label: l })) }]
          : []),
        { kind: "checkboxes", name: "models", label: "Models", values: models.selected, options: catalog.swept.map((m) => ({ value: m.slug, label: m.displayName })) },
      ]}
    />
  );

  return (
    <>
      <PageHead
        title="Valence asymmetry"
        lead="Score against sentiment valence, fitted separately for positive and for non-positive words. Different slopes mean the model separates good words from each other more (or less) finely than bad ones."
      />
      {filters}
      {!current.ok ? (
        <Unavailable what="valence analysis" message={current.message} />
      ) : rows.length === 0 ? (
        <Empty title="Not computed for this prompt and these models yet." />
      ) : (
        <>
          <h2>Score vs valence · {prompt}</h2>
          <p className="muted small">
            One panel per model (raw scores are not comparable across models). Lines: the fitted slopes, for non-positive (dashed) and
            positive words, drawn through the centroid of each side&apos;s plotted points. Hover a point for its token.
          </p>
          <div className="small-multiples">
            {rows.map((a, i) => {
              const points = a.points ?? [];
              const neg = points.filter((p) => p.x <= 0);
              const pos = points.filter((p) => p.x > 0);
              const lines: NonNullable<ScatterSpec["lines"]> = [];
              const negLine = lineThroughCentroid(neg, a.nonPositive.slope.estimate);
              const posLine = lineThroughCentroid(pos, a.positive.slope.estimate);
              if (negLine) lines.push({ name: "non-positive slope", color: 4, dashed: true, ...negLine });
              if (posLine) lines.push({ name: "positive slope", color: 2, ...posLine });
              return (
                <section key={a.model.slug} className="panel" aria-labelledby={`asym-${a.model.slug}`}>
                  <h3 id={`asym-${a.model.slug}`}>
                    {a.model.displayName} {a.model.isDemo ? <DemoBadge /> : null}
                  </h3>
                  <ChartPanel
                    spec={{ kind: "scatter", xLabel: `valence (${a.lexicon})`, yLabel: "score", labelKind: "token", series: [{ name: a.model.displayName, color: i, points: toPoints(points) }], lines }}
                    width={380}
                    height={280}
                    label={`Score against valence for ${a.model.displayName}: positive slope ${a.positive.slope.estimate.toFixed(3)}, non-positive slope ${a.nonPositive.slope.estimate.toFixed(3)}`}
                    fileName={`asymmetry_${prompt}_${a.model.slug}`}
                  />
                </section>
              );
            })}
          </div>
          <ScrollRegion label="Valence slopes by model">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col" className="num">Matched words</th>
                  <th scope="col" className="num">Non-positive slope</th>
                  <th scope="col" className="num">Positive slope</th>
                  <th scope="col" className="num">Difference</th>
                  <th scope="col" className="num" title="The difference with the valences shuffled among the words: the range of no effect">Null difference</th>
                  <th scope="col" className="num" title="The difference with each score divided by the interquartile range of the model's scores: comparable across models">
                    Difference, IQR units
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.model.slug}>
                    <th scope="row">{a.model.displayName}</th>
                    <td className="num">{formatInt(a.matchedTokens)}</td>
                    <td className="num">{formatInterval(a.nonPositive.slope, 3)}</td>
                    <td className="num">{formatInterval(a.positive.slope, 3)}</td>
                    <td className="num">{formatInterval(a.difference, 3)}</td>
                    <td className="num">{a.nullDifference ? formatInterval({ estimate: a.nullDifference.mean, low: a.nullDifference.low, high: a.nullDifference.high }, 3) : "—"}</td>
                    <td className="num">{a.standardized?.difference ? formatInterval(a.standardized?.difference, 3) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}

      <h2>Slopes by prompt</h2>
      <p className="muted small">
        Each line joins a model&apos;s non-positive and positive slope in IQR units (each score divided by the interquartile range of
        the model&apos;s scores over its whole vocabulary, so models with different score units share the axis); a steeper right end means finer distinctions
        among positive words.
      </p>
      <div className="small-multiples">
        {promptSlugs.map((p, pi) => {
          const r = results[pi];
          const list = rowsOf(r);
          return (
            <section key={p} className="panel" aria-labelledby={`slope-${p}`}>
              <h3 id={`slope-${p}`}>{p}</h3>
              {!r.ok ? (
                <Unavailable what="slopes" message={r.message} />
              ) : list.length === 0 ? (
                <Empty title="Not computed." />
              ) : (
                <ChartPanel
                  spec={{
                    kind: "slope",
                    categories: ["non-positive", "positive"],
                    yLabel: "IQR units per valence point",
                    series: list.map((a) => ({
                      name: chartName(a.model),
                      color: catalog.swept.findIndex((m) => m.slug === a.model.slug),
                      values: [a.standardized?.nonPositive?.estimate ?? NaN, a.standardized?.positive?.estimate ?? NaN],
                    })),
                  }}
                  width={380}
                  height={260}
                  label={`Non-positive and positive valence slopes of ${list.length} models on the ${p} prompt`}
                  fileName={`asymmetry_slopes_${p}`}
                />
              )}
            </section>
          );
        })}
      </div>
      <Downloads
        name={`valence-asymmetry_${lexicon}`}
        rows={promptSlugs.flatMap((p, pi) =>
          rowsOf(results[pi]).map((a) => ({
            prompt: p,
            model: a.model.slug,
            lexicon: a.lexicon,
            matchedTokens: a.matchedTokens,
            nonPositiveSlope: a.nonPositive.slope.estimate,
            nonPositiveLow: a.nonPositive.slope.low,
            nonPositiveHigh: a.nonPositive.slope.high,
            positiveSlope: a.positive.slope.estimate,
            positiveLow: a.positive.slope.low,
            positiveHigh: a.positive.slope.high,
            difference: a.difference.estimate,
            differenceLow: a.difference.low,
            differenceHigh: a.difference.high,
            ...intervalColumns("standardizedNonPositiveSlope", a.standardized?.nonPositive?.estimate ?? null, a.standardized?.nonPositive),
            ...intervalColumns("standardizedPositiveSlope", a.standardized?.positive?.estimate ?? null, a.standardized?.positive),
            ...intervalColumns("standardizedDifference", a.standardized?.difference?.estimate ?? null, a.standardized?.difference),
          })),
        )}
      />
    </>
  );
}
