// GET /api/export/token.csv?text=<token text>[&exact=true|false]: token(text) across all models as CSV.
import type { NextRequest } from "next/server";
import { exportTokenHandler } from "@/server/exports/exports.handlers";
import { getApiDeps } from "@/server/graphql/runtime";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const exportToken = exportTokenHandler("csv");

export async function GET(request: NextRequest): Promise<Response> {
  return exportToken(request, getApiDeps());
}
