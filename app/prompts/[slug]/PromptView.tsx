// One prompt: the optimal and pessimal tokens of every model, in columns (raw vocabularies), and
// the shared vocabulary cross-model statistics are computed on.
import Link from "next/link";
import { notFound } from "next/navigation";
import { DemoBadge } from "../../components/DemoBadge";
import { Downloads } from "../../components/Downloads";
import { FilterBar } from "../../components/FilterBar";
import { PageHead } from "../../components/PageHead";
import { RankedTable } from "../../components/RankedTable";
import { Empty, NoModels, Unavailable } from "../../components/States";
import { TokenText } from "../../components/TokenText";
import { graphql } from "../../graphql/generated";
import { getCatalog } from "../../lib/catalog";
import { isPublicSite, tryQuery } from "../../lib/data";
import { formatInt } from "../../lib/format";
import { K_VALUES, NORMALIZATIONS, parseK, parseModels, parseNormalization, parseTokenFilter, TOKEN_FILTERS, tokenFilterNoun, type SearchParams } from "../../lib/params";

const RANKING_QUERY = graphql(`
  query PromptRanking($model: String!, $prompt: String!, $k: Int!, $tokens: RankingTokens, $shared: VocabNormalization) {
    top: ranking(modelSlug: $model, promptSlug: $prompt, order: TOP, first: $k, tokens: $tokens, sharedVocabulary: $shared) { ...RankedTokens }
    bottom: ranking(modelSlug: $model, promptSlug: $prompt, order: BOTTOM, first: $k, tokens: $tokens, sharedVocabulary: $shared) { ...RankedTokens }
  }
`);

const SHARED_QUERY = graphql(`
  query PromptSharedVocabulary($prompt: String!, $normalization: VocabNormalization) {
    sharedVocabulary(promptSlug: $prompt, normalization: $normalization) { normalization size droppedAsDuplicates notInEveryModel sample models { slug } }
  }
`);

/** The catalog and the prompt, or notFound(): called by the page before anything streams, so an
 * unknown slug answers 404; PromptView's call reuses the same request-scoped catalog. */
export async function findPromptOr404(slug: string) {
  const catalog = await getCatalog();
  const prompt = catalog.prompts.find((p) => p.slug === slug);
  if (!prompt) notFound();
  return { catalog, prompt };
}

