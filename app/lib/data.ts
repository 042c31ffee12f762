// Server-side data access for the pages: every view reads through the GraphQL API in-process
// (server/graphql/runtime.ts runQuery), never Prisma directly.
//
// Caching in public mode (PUBLIC_SITE=1): pages stay dynamically rendered (they read their
// filters from searchParams, and the database only exists at run time, so nothing is prerendered
// at build), but every GraphQL result is kept in Next's data cache (unstable_cache, persisted in
// .next/cache) for PUBLIC_REVALIDATE_SECONDS and refreshed in the background after that
// (stale-while-revalidate): the first request for a given view + filters queries the database,
// every later one within the window is served without touching it. Filter values are validated
// against known slugs and fixed sets (app/lib/params.ts), so the number of cache entries is
// bounded. Outside public mode nothing is cached: sweeps in progress show up on reload.
// Note: no page exports `dynamic = "force-dynamic"`: that forces fetchCache "force-no-store",
// which makes unstable_cache bypass its cache.
import { createHash } from "node:crypto";
import { unstable_cache } from "next/cache";
import { cache } from "react";
import { runQuery } from "@/server/graphql/runtime";
import type { TypedDocumentString } from "../graphql/generated/graphql";

export const PUBLIC_REVALIDATE_SECONDS = 300;

export function isPublicSite(): boolean {
  return process.env.PUBLIC_SITE === "1";
}

type Runner = (query: string, variablesJson: string) => Promise<unknown>;
let cachedQuery: Runner | undefined;

/** Created on first use, at run time: the key includes a hash of DATABASE_URL, so a server
 * pointed at another database (or a test run's fresh one) never reads the previous one's entries. */
function getCachedQuery(): Runner {
  cachedQuery ??= unstable_cache(
    async (query: string, variablesJson: string) => runQuery<unknown>(query, JSON.parse(variablesJson) as Record<string, unknown>),
    ["reward-atlas-graphql-v1", createHash("sha256").update(process.env.DATABASE_URL ?? "").digest("hex").slice(0, 16)],
    { revalidate: PUBLIC_REVALIDATE_SECONDS, tags: ["reward-atlas"] },
  );
  return cachedQuery;
}

// Deduplicated within one render (layouts, pages and metadata asking for the same thing).
const perRequest = cache(async (query: string, variablesJson: string): Promise<unknown> =>
  isPublicSite() ? getCachedQuery()(query, variablesJson) : runQuery<unknown>(query, JSON.parse(variablesJson) as Record<string, unknown>),
);

/** The variables argument: optional when the operation declares none, required otherwise. */
type VariablesArg<TVariables> = TVariables extends Record<string, never> ? [variables?: TVariables] : [variables: TVariables];

/**
 * Run a GraphQL operation for a page; throws on errors (the route's error.tsx shows them).
 * Result and variable types come from the operation (graphql(`...`), app/graphql/generated).
 */
export async function query<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...[variables]: VariablesArg<TVariables>
): Promise<TResult> {
  return (await perRequest(document.toString(), JSON.stringify(variables ?? {}))) as TResult;
}

export type Result<T> = { ok: true; data: T } | { ok: false; message: string };

/**
 * For a section that can be missing without the page failing (materialised analyses not
 * computed yet, an API field not deployed yet): the error becomes a message the section shows.
 */
export async function tryQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  ...args: VariablesArg<TVariables>
): Promise<Result<TResult>> {
  try {
    return { ok: true, data: await query(document, ...args) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message: message.length > 400 ? `${message.slice(0, 400)}…` : message };
  }
}
