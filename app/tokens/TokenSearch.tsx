"use client";
// Token search box with autocomplete: a combobox (ARIA 1.2 pattern) whose suggestions come from
// /api/graphql (tokenSearch) through Apollo Client, debounced. Without JavaScript it is a plain
// GET form to /tokens.
import { ApolloClient, HttpLink, InMemoryCache, gql, type TypedDocumentNode } from "@apollo/client";
import { ApolloProvider, useQuery } from "@apollo/client/react";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from "react";
import { TokenText } from "../components/TokenText";
import { searchBoxText } from "../lib/tokenText";
import type { TokenAutocompleteQuery, TokenAutocompleteQueryVariables } from "../graphql/generated/graphql";

// Apollo Client needs a DocumentNode, so this stays a gql literal; codegen reads it like the
// graphql(`...`) operations and generates its types (imported as types only: nothing from
// app/graphql/generated reaches the browser bundle).
const SEARCH: TypedDocumentNode<TokenAutocompleteQuery, TokenAutocompleteQueryVariables> = gql`
  query TokenAutocomplete($query: String!, $first: Int!) {
    tokenSearch(query: $query, match: PREFIX, caseInsensitive: true, ignoreLeadingSpace: true, first: $first) {
      tokenId
      decoded
      model { slug displayName }
    }
  }
`;

let client: ApolloClient | null = null;
function getClient(): ApolloClient {
  client ??= new ApolloClient({ link: new HttpLink({ uri: "/api/graphql" }), cache: new InMemoryCache() });
  return client;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function TokenSearch(props: { initialQuery: string; match: "loose" | "exact" }) {
  return (
    <ApolloProvider client={getClient()}>
      <SearchBox {...props} />
    </ApolloProvider>
  );
}

function SearchBox({ initialQuery, match }: { initialQuery: string; match: "loose" | "exact" }) {
  const router = useRouter();
  const id = useId();
  // A query the box cannot hold (a line break) shows as its visible label; submitting that label
  // unchanged searches the query itself again, not the escape's backslash.
  const shownQuery = searchBoxText(initialQuery);
  const [text, setText] = useState(shownQuery);
  const [mode, setMode] = useState(match);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const debounced = useDebounced(text, 200);
  const skip = !open || debounced.trim().length === 0 || debounced.length > 100;
  const { data, previousData, loading, error } = useQuery(SEARCH, { variables: { query: debounced, first: 40 }, skip, fetchPolicy: "no-cache" });

  useEffect(() => {
    setText(shownQuery);
    setMode(match);
  }, [shownQuery, match]);

  // One suggestion per decoded string, with the models that have it (a count: three full model
  // names crowded the token out of a 480 px list; the names are in the tooltip).
  const suggestions = useMemo(() => {
    const rows = (data ?? previousData)?.tokenSearch ?? [];
    const byText = new Map<string, Set<string>>();
    for (const row of rows) {
      if (!byText.has(row.decoded)) byText.set(row.decoded, new Set());
      byText.get(row.decoded)!.add(row.model.displayName);
    }
    return [...byText.entries()].slice(0, 10).map(([decoded, models]) => ({ decoded, models: [...models] }));
  }, [data, previousData]);

  const go = (q: string, how: "loose" | "exact") => {
    setOpen(false);
    setActive(-1);
    const search = new URLSearchParams({ q, match: how });
    router.push(`/tokens?${search.toString()}`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(suggestions.length - 1, i + 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setActive((i) => Math.max(-1, i - 1));
    } else if (event.key === "Escape") {
      setOpen(false);
      setActive(-1);
    } else if (event.key === "Enter" && open && active >= 0 && suggestions[active]) {
      event.preventDefault();
      go(suggestions[active].decoded, "exact");
    }
  };

  const listId = `${id}-list`;
  const expanded = open && !skip && suggestions.length > 0;
  return (
    <form
      className="token-search"
      method="get"
      action="/tokens"
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        const query = text === shownQuery ? initialQuery : text;
        if (query.length > 0) go(query, mode);
      }}
    >
      <div className="combo">
        <label htmlFor={`${id}-input`} className="visually-hidden">
          Token text
        </label>
        <input
          id={`${id}-input`}
          name="q"
          type="text"
          role="combobox"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder="Type a token, e.g. love"
          value={text}
          maxLength={200}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label="Suggestions" className="suggestions" hidden={!expanded}>
          {suggestions.map((s, i) => (
            <li
              key={s.decoded}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? "active" : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                go(s.decoded, "exact");
              }}
            >
              <TokenText text={s.decoded} />
              <span className="muted small suggestion-models" title={s.models.join(", ")}>
                {s.models.length} model{s.models.length === 1 ? "" : "s"}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <label className="filter">
        <span>Match</span>
        <select name="match" value={mode} onChange={(event) => setMode(event.target.value as "loose" | "exact")}>
          <option value="loose">case and leading space ignored</option>
          <option value="exact">exact text</option>
        </select>
      </label>
      <button type="submit" className="button">
        Search
      </button>
      <span className="filter-status" aria-live="polite">
        {loading && open ? "Searching…" : error ? "Suggestions unavailable" : ""}
      </span>
    </form>
  );
}
