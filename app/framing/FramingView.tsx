// Framing: the same tokens under a positive and a negative prompt (best vs worst). Scatter of
// the two scores with y = x; tokens ranked by best + worst (high under both) and best − worst.
// Filters: model (one with both prompts of a framing pair swept), k.
import Link from "next/link";
import { ChartPanel } from "../components/ChartPanel";
import { DemoBadge } from "../components/DemoBadge";
import { Downloads } from "../components/Downloads";
import { FilterBar } from "../components/FilterBar";
import { PageHead } from "../components/PageHead";
import { Empty, NoModels, Unavailable } from "../components/States";
import { TokenText } from "../components/TokenText";
import { graphql } from "../graphql/generated";
import type { FramingQuery } from "../graphql/generated/graphql";
import { toPoints } from "../lib/analysis";
import { completedPrompts, getCatalog } from "../lib/catalog";
import { isPublicSite, tryQuery } from "../lib/data";
import { formatInterval, formatNum } from "../lib/format";
import { one, pick, parseSlug, type SearchParams } from "../lib/params";

/** framing(k) allows 0..50 tokens per list. */
const FRAMING_K = ["10", "20", "50"] as const;

const QUERY = graphql(`
  query Framing($model: String!, $k: Int!, $positive: String) {
    framing(modelSlug: $model, k: $k, positivePromptSlug: $positive) {
      model { slug displayName isDemo }
      positive { slug text }
      negative { slug text }
      n rankCorrelation lexiconRankCorrelation kendallTau reversalDistance sensitivity
      positiveValenceSlope { estimate low high }
      negativeValenceSlope { estimate low high }
      topSum { tokenId text value }
      bottomSum { tokenId text value }
      topDifference { tokenId text value }
      bottomDifference { tokenId text value }
      points { tokenId text x y }
    }
  }
`);

type ValueToken = NonNullable<FramingQuery["framing"]>["topSum"][number];

