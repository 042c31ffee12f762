// One model: score distribution per prompt, optimal and pessimal tokens side by side, identity
// terms in its pessimal tail, and the provenance of every sweep (SweepProvenance).
import Link from "next/link";
import { notFound } from "next/navigation";
import { ChartPanel } from "../../components/ChartPanel";
import { DemoBadge } from "../../components/DemoBadge";
import { Downloads } from "../../components/Downloads";
import { FilterBar } from "../../components/FilterBar";
import { PageHead } from "../../components/PageHead";
import { RankedTable } from "../../components/RankedTable";
import { Empty, Unavailable } from "../../components/States";
import { TokenText } from "../../components/TokenText";
import { graphql } from "../../graphql/generated";
import { defaultPrompt } from "../../lib/catalog";
import { query, tryQuery } from "../../lib/data";
import { formatInt, formatInterval, formatNum, formatParams, formatPercentile100 } from "../../lib/format";
import { K_VALUES, parseK, parseSlug, parseTokenFilter, pick, one, TOKEN_FILTERS, tokenFilterNote, tokenFilterNoun, type SearchParams } from "../../lib/params";
import { SweepProvenance } from "./SweepProvenance";

const MODEL_QUERY = graphql(`
  query ModelPage($slug: String!) {
    model(slug: $slug) {
      slug displayName source family architecture parameterCount vocabSize licence backend notes isDemo
      sweeps { id status mode prompt { slug text } ...SweepProvenance }
    }
  }
`);

const DISTRIBUTION_QUERY = graphql(`
  query ModelDistribution($model: String!, $prompt: String!) {
    distribution(modelSlug: $model, promptSlug: $prompt) { n mean variance skewness min max quantiles histogram { from to count } }
  }
`);

const RANKING_QUERY = graphql(`
  query ModelRanking($model: String!, $prompt: String!, $k: Int!, $mode: SweepMode, $tokens: RankingTokens) {
    top: ranking(modelSlug: $model, promptSlug: $prompt, order: TOP, first: $k, mode: $mode, tokens: $tokens) { ...RankedTokens }
    bottom: ranking(modelSlug: $model, promptSlug: $prompt, order: BOTTOM, first: $k, mode: $mode, tokens: $tokens) { ...RankedTokens }
  }
`);

const IDENTITY_QUERY = graphql(`
  query ModelIdentity($model: String!, $prompt: String!) {
    identityGroups(promptSlug: $prompt, modelSlugs: [$model]) {
      groups { category group groupId matchedTokens medianPercentile effect { estimate low high } inPessimalTail terms { tokenId text percentile } }
    }
  }
`);

/** The model and its sweeps, or notFound(). The page calls it before anything streams, so an
 * unknown slug answers 404 (not a 200 with a not-found body); ModelView's call is deduplicated. */
export async function findModelOr404(slug: string) {
  const { model } = await query(MODEL_QUERY, { slug });
  if (!model) notFound();
  return model;
}

