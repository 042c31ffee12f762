// Identity groups: where terms for groups of people (in all their token forms) rank in each
// model. Heatmap of the median percentile per group x model; a group drills down to its terms.
// Filters: prompt, models, category, group.
import Link from "next/link";
import { ChartPanel } from "../components/ChartPanel";
import { Downloads } from "../components/Downloads";
import { FilterBar } from "../components/FilterBar";
import { HashTargetHeading } from "../components/HashTargetHeading";
import { PageHead } from "../components/PageHead";
import { ScrollRegion } from "../components/ScrollRegion";
import { Empty, NoModels, Unavailable } from "../components/States";
import { TokenText } from "../components/TokenText";
import { graphql } from "../graphql/generated";
import { rowsHeight } from "../lib/analysis";
import { defaultPrompt, getCatalog } from "../lib/catalog";
import { isPublicSite, tryQuery } from "../lib/data";
import { chartName, formatInt, formatInterval, formatNum, formatPercentile100 } from "../lib/format";
import { one, parseModels, parseSlug, queryString, type SearchParams } from "../lib/params";

const QUERY = graphql(`
  query Identity($prompt: String!, $models: [String!], $list: String!) {
    identityGroups(promptSlug: $prompt, modelSlugs: $models, list: $list) {
      groups {
        category group groupId model { slug displayName } matchedTokens medianPercentile
        effect { estimate low high } effectVsWords { estimate low high } nullVsWords { low high }
        inPessimalTail shareInPessimalTail
        terms { tokenId text percentile }
      }
    }
  }
`);

const LISTS_QUERY = graphql(`
  query IdentityLists {
    analysisLists { identityLists }
  }
`);

const BUILT_IN_LIST = "reward-atlas";

const groupKey = (g: { category: string; group: string }) => `${g.category}: ${g.group}`;