export async function FramingView({ searchParams }: { searchParams: SearchParams }) {
  const catalog = await getCatalog();
  // Models with both prompts of some framing pair swept.
  const candidates = catalog.swept.filter((m) => {
    const done = completedPrompts(m);
    return catalog.prompts.some((p) => p.pair && done.includes(p.slug) && done.includes(p.pair.slug));
  });
  if (candidates.length === 0) {
    return (
      <>
        <PageHead title="Framing" />
        {catalog.swept.length === 0 ? (
          <NoModels publicSite={isPublicSite()} />
        ) : (
          <Empty title="No model has both prompts of a framing pair swept.">Sweep a model over both “best” and “worst” to compare framings.</Empty>
        )}
      </>
    );
  }
  const model = parseSlug(searchParams, "model", candidates.map((m) => m.slug), candidates[0].slug)!;
  const k = Number(pick(one(searchParams, "k"), FRAMING_K, "20"));
  // Framing pairs this model has both sides of, named by their positive prompt.
  const done = completedPrompts(candidates.find((m) => m.slug === model)!);
  const pairs = catalog.prompts.filter((p) => p.framing === "POSITIVE" && p.pair && done.includes(p.slug) && done.includes(p.pair.slug));
  const pair = parseSlug(searchParams, "pair", pairs.map((p) => p.slug), pairs.some((p) => p.slug === "best") ? "best" : pairs[0]?.slug);
  const result = await tryQuery(QUERY, { model, k, positive: pair ?? null });
  const f = result.ok ? result.data.framing : null;

  return (
    <>
      <PageHead
        title="Framing"
        lead="The same vocabulary under a positive and a negative question. A model that reads the question should flip its ranking (correlation near −1); tokens high under both framings are valued regardless of what was asked."
      />
      <FilterBar
        fields={[
          { kind: "select", name: "model", label: "Model", value: model, options: candidates.map((m) => ({ value: m.slug, label: `${m.displayName}${m.isDemo ? " (demo)" : ""}` })) },
          ...(pairs.length > 1
            ? [{ kind: "select" as const, name: "pair", label: "Framing pair", value: pair ?? "", options: pairs.map((p) => ({ value: p.slug, label: `${p.slug} vs ${p.pair!.slug}` })) }]
            : []),
          { kind: "select", name: "k", label: "List length", value: String(k), options: FRAMING_K.map((v) => ({ value: v, label: v })) },
        ]}
      />
      {!result.ok ? (
        <Unavailable what="framing analysis" message={result.message} />
      ) : !f ? (
        <Empty title="Not computed for this model yet." />
      ) : (
        <>
          <h2>
            <Link href={`/models/${encodeURIComponent(f.model.slug)}`}>{f.model.displayName}</Link> {f.model.isDemo ? <DemoBadge /> : null}:{" "}
            {f.positive.slug} vs {f.negative.slug}
          </h2>
          <div className="grid stats" role="list">
            <Stat label={`Spearman ρ, ${f.positive.slug} vs ${f.negative.slug} (${f.n.toLocaleString("en")} tokens)`} value={formatNum(f.rankCorrelation, 3)} />
            <Stat label="Kendall τ" value={formatNum(f.kendallTau, 3)} />
            <Stat label="Spearman ρ, sentiment words only" value={formatNum(f.lexiconRankCorrelation, 3)} />
            <Stat label="Framing sensitivity (1 = exact reversal, 0 = ignored)" value={formatNum(f.sensitivity, 3)} />
            <Stat label={`Valence slope under ${f.positive.slug}`} value={formatInterval(f.positiveValenceSlope, 3)} />
            <Stat label={`Valence slope under ${f.negative.slug}`} value={formatInterval(f.negativeValenceSlope, 3)} />
          </div>
          <ChartPanel
            spec={{
              kind: "scatter",
              xLabel: `score on “${f.positive.slug}”`,
              yLabel: `score on “${f.negative.slug}”`,
              labelKind: "token",
              identity: true,
              series: [{ name: f.model.displayName, color: 0, points: toPoints(f.points) }],
            }}
            height={440}
            label={`Scores of ${f.points.length} tokens under ${f.positive.slug} (x) and ${f.negative.slug} (y), with the line y = x`}
            fileName={`framing_${f.model.slug}_scatter`}
            caption={`${f.points.length.toLocaleString("en")} tokens (down-sampled, extremes kept). Dashed: y = x. Hover a point for its token.`}
          />
          <div className="four-col">
            <ValueList title={`Highest ${f.positive.slug} + ${f.negative.slug}`} note="valued under both framings" tokens={f.topSum} />
            <ValueList title={`Lowest ${f.positive.slug} + ${f.negative.slug}`} note="disvalued under both" tokens={f.bottomSum} />
            <ValueList title={`Highest ${f.positive.slug} − ${f.negative.slug}`} note="flip the most, as they should" tokens={f.topDifference} />
            <ValueList title={`Lowest ${f.positive.slug} − ${f.negative.slug}`} note="score higher when asked for the worst" tokens={f.bottomDifference} />
          </div>
          <Downloads
            name={`framing_${f.model.slug}`}
            rows={[
              ...(["topSum", "bottomSum", "topDifference", "bottomDifference"] as const).flatMap((list) =>
                f[list].map((t, i) => ({ list, position: i + 1, tokenId: t.tokenId, text: t.text, value: t.value })),
              ),
              ...f.points.map((p) => ({ list: "points", tokenId: p.tokenId, text: p.text, [f.positive.slug]: p.x, [f.negative.slug]: p.y })),
            ]}
          />
        </>
      )}
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="panel" role="listitem">
      <div className="stat stat-small">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

function ValueList({ title, note, tokens }: { title: string; note: string; tokens: ValueToken[] }) {
  return (
    <section className="panel" aria-label={title}>
      <h3>{title}</h3>
      <p className="muted small">{note}</p>
      <ol className="value-list">
        {tokens.map((t, i) => (
          <li key={t.tokenId}>
            <span className="pos muted">{i + 1}.</span>
            <TokenText text={t.text} />
            <span className="num">{formatNum(t.value, 3)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
