// Token explorer: one text across every model and prompt (token(text) is one SQL round trip),
// with rank, percentile, raw score and the tokens ranked next to it.
import Link from "next/link";
import { DemoBadge } from "../components/DemoBadge";
import { Downloads } from "../components/Downloads";
import { PageHead } from "../components/PageHead";
import { Empty, Unavailable } from "../components/States";
import { TokenFlags } from "../components/TokenFlags";
import { TokenText } from "../components/TokenText";
import { graphql } from "../graphql/generated";
import { query, tryQuery } from "../lib/data";
import { formatInt, formatNum, formatPercentile } from "../lib/format";
import { one, pick, type SearchParams } from "../lib/params";
import { TokenSearch } from "./TokenSearch";

const TOKEN_QUERY = graphql(`
  query TokenExplorer($text: String!, $exact: Boolean!) {
    token(text: $text, exact: $exact) {
      text exact truncated
      matches {
        model { slug displayName isDemo }
        tokenId piece decoded
        flags { special byte whitespace startsWithSpace }
        scores { prompt { slug } mode score rank percentile tokenCount }
      }
    }
  }
`);

// Centred on the token itself (aroundTokenId: one primary-key probe), not on its rank: finding a
// rank walks up to half the sweep (~60 ms at 262k ids), and this page asks for up to 60 windows.
// Inside a tie group the window then holds the token (around: rank centred on the group's end).
const NEIGHBOUR_QUERY = graphql(`
  query TokenNeighbours($model: String!, $prompt: String!, $mode: SweepMode, $tokenId: Int!) {
    ranking(modelSlug: $model, promptSlug: $prompt, mode: $mode, aroundTokenId: $tokenId, first: 5) {
      edges { node { tokenId decoded piece rank score } }
    }
  }
`);

/** A matched token id: its text, what kind of token it is and, where it differs, the vocabulary's
 * raw piece; the byte token <0x3C> and the ordinary token "<" decode alike. */
function TokenIdentity({ token }: { token: { tokenId: number; piece: string; decoded: string; flags: { special: boolean; byte: boolean } } }) {
  return (
    <>
      <TokenText text={token.decoded} />
      <TokenFlags flags={token.flags} /> <span className="muted small">#{token.tokenId}</span>
      {token.piece !== token.decoded ? (
        <div className="muted small token-piece">
          piece <TokenText text={token.piece} />
        </div>
      ) : null}
    </>
  );
}

/** Neighbour look-ups per page (each is one keyset query). */
const MAX_NEIGHBOUR_ROWS = 60;

/** The API matches a whitespace-only text exactly even when asked to ignore case and spacing. */
const WHITESPACE_NOTE = "exactly (a text of whitespace only is matched as typed)";