export async function PromptView({ slug, searchParams }: { slug: string; searchParams: SearchParams }) {
  const { catalog, prompt } = await findPromptOr404(slug);
  const candidates = catalog.swept.filter((m) => m.sweeps.some((s) => s.status === "COMPLETED" && s.prompt.slug === slug));
  const { selected } = parseModels(searchParams, candidates.map((m) => m.slug));
  const k = parseK(searchParams, 10);
  const tokens = parseTokenFilter(searchParams);
  const norm = parseNormalization(searchParams);
  const [rankings, shared] = await Promise.all([
    Promise.all(selected.map((model) => tryQuery(RANKING_QUERY, { model, prompt: slug, k, tokens: tokens.api, shared: norm.api }))),
    tryQuery(SHARED_QUERY, { prompt: slug, normalization: norm.api }),
  ]);
  const models = selected.map((s) => candidates.find((m) => m.slug === s)!);

  const rows = models.flatMap((m, i) => {
    const r = rankings[i];
    if (!r.ok) return [];
    return (["top", "bottom"] as const).flatMap((list) =>
      r.data[list].edges.map(({ node }) => ({ model: m.slug, list, rank: node.rank, tokenId: node.tokenId, text: node.decoded, score: node.score, percentile: node.percentile })),
    );
  });

  return (
    <>
      <PageHead title={<>Prompt: {prompt.slug}</>} lead={<>“{prompt.text}” · {prompt.framing.toLowerCase()} framing{prompt.pair ? <> · opposite: <Link href={`/prompts/${encodeURIComponent(prompt.pair.slug)}`}>{prompt.pair.slug}</Link></> : null}</>} />
      {candidates.length === 0 ? (
        <NoModels publicSite={isPublicSite()} />
      ) : (
        <>
          <FilterBar
            fields={[
              { kind: "checkboxes", name: "models", label: "Models", values: selected, options: candidates.map((m) => ({ value: m.slug, label: m.displayName })) },
              { kind: "select", name: "k", label: "List length", value: String(k), options: K_VALUES.map((v) => ({ value: v, label: `top/bottom ${v}` })) },
              { kind: "select", name: "tokens", label: "Which tokens", value: tokens.value, options: TOKEN_FILTERS.map((f) => ({ value: f.value, label: f.label })) },
              { kind: "select", name: "norm", label: "Shared vocabulary", value: norm.value, options: NORMALIZATIONS.map((n) => ({ value: n.value, label: n.label })) },
            ]}
          />
          {(["top", "bottom"] as const).map((list) => (
            <section key={list} aria-labelledby={`h-${list}`}>
              <h2 id={`h-${list}`}>
                {list === "top" ? "Optimal" : "Pessimal"} {tokenFilterNoun(tokens)} ({list} {k})
              </h2>
              <div className="columns" style={{ gridTemplateColumns: `repeat(${models.length}, minmax(230px, 1fr))` }}>
                {models.map((m, i) => {
                  const r = rankings[i];
                  return (
                    <div key={m.slug} className="column">
                      <h3 className="column-head">
                        <Link href={`/models/${encodeURIComponent(m.slug)}?prompt=${encodeURIComponent(slug)}`}>{m.displayName}</Link> {m.isDemo ? <DemoBadge /> : null}
                      </h3>
                      {r.ok ? <RankedTable title={list === "top" ? "Optimal" : "Pessimal"} label={`${list === "top" ? "Optimal" : "Pessimal"} tokens, ${m.displayName}`} connection={r.data[list]} compact /> : <Unavailable what="ranking" message={r.message} />}
                    </div>
                  );
                })}
              </div>
            </section>
          ))}
          <Downloads
            name={`${slug}_top-bottom-${k}`}
            rows={rows}
            links={models.flatMap((m) => [{ href: `/api/export/ranking/${encodeURIComponent(m.slug)}/${encodeURIComponent(slug)}.csv?order=top`, label: `${m.slug} (CSV)` }])}
          />

          <h2>Shared vocabulary</h2>
          <p className="muted small">
            {tokens.api === "SHARED"
              ? "Lists above keep each model's tokens in this shared vocabulary; their ranks are among all of the model's scored ids. "
              : "Lists above rank each model's raw vocabulary. "}
            Cross-model statistics use the strings present in every model (strings that occur twice within one model are dropped),
            under the normalization chosen above.
          </p>
          {!shared.ok ? (
            <Unavailable what="shared vocabulary" message={shared.message} />
          ) : !shared.data.sharedVocabulary ? (
            <Empty title="Not computed for this prompt yet." />
          ) : (
            <div className="panel">
              <div className="grid">
                <div><div className="stat">{formatInt(shared.data.sharedVocabulary.size)}</div><div className="stat-label">shared strings</div></div>
                <div><div className="stat">{formatInt(shared.data.sharedVocabulary.droppedAsDuplicates)}</div><div className="stat-label">dropped as duplicates</div></div>
                <div><div className="stat">{formatInt(shared.data.sharedVocabulary.notInEveryModel)}</div><div className="stat-label">not in every model</div></div>
                <div><div className="stat">{shared.data.sharedVocabulary.models.length}</div><div className="stat-label">models compared</div></div>
              </div>
              {shared.data.sharedVocabulary.sample.length ? (
                <>
                  <h3>Sample</h3>
                  <ul className="inline-list">
                    {shared.data.sharedVocabulary.sample.slice(0, 60).map((text, i) => (
                      <li key={i}><TokenText text={text} /></li>
                    ))}
                  </ul>
                </>
              ) : null}
            </div>
          )}
        </>
      )}
    </>
  );
}
