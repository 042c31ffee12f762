// Filters live in the URL so every view is shareable and survives reload. Every value is
// validated against what exists (models, prompts) or a fixed set (k, normalization, ...): an
// unknown value falls back to the default, and the set of distinct URLs per view stays small,
// which also bounds the public-mode data cache (app/lib/data.ts).

export type SearchParams = Record<string, string | string[] | undefined>;
export type PageProps<P extends Record<string, string> = Record<string, never>> = {
  params: Promise<P>;
  searchParams: Promise<SearchParams>;
};

/** First value of a parameter (a repeated key keeps its first value). */
export function one(params: SearchParams, key: string): string | undefined {
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

/** A list parameter: `models=a,b` or `models=a&models=b`, de-duplicated, order kept. */
export function list(params: SearchParams, key: string): string[] {
  const raw = params[key];
  const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((v) => v.split(","));
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

export function pick<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

export const K_VALUES = ["10", "20", "50", "100"] as const;
export function parseK(params: SearchParams, fallback = 20): number {
  return Number(pick(one(params, "k"), K_VALUES, String(fallback) as (typeof K_VALUES)[number]));
}

/** The option whose URL value `key` holds, else the first (the default). */
function parseOption<T extends { value: string }>(params: SearchParams, key: string, options: readonly [T, ...T[]]): T {
  const value = one(params, key);
  return options.find((o) => o.value === value) ?? options[0];
}

/** Which tokens ranked lists show (GraphQL RankingTokens); ranks stay whole-sweep ranks. */
export const TOKEN_FILTERS = [
  { value: "all", api: "ALL", label: "all ids" },
  { value: "words", api: "WORDS", label: "words only" },
  { value: "shared", api: "SHARED", label: "shared vocabulary" },
] as const;
export type TokenFilter = (typeof TOKEN_FILTERS)[number];
/** What a ranked list of this filter lists, in a heading ("Top 20 words"). */
export const tokenFilterNoun = (filter: TokenFilter): string =>
  filter.api === "WORDS" ? "words" : filter.api === "SHARED" ? "shared-vocabulary tokens" : "tokens";
/** The filter explained under a ranked list (null for all ids). */
export const tokenFilterNote = (filter: TokenFilter): string | null =>
  filter.api === "WORDS"
    ? "Words only (letters, not special tokens); ranks and percentiles are among all scored ids."
    : filter.api === "SHARED"
      ? "Only strings every compared model has exactly once (the prompt's shared vocabulary, as in the cross-model analyses); ranks and percentiles are among all scored ids."
      : null;
export const parseTokenFilter = (params: SearchParams): TokenFilter => parseOption<TokenFilter>(params, "tokens", TOKEN_FILTERS);

export const NORMALIZATIONS = [
  { value: "paper", api: "PAPER", label: "as decoded (paper)" },
  { value: "strip", api: "STRIP_SPACE", label: "leading space stripped" },
  { value: "fold", api: "STRIP_SPACE_CASEFOLD", label: "stripped + case-folded" },
] as const;
export type Normalization = (typeof NORMALIZATIONS)[number];
export const parseNormalization = (params: SearchParams): Normalization => parseOption<Normalization>(params, "norm", NORMALIZATIONS);

/** A slug among the known ones, else the fallback. */
export function parseSlug(params: SearchParams, key: string, known: string[], fallback: string | undefined): string | undefined {
  const value = one(params, key);
  return value !== undefined && known.includes(value) ? value : fallback;
}

/** Selected models among the known ones; none (or only unknown ones) selected = all. */
export function parseModels(params: SearchParams, known: string[]): { selected: string[]; all: boolean } {
  const wanted = list(params, "models").filter((slug) => known.includes(slug));
  return wanted.length === 0 ? { selected: known, all: true } : { selected: known.filter((s) => wanted.includes(s)), all: false };
}

/** A query string from entries, dropping empty values; `models` lists are comma-joined. */
export function queryString(entries: Record<string, string | string[] | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length) search.set(key, value.join(","));
    } else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