export async function TokensView({ searchParams }: { searchParams: SearchParams }) {
  const q = (one(searchParams, "q") ?? "").slice(0, 200);
  const match = pick(one(searchParams, "match"), ["loose", "exact"] as const, "loose");
  const result = q ? await query(TOKEN_QUERY, { text: q, exact: match === "exact" }) : null;
  const matches = [...(result?.token.matches ?? [])].sort(
    (a, b) => a.model.slug.localeCompare(b.model.slug) || a.decoded.localeCompare(b.decoded) || a.tokenId - b.tokenId,
  );
  const rows = matches.flatMap((m) =>
    [...m.scores].sort((a, b) => a.prompt.slug.localeCompare(b.prompt.slug)).map((s) => ({ match: m, score: s })),
  );
  const looked = rows.slice(0, MAX_NEIGHBOUR_ROWS);
  const found = await Promise.all(
    looked.map(({ match: m, score: s }) =>
      tryQuery(NEIGHBOUR_QUERY, { model: m.model.slug, prompt: s.prompt.slug, mode: s.mode, tokenId: m.tokenId }),
    ),
  );
  const neighbours = new Map(looked.map(({ match: m, score: s }, i) => [`${m.model.slug}:${m.tokenId}:${s.prompt.slug}:${s.mode}`, found[i]]));
  const groups = [...new Set(matches.map((m) => m.model.slug))].map((slug) => ({
    model: matches.find((m) => m.model.slug === slug)!.model,
    tokens: matches.filter((m) => m.model.slug === slug),
  }));
  const models = new Set(matches.map((m) => m.model.slug));
  const whitespaceOnly = match === "loose" && result?.token.exact === true;

  return (
    <>
      <PageHead
        title="Token explorer"
        lead="Type a token to see where it ranks in every model and prompt. Matching ignores case and a leading space unless you choose exact text; results are keyed by token id, so one text can match several ids of a model."
      />
      <TokenSearch initialQuery={q} match={match} />
      {!q ? (
        <Empty title="Search for a token to begin.">
          For example <Link href="/tokens?q=love">love</Link>, <Link href="/tokens?q=hate">hate</Link> or{" "}
          <Link href="/tokens?q=%20freedom&match=exact">“ freedom” with its leading space</Link>.
        </Empty>
      ) : matches.length === 0 ? (
        <Empty title="No token matches this text.">
          Nothing in any vocabulary decodes to <TokenText text={q} />
          {whitespaceOnly ? (
            ` ${WHITESPACE_NOTE}.`
          ) : match === "exact" ? (
            <>
              {" "}
              exactly; try <Link href={`/tokens?q=${encodeURIComponent(q)}&match=loose`}>ignoring case and leading space</Link>.
            </>
          ) : (
            "."
          )}
        </Empty>
      ) : (
        <>
          <p className="muted">
            <strong>{matches.length}</strong> token id{matches.length === 1 ? "" : "s"} in <strong>{models.size}</strong> model
            {models.size === 1 ? "" : "s"} match <TokenText text={q} />
            {whitespaceOnly ? ` ${WHITESPACE_NOTE}` : ""}
            {result?.token.truncated ? " (more rows matched than are shown)" : ""}.
          </p>
          {groups.map(({ model, tokens }) => (
            <section key={model.slug} className="token-model" aria-labelledby={`tm-${model.slug}`}>
              <h2 id={`tm-${model.slug}`}>
                <Link href={`/models/${encodeURIComponent(model.slug)}`}>{model.displayName}</Link> {model.isDemo ? <DemoBadge /> : null}
              </h2>
              <div className="table-wrap">
                <table className="data token-table">
                  <thead>
                    <tr>
                      <th scope="col">Token</th>
                      <th scope="col">Prompt</th>
                      <th scope="col" className="num">Rank</th>
                      <th scope="col" className="num" title="100 = highest score">Percentile</th>
                      <th scope="col" className="num">Score</th>
                      <th scope="col">Neighbours in rank</th>
                    </tr>
                  </thead>
                  {tokens.map((m) => {
                    const scores = [...m.scores].sort((a, b) => a.prompt.slug.localeCompare(b.prompt.slug) || a.mode.localeCompare(b.mode));
                    return (
                      <tbody key={m.tokenId} className="token-group">
                        {scores.length === 0 ? (
                          <tr>
                            <th scope="row" className="token-cell">
                              <TokenIdentity token={m} />
                            </th>
                            <td colSpan={5} className="muted">no completed sweep</td>
                          </tr>
                        ) : (
                          scores.map((s, j) => {
                            const n = neighbours.get(`${m.model.slug}:${m.tokenId}:${s.prompt.slug}:${s.mode}`);
                            return (
                              <tr key={`${s.prompt.slug}:${s.mode}`}>
                                {j === 0 ? (
                                  <th scope="row" rowSpan={scores.length} className="token-cell">
                                    <TokenIdentity token={m} />
                                  </th>
                                ) : null}
                                <td>
                                  <Link href={`/models/${encodeURIComponent(m.model.slug)}?prompt=${encodeURIComponent(s.prompt.slug)}`}>{s.prompt.slug}</Link>
                                  {s.mode !== "ID" ? <span className="muted small"> ({s.mode.toLowerCase()})</span> : null}
                                </td>
                                <td className="num">
                                  {formatInt(s.rank)} <span className="muted small">/ {formatInt(s.tokenCount)}</span>
                                </td>
                                <td className="num">{formatPercentile(s.percentile)}</td>
                                <td className="num">{formatNum(s.score, 3)}</td>
                                <td>
                                  {n === undefined ? (
                                    <span className="muted small">—</span>
                                  ) : n.ok ? (
                                    <ol className="neighbours" aria-label="Tokens ranked next to it">
                                      {n.data.ranking.edges.map(({ node }) => (
                                        <li key={node.tokenId} className={node.tokenId === m.tokenId ? "self" : undefined} value={node.rank}>
                                          <TokenText text={node.decoded ?? node.piece} />
                                        </li>
                                      ))}
                                    </ol>
                                  ) : (
                                    <Unavailable what="neighbours" message={n.message} />
                                  )}
                                </td>
                              </tr>
                            );
                          })
                        )}
                      </tbody>
                    );
                  })}
                </table>
              </div>
            </section>
          ))}
          <Downloads
            name={`token_${q.trim().slice(0, 40) || "space"}`}
            links={[
              { href: `/api/export/token.csv?text=${encodeURIComponent(q)}&exact=${match === "exact"}`, label: "CSV (API)" },
              { href: `/api/export/token.json?text=${encodeURIComponent(q)}&exact=${match === "exact"}`, label: "JSON (API)" },
            ]}
            rows={rows.map(({ match: m, score: s }) => ({
              model: m.model.slug,
              tokenId: m.tokenId,
              text: m.decoded,
              piece: m.piece,
              prompt: s.prompt.slug,
              mode: s.mode,
              rank: s.rank,
              tokenCount: s.tokenCount,
              percentile: s.percentile,
              score: s.score,
            }))}
          />
        </>
      )}
    </>
  );
}