export async function IdentityView({ searchParams }: { searchParams: SearchParams }) {
  const catalog = await getCatalog();
  if (catalog.swept.length === 0) {
    return (
      <>
        <PageHead title="Identity groups" />
        <NoModels publicSite={isPublicSite()} />
      </>
    );
  }
  const promptSlugs = catalog.sweptPrompts.map((p) => p.slug);
  const prompt = parseSlug(searchParams, "prompt", promptSlugs, defaultPrompt(catalog.sweptPrompts))!;
  const models = parseModels(searchParams, catalog.swept.map((m) => m.slug));
  // The built-in groups, or an uploaded list named in the URL.
  const known = await tryQuery(LISTS_QUERY, {});
  const lists = known.ok ? known.data.analysisLists.identityLists : [BUILT_IN_LIST];
  const list = parseSlug(searchParams, "list", lists, BUILT_IN_LIST)!;
  const result = await tryQuery(QUERY, { prompt, models: models.all ? null : models.selected, list });
  const groups = result.ok ? (result.data.identityGroups?.groups ?? []) : [];
  const categories = [...new Set(groups.map((g) => g.category))].sort();
  const category = parseSlug(searchParams, "category", categories, "");
  const shown = category ? groups.filter((g) => g.category === category) : groups;
  const rowKeys = [...new Set(shown.map(groupKey))].sort();
  const modelSlugs = [...new Set(shown.map((g) => g.model.slug))].sort();
  const modelNames = modelSlugs.map((s) => chartName(shown.find((g) => g.model.slug === s)!.model));
  const cell = new Map(shown.map((g) => [`${groupKey(g)}|${g.model.slug}`, g]));
  const selectedGroup = parseSlug(searchParams, "group", [...new Set(shown.map((g) => g.groupId))], undefined);
  const base = { prompt, models: models.all ? undefined : models.selected, category: category || undefined };
  const link = (g: { groupId: string }) => `/identity${queryString({ ...base, group: g.groupId })}#terms`;
  const drill = selectedGroup ? shown.filter((g) => g.groupId === selectedGroup) : [];
  const selectedLabel = drill[0]?.group;
  // Under a negative framing ("worst") a high percentile rates the group a good answer to it: the
  // harmful end is the top, and the colours say so.
  const negative = catalog.sweptPrompts.find((p) => p.slug === prompt)?.framing === "NEGATIVE";

  return (
    <>
      <PageHead
        title="Identity groups"
        lead="Terms for groups of people — in their singular, plural, capitalised and leading-space token forms — and where they rank. 50 is the middle of the vocabulary; low percentiles are the pessimal end."
      />
      <FilterBar
        fields={[
          { kind: "select", name: "prompt", label: "Prompt", value: prompt, options: promptSlugs.map((p) => ({ value: p, label: p })) },
          ...(lists.length > 1
            ? [{ kind: "select" as const, name: "list", label: "Term list", value: list, options: lists.map((l) => ({ value: l, label: l === BUILT_IN_LIST ? `${l} (built in)` : l })) }]
            : []),
          { kind: "select", name: "category", label: "Category", value: category ?? "", options: [{ value: "", label: "all" }, ...categories.map((c) => ({ value: c, label: c }))] },
          { kind: "checkboxes", name: "models", label: "Models", values: models.selected, options: catalog.swept.map((m) => ({ value: m.slug, label: m.displayName })) },
        ]}
        keep={selectedGroup && one(searchParams, "group") ? { group: selectedGroup } : {}}
      />
      {!result.ok ? (
        <Unavailable what="identity-group analysis" message={result.message} />
      ) : shown.length === 0 ? (
        <Empty title="No identity terms matched for this selection." />
      ) : (
        <>
          <h2>Median percentile by group and model · {prompt}</h2>
          <ChartPanel
            spec={{
              kind: "heatmap",
              rows: rowKeys,
              cols: modelNames,
              values: rowKeys.map((r) => modelSlugs.map((m) => {
                const g = cell.get(`${r}|${m}`);
                return g?.medianPercentile ?? null;
              })),
              min: 0,
              max: 100,
              decimals: 0,
              valueLabel: "median percentile",
              diverging: true,
              redAtHigh: negative,
              links: rowKeys.map((r) => modelSlugs.map((m) => { const g = cell.get(`${r}|${m}`); return g ? link(g) : null; })),
              missingLabel: "none of the group's terms is a single token in this model's vocabulary",
            }}
            height={rowsHeight(rowKeys.length, 26, 150, 220)}
            label={`Median percentile of ${rowKeys.length} identity groups in ${modelSlugs.length} models on the ${prompt} prompt; red = ${negative ? "high" : "low"}`}
            fileName={`identity_${prompt}_heatmap`}
            caption={
              negative
                ? `Negative framing: a high percentile means the model rates the group a good answer to "${prompt}", so red marks the top. Blue: low; grey: none of its terms is a single token in that model. Click a cell, or a group below, for its terms.`
                : "Red: the group's terms rank low (pessimal end); blue: high; grey: none of its terms is a single token in that model. Click a cell, or a group below, for its terms."
            }
          />
          <ScrollRegion label="Median percentile by group and model">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  {modelNames.map((n) => (
                    <th key={n} scope="col" className="num">{n}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rowKeys.map((r) => {
                  const any = shown.find((g) => groupKey(g) === r)!;
                  return (
                    <tr key={r} className={any.groupId === selectedGroup ? "selected" : undefined}>
                      <th scope="row">
                        <Link href={link(any)} scroll={false} aria-current={any.groupId === selectedGroup ? "true" : undefined}>{any.group}</Link>{" "}
                        <span className="muted small">{any.category}</span>
                      </th>
                      {modelSlugs.map((m) => {
                        const g = cell.get(`${r}|${m}`);
                        return (
                          <td key={m} className={`num${g?.inPessimalTail ? " flagged" : ""}`} title={g?.inPessimalTail ? "in the pessimal tail" : undefined}>
                            {g ? formatPercentile100(g.medianPercentile) : "—"}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>

          <HashTargetHeading id="terms" chosen={selectedGroup}>
            Terms{selectedLabel ? ` · ${selectedLabel}` : ""}
          </HashTargetHeading>
          {!selectedGroup ? (
            <p className="muted">Choose a group to see its terms and token forms in every model.</p>
          ) : (
            <div className="small-multiples">
              {drill.map((g) => (
                <section key={g.model.slug} className="panel" aria-label={`${g.group} in ${g.model.displayName}`}>
                  <h3>{g.model.displayName}</h3>
                  <p className="small">
                    median percentile <strong>{formatPercentile100(g.medianPercentile)}</strong> · Cliff&apos;s δ against the vocabulary{" "}
                    {formatInterval(g.effect)}, against word tokens <strong>{formatInterval(g.effectVsWords)}</strong>
                    {g.nullVsWords ? ` (random words of this number: ${formatNum(g.nullVsWords.low, 2)} to ${formatNum(g.nullVsWords.high, 2)})` : ""} ·{" "}
                    {formatInt(g.matchedTokens)} tokens
                    {g.shareInPessimalTail !== null ? ` · ${formatNum(g.shareInPessimalTail * 100, 0)}% below the 10th percentile` : ""}
                    {g.inPessimalTail ? " · in the pessimal tail" : ""}
                  </p>
                  <table className="data compact">
                    <thead>
                      <tr>
                        <th scope="col">Token</th>
                        <th scope="col" className="num">Id</th>
                        <th scope="col" className="num">Percentile</th>
                      </tr>
                    </thead>
                    <tbody>
                      {[...g.terms].sort((a, b) => a.percentile - b.percentile).map((t) => (
                        <tr key={t.tokenId}>
                          <td><Link href={`/tokens?q=${encodeURIComponent(t.text)}&match=exact`}><TokenText text={t.text} /></Link></td>
                          <td className="num muted">{t.tokenId}</td>
                          <td className="num">{formatPercentile100(t.percentile)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
              ))}
            </div>
          )}
          <Downloads
            name={`identity_${prompt}`}
            rows={shown.flatMap((g) =>
              g.terms.map((t) => ({
                prompt, model: g.model.slug, category: g.category, group: g.group, groupId: g.groupId, medianPercentile: g.medianPercentile,
                effectVsWords: g.effectVsWords?.estimate ?? null, inPessimalTail: g.inPessimalTail, tokenId: t.tokenId, text: t.text, percentile: t.percentile,
              })),
            )}
          />
        </>
      )}
    </>
  );
}
