// GET /api/export/ranking/<model>/<prompt>.csv|json?order=top|bottom[&mode=ID|PAPER|IMPORTED]
// A whole sweep's ranking, streamed (keyset batches, never buffered).
import type { NextRequest } from "next/server";
import { exportRanking } from "@/server/exports/exports.handlers";
import { getApiDeps } from "@/server/graphql/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: NextRequest, context: { params: Promise<{ model: string; file: string }> }): Promise<Response> {
  return exportRanking(request, await context.params, getApiDeps());
}