export async function ModelView({ slug, searchParams }: { slug: string; searchParams: SearchParams }) {
  const model = await findModelOr404(slug);
  const completed = model.sweeps.filter((s) => s.status === "COMPLETED");
  const promptSlugs = [...new Set(completed.map((s) => s.prompt.slug))];
  const prompts = promptSlugs.map((p) => completed.find((s) => s.prompt.slug === p)!.prompt);
  const prompt = parseSlug(searchParams, "prompt", promptSlugs, defaultPrompt(prompts));
  const k = parseK(searchParams);
  const tokens = parseTokenFilter(searchParams);
  const modes = [...new Set(completed.filter((s) => s.prompt.slug === prompt).map((s) => s.mode))];
  const mode = modes.length > 1 ? pick(one(searchParams, "mode"), modes, modes.includes("ID") ? "ID" : modes[0]) : undefined;

  const [distributions, ranking, identity] = await Promise.all([
    Promise.all(promptSlugs.map((p) => tryQuery(DISTRIBUTION_QUERY, { model: slug, prompt: p }))),
    prompt ? tryQuery(RANKING_QUERY, { model: slug, prompt, k, mode: mode ?? null, tokens: tokens.api }) : null,
    prompt ? tryQuery(IDENTITY_QUERY, { model: slug, prompt }) : null,
  ]);

  const promptIndex = Math.max(0, promptSlugs.indexOf(prompt ?? ""));
  // The whole-ranking downloads are every scored id (~220 bytes each in JSON): say how big.
  const wholeRows = ranking?.ok ? ranking.data.top.sweep.tokenCount : null;
  const rowsNote = wholeRows ? `, ${formatInt(wholeRows)} rows, ~${formatNum((wholeRows * 220) / 1e6, 0)} MB` : "";
  const flagged = identity?.ok
    ? (identity.data.identityGroups?.groups ?? [])
        // Percentiles here are 0..100: the pessimal tail (median below 10), or the bottom quarter.
        .filter((g) => g.inPessimalTail || (g.medianPercentile !== null && g.medianPercentile < 25))
        .sort((a, b) => (a.medianPercentile ?? 1) - (b.medianPercentile ?? 1))
    : [];

  return (
    <>
      <PageHead
        title={
          <>
            {model.displayName} {model.isDemo ? <DemoBadge /> : null}
          </>
        }
        lead={model.notes ?? undefined}
      >
        <dl className="facts">
          <div><dt>Family</dt><dd>{model.family}</dd></div>
          <div><dt>Size</dt><dd>{formatParams(model.parameterCount)}</dd></div>
          <div><dt>Vocabulary</dt><dd>{model.vocabSize ? formatInt(model.vocabSize) : "—"}</dd></div>
          <div><dt>Source</dt><dd className="wrap">{model.source}</dd></div>
          <div><dt>Backend</dt><dd>{model.backend}</dd></div>
          {model.licence ? <div><dt>Licence</dt><dd>{model.licence}</dd></div> : null}
        </dl>
      </PageHead>

      {promptSlugs.length === 0 ? (
        <Empty title="This model has no completed sweep yet.">
          {model.backend === "import"
            ? "Its scores were imported for a candidate set only (see the human baseline view)."
            : "Its sweeps are listed on the status page while they run."}{" "}
          <Link href="/human">Human baseline</Link> · <Link href="/status">Status</Link>
        </Empty>
      ) : (
        <>
          <FilterBar
            fields={[
              { kind: "select", name: "prompt", label: "Prompt", value: prompt ?? "", options: prompts.map((p) => ({ value: p.slug, label: p.slug })) },
              ...(modes.length > 1 ? [{ kind: "select" as const, name: "mode", label: "Input construction", value: mode ?? "", options: modes.map((m) => ({ value: m, label: m.toLowerCase() })) }] : []),
              { kind: "select", name: "k", label: "List length", value: String(k), options: K_VALUES.map((v) => ({ value: v, label: `top/bottom ${v}` })) },
              { kind: "select", name: "tokens", label: "Which tokens", value: tokens.value, options: TOKEN_FILTERS.map((f) => ({ value: f.value, label: f.label })) },
            ]}
          />

          <h2>Score distribution</h2>
          <p className="muted small">Raw scores of this model only (raw scores are not comparable across models).</p>
          <div className="small-multiples">
            {promptSlugs.map((p, i) => {
              const result = distributions[i];
              const d = result.ok ? result.data.distribution : null;
              return (
                <section key={p} className={`panel${p === prompt ? " selected" : ""}`} aria-labelledby={`dist-${p}`}>
                  <h3 id={`dist-${p}`}>{p}</h3>
                  {!result.ok ? (
                    <Unavailable what="score distribution" message={result.message} />
                  ) : !d ? (
                    <Empty title="Not computed for this sweep yet." />
                  ) : (
                    <>
                      <ChartPanel
                        spec={{ kind: "histogram", xLabel: "score", bins: d.histogram.map((b) => [b.from, b.to, b.count]), color: i }}
                        width={380}
                        height={200}
                        label={`Histogram of ${formatInt(d.n)} token scores of ${model.displayName} on the ${p} prompt`}
                        fileName={`${slug}_${p}_distribution`}
                      />
                      <dl className="moments">
                        <div><dt>n</dt><dd>{formatInt(d.n)}</dd></div>
                        <div><dt>mean</dt><dd>{formatNum(d.mean, 3)}</dd></div>
                        <div><dt>variance</dt><dd>{formatNum(d.variance, 3)}</dd></div>
                        <div><dt>skewness</dt><dd>{formatNum(d.skewness, 3)}</dd></div>
                        <div><dt>range</dt><dd>{formatNum(d.min, 2)} … {formatNum(d.max, 2)}</dd></div>
                      </dl>
                    </>
                  )}
                </section>
              );
            })}
          </div>

          <h2>
            Optimal and pessimal tokens · <span className="muted">{prompt}</span>
          </h2>
          <p className="muted small">
            {prompts[promptIndex]?.text}
            {tokenFilterNote(tokens) ? ` ${tokenFilterNote(tokens)}` : null}
          </p>
          {!ranking || !ranking.ok ? (
            <Unavailable what="ranking" message={ranking?.ok === false ? ranking.message : "no prompt"} />
          ) : (
            <>
              <div className="two-col">
                <RankedTable title={`Top ${k}${tokens.api === "ALL" ? "" : ` ${tokenFilterNoun(tokens)}`} (optimal)`} connection={ranking.data.top} />
                <RankedTable title={`Bottom ${k}${tokens.api === "ALL" ? "" : ` ${tokenFilterNoun(tokens)}`} (pessimal)`} connection={ranking.data.bottom} />
              </div>
              <Downloads
                name={`${slug}_${prompt}_top-bottom-${k}${tokens.api === "ALL" ? "" : `-${tokens.value}`}`}
                links={[
                  { href: `/api/export/ranking/${encodeURIComponent(slug)}/${encodeURIComponent(prompt!)}.csv?order=top${mode ? `&mode=${mode}` : ""}`, label: `whole ranking (CSV${wholeRows ? `, ${formatInt(wholeRows)} rows` : ""})` },
                  { href: `/api/export/ranking/${encodeURIComponent(slug)}/${encodeURIComponent(prompt!)}.json?order=top${mode ? `&mode=${mode}` : ""}`, label: `whole ranking (JSON${rowsNote})` },
                ]}
                rows={[
                  ...ranking.data.top.edges.map(({ node }) => ({ list: "top", rank: node.rank, tokenId: node.tokenId, text: node.decoded, piece: node.piece, score: node.score, percentile: node.percentile })),
                  ...ranking.data.bottom.edges.map(({ node }) => ({ list: "bottom", rank: node.rank, tokenId: node.tokenId, text: node.decoded, piece: node.piece, score: node.score, percentile: node.percentile })),
                ]}
              />
            </>
          )}

          <h2>Identity groups ranked lowest (the pessimal tail, or a median below 25) · <span className="muted">{prompt}</span></h2>
          {!identity || !identity.ok ? (
            <Unavailable what="identity-group analysis" message={identity?.ok === false ? identity.message : "no prompt"} />
          ) : flagged.length === 0 ? (
            <Empty title="No identity group falls in this model's pessimal tail on this prompt." />
          ) : (
            <div className="table-wrap">
              <table className="data">
                <thead>
                  <tr>
                    <th scope="col">Group</th>
                    <th scope="col" className="num">Median percentile</th>
                    <th scope="col" className="num">Effect (Cliff&apos;s δ)</th>
                    <th scope="col">Lowest terms (percentile)</th>
                  </tr>
                </thead>
                <tbody>
                  {flagged.map((g) => (
                    <tr key={`${g.category}/${g.group}`}>
                      <th scope="row">
                        <Link href={`/identity?prompt=${encodeURIComponent(prompt!)}&category=${encodeURIComponent(g.category)}&group=${encodeURIComponent(g.groupId)}#terms`}>{g.group}</Link>
                        <div className="muted small">{g.category}{g.inPessimalTail ? " · pessimal tail" : ""}</div>
                      </th>
                      <td className="num">{formatPercentile100(g.medianPercentile)}</td>
                      <td className="num">{formatInterval(g.effect)}</td>
                      <td>
                        <ul className="inline-list">
                          {[...g.terms].sort((a, b) => a.percentile - b.percentile).slice(0, 8).map((t) => (
                            <li key={t.tokenId}>
                              <TokenText text={t.text} /> <span className="muted small">{formatPercentile100(t.percentile)}</span>
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}

      <h2>Sweep provenance</h2>
      <SweepProvenance sweeps={model.sweeps} />
    </>
  );
}
