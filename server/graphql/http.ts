// The HTTP edge of the API, transport-agnostic: executeGraphQLHttp takes a method, URL, headers and
// a body reader, and returns status, headers and body. Adapters: handleGraphQLRequest for
// web-standard Request/Response (the Next.js route handlers) and nodeHttp.ts for node:http (the
// benchmark). Order: request id -> per-client rate limit -> admin credential -> body size limit
// (64 KB; 4 MB with a valid admin token) -> Apollo.
import { randomUUID } from "node:crypto";
import { HeaderMap, type ApolloServer } from "@apollo/server";
import { checkAdminCredential, type AdminCredential } from "../admin/auth";
import type { Db } from "../db/prisma";
import { BadInputError, RateLimitedError, classifyError, errorResponseBody, httpStatusOf, logInternalError, type ErrorLogger } from "../errors";
import type { ApiConfig } from "./config";
import { createContext, type GraphQLContext } from "./context";
import { readBodyWithLimit } from "./hardening/bodyLimit";
import { clientKey, type TokenBucketLimiter } from "./hardening/rateLimit";

export interface ApiDeps {
  server: ApolloServer<GraphQLContext>;
  db: Db;
  config: ApiConfig;
  limiter: TokenBucketLimiter | null;
  log?: ErrorLogger;
}

export interface RequestMeta {
  /** The TCP peer, when the transport knows it (node:http); Next.js route handlers do not. */
  socketAddress?: string;
}

export interface GraphQLHttpInput extends RequestMeta {
  method: string;
  /** Absolute URL or path with its query string. */
  url: string;
  headers: Headers;
  /** Read the whole body, failing with PayloadTooLargeError past `limitBytes`. */
  readBody(limitBytes: number): Promise<string>;
}

export interface GraphQLHttpOutput {
  status: number;
  headers: Headers;
  body: string | AsyncIterable<string>;
}

/** A whole-request failure as a GraphQL-shaped JSON error with the matching HTTP status. */
export function errorOutput(error: unknown, requestId: string, log?: ErrorLogger): GraphQLHttpOutput {
  const classified = classifyError(error);
  if (classified.internal) logInternalError(requestId, error, log);
  const headers = new Headers({ "content-type": "application/json; charset=utf-8", "x-request-id": requestId, "cache-control": "no-store" });
  if (error instanceof RateLimitedError) headers.set("retry-after", String(error.retryAfterSeconds));
  return { status: httpStatusOf(classified), headers, body: errorResponseBody(classified, requestId) };
}

export function errorResponse(error: unknown, requestId: string, log?: ErrorLogger): Response {
  const output = errorOutput(error, requestId, log);
  return new Response(output.body as string, { status: output.status, headers: output.headers });
}

/** Take `cost` tokens from the caller's bucket; throws RateLimitedError when it is empty. */
export function enforceRateLimit(deps: Pick<ApiDeps, "config" | "limiter">, headers: Headers, meta: RequestMeta, cost = 1): void {
  if (!deps.limiter) return;
  const decision = deps.limiter.take(clientKey(headers, meta.socketAddress, deps.config.trustedProxyHops), cost);
  if (!decision.ok) throw new RateLimitedError(decision.retryAfterSeconds);
}

async function readGraphQLBody(input: GraphQLHttpInput, credential: AdminCredential, config: ApiConfig): Promise<unknown> {
  if (input.method !== "POST") return undefined;
  const text = await input.readBody(credential === "admin" ? config.maxAdminBodyBytes : config.maxBodyBytes);
  if (!(input.headers.get("content-type") ?? "").toLowerCase().includes("application/json")) return text;
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new BadInputError("The request body is not valid JSON");
  }
}

export async function executeGraphQLHttp(input: GraphQLHttpInput, deps: ApiDeps): Promise<GraphQLHttpOutput> {
  const requestId = randomUUID();
  try {
    enforceRateLimit(deps, input.headers, input);
    const credential = checkAdminCredential(input.headers.get("authorization"), deps.config);
    const body = await readGraphQLBody(input, credential, deps.config);
    const headers = new HeaderMap();
    input.headers.forEach((value, key) => headers.set(key, value));
    const queryStart = input.url.indexOf("?");
    const result = await deps.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: input.method, headers, search: queryStart < 0 ? "" : input.url.slice(queryStart), body },
      context: async () => createContext(deps.db, { credential, requestId }),
    });
    const responseHeaders = new Headers();
    for (const [key, value] of result.headers) responseHeaders.set(key, value);
    responseHeaders.set("x-request-id", requestId);
    const status = result.status ?? 200;
    if (result.body.kind === "complete") return { status, headers: responseHeaders, body: result.body.string };
    return { status, headers: responseHeaders, body: result.body.asyncIterator };
  } catch (error) {
    return errorOutput(error, requestId, deps.log);
  }
}

/** Web-standard adapter (Next.js route handlers). */
export async function handleGraphQLRequest(request: Request, deps: ApiDeps, meta: RequestMeta = {}): Promise<Response> {
  const output = await executeGraphQLHttp(
    {
      method: request.method.toUpperCase(),
      url: request.url,
      headers: request.headers,
      readBody: (limit) => readBodyWithLimit(request, limit),
      socketAddress: meta.socketAddress,
    },
    deps,
  );
  if (typeof output.body === "string") return new Response(output.body, { status: output.status, headers: output.headers });
  const chunks = output.body[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(stream, { status: output.status, headers: output.headers });
}
