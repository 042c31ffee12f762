// Route-handler logic of the export URLs (app/api/export/... re-export these):
//   GET /api/export/ranking/<model>/<prompt>.csv|json?order=top|bottom[&mode=ID|PAPER|IMPORTED]
//   GET /api/export/token.csv|json?text=<token text>[&exact=true|false]
// Same rate limiter as GraphQL (an export costs EXPORT_RATE_COST tokens), same error bodies.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { MAX_SLUG_LENGTH } from "../catalog/slug";
import { BadInputError } from "../errors";
import { EXPORT_RATE_COST } from "../graphql/limits";
import { enforceRateLimit, errorResponse, type ApiDeps, type RequestMeta } from "../graphql/http";
import { findRankedSweep } from "../rankings/rankings.service";
import { tokenAcrossModels } from "../tokens/tokens.service";
import { rankingExportStream, tokenExportRows, tokenExportStream, type ExportFormat } from "./exports.service";

export type ExportDeps = Pick<ApiDeps, "db" | "config" | "limiter" | "log">;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

const safeFileName = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 150);

function exportHeaders(format: ExportFormat, fileName: string, requestId: string, extra: Record<string, string> = {}): Headers {
  return new Headers({
    "content-type": CONTENT_TYPES[format],
    "content-disposition": `attachment; filename="${safeFileName(fileName)}.${format}"`,
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
    "x-request-id": requestId,
    ...extra,
  });
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadInputError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  return parsed.data;
}

// Up to the longest slug stored (imported models and prompts named after files: 200 characters).
const rankingParams = z.object({
  model: z.string().min(1).max(MAX_SLUG_LENGTH),
  file: z.string().regex(new RegExp(`^[^/]{1,${MAX_SLUG_LENGTH}}\\.(csv|json)$`), "expected <prompt>.csv or <prompt>.json"),
});
const rankingQuery = z.object({
  order: z.enum(["top", "bottom"]).default("top"),
  mode: z.enum(["ID", "PAPER", "IMPORTED"]).optional(),
});

export async function exportRanking(request: Request, params: { model: string; file: string }, deps: ExportDeps, meta: RequestMeta = {}): Promise<Response> {
  const requestId = randomUUID();
  try {
    enforceRateLimit(deps, request.headers, meta, EXPORT_RATE_COST);
    const { model, file } = parseOrThrow(rankingParams, params);
    const dot = file.lastIndexOf(".");
    const promptSlug = file.slice(0, dot);
    const format = file.slice(dot + 1) as ExportFormat;
    const search = new URL(request.url).searchParams;
    const { order, mode } = parseOrThrow(rankingQuery, {
      order: search.get("order")?.toLowerCase() ?? undefined,
      mode: search.get("mode")?.toUpperCase() ?? undefined,
    });
    const sweep = await findRankedSweep(deps.db, { modelSlug: model, promptSlug, mode });
    const rankOrder = order === "top" ? "TOP" : "BOTTOM";
    const body = rankingExportStream(deps.db, sweep, rankOrder, format, { modelSlug: model, promptSlug });
    return new Response(body, {
      status: 200,
      headers: exportHeaders(format, `${model}_${promptSlug}_${order}`, requestId, { "x-sweep-id": String(sweep.id) }),
    });
  } catch (error) {
    return errorResponse(error, requestId, deps.log);
  }
}

const tokenQuery = z.object({
  text: z.string({ message: "text is required" }).min(1, "text is required"),
  exact: z.enum(["true", "false", "1", "0"]).default("true"),
});

export function exportTokenHandler(format: ExportFormat) {
  return async function exportToken(request: Request, deps: ExportDeps, meta: RequestMeta = {}): Promise<Response> {
    const requestId = randomUUID();
    try {
      enforceRateLimit(deps, request.headers, meta, EXPORT_RATE_COST);
      const search = new URL(request.url).searchParams;
      const { text, exact } = parseOrThrow(tokenQuery, { text: search.get("text") ?? undefined, exact: search.get("exact") ?? undefined });
      const result = await tokenAcrossModels(deps.db, text, exact === "true" || exact === "1");
      const models = new Map(result.models.map((m) => [m.id, m.slug]));
      const prompts = new Map(result.prompts.map((p) => [p.id, p.slug]));
      const rows = tokenExportRows(result.view, (id) => models.get(id) ?? String(id), (id) => prompts.get(id) ?? String(id));
      return new Response(tokenExportStream(result.view, rows, format), { status: 200, headers: exportHeaders(format, "token", requestId) });
    } catch (error) {
      return errorResponse(error, requestId, deps.log);
    }
  };
}
