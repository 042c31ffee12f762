// Export route handlers: streamed CSV/JSON of whole rankings and of token(text), proper quoting,
// spreadsheet formula neutralisation, errors as JSON with status codes.
import { parse } from "csv-parse/sync";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvCell, csvLine } from "../../server/exports/csv";
import { exportRanking } from "../../server/exports/exports.handlers";
import { rankingExportStream } from "../../server/exports/exports.service";
import { apiConfigFromEnv } from "../../server/graphql/config";
import { TokenBucketLimiter } from "../../server/graphql/hardening/rateLimit";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { analysisPercentiles, recordingDb } from "./helpers";
import { seedApiData, type Seeded } from "./seed";

type RouteContext = { params: Promise<{ model: string; file: string }> };
let t: TestDatabase;
let seeded: Seeded;
let rankingRoute: (request: NextRequest, context: RouteContext) => Promise<Response>;
let tokenCsvRoute: (request: NextRequest) => Promise<Response>;
let tokenJsonRoute: (request: NextRequest) => Promise<Response>;

beforeAll(async () => {
  t = await createTestDatabase();
  seeded = await seedApiData(t.db);
  process.env.DATABASE_URL = t.url;
  process.env.RA_RATE_LIMIT_PER_SECOND = "0";
  ({ GET: rankingRoute } = await import("../../app/api/export/ranking/[model]/[file]/route"));
  ({ GET: tokenCsvRoute } = await import("../../app/api/export/token.csv/route"));
  ({ GET: tokenJsonRoute } = await import("../../app/api/export/token.json/route"));
});
afterAll(async () => t.drop());

const exportUrl = (model: string, file: string, query = "") => `http://localhost/api/export/ranking/${model}/${file}${query}`;
const getRanking = (model: string, file: string, query = "") =>
  rankingRoute(new NextRequest(exportUrl(model, file, query)), { params: Promise.resolve({ model, file }) });

async function sqlOrder(sweepId: number, order: "TOP" | "BOTTOM") {
  return order === "TOP"
    ? t.db.$queryRaw<{ tokenId: number }[]>`SELECT "tokenId" FROM "Score" WHERE "sweepId" = ${sweepId} ORDER BY score DESC, "tokenId" DESC`
    : t.db.$queryRaw<{ tokenId: number }[]>`SELECT "tokenId" FROM "Score" WHERE "sweepId" = ${sweepId} ORDER BY score ASC, "tokenId" ASC`;
}

describe("csv cells", () => {
  it("quotes text, doubles quotes, keeps line breaks inside the cell", () => {
    expect(csvCell('say "hi", then\r\nleave')).toBe('"say ""hi"", then\r\nleave"');
    expect(csvLine(["a", 1, null, true, -2.5])).toBe('"a",1,,true,-2.5\r\n');
  });

  it("neutralises formula starts in text cells but leaves numbers alone", () => {
    for (const text of ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"]) expect(csvCell(text)).toBe(`"'${text}"`);
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell(" =1")).toBe('" =1"');
    // Reversible: a text that starts with ' is escaped too, so "'-" and "-" stay distinct.
    expect([csvCell("'-"), csvCell("-")]).toEqual(["\"''-\"", "\"'-\""]);
    expect(csvCell(Number.NaN)).toBe('"NaN"');
  });
});

describe("GET /api/export/ranking/<model>/<prompt>.csv|json", () => {
  it("streams a whole ranking as CSV, in SQL order, with hostile text quoted and formulas neutralised", async () => {
    const response = await getRanking("alpha", "greatest.csv", "?order=top");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="alpha_greatest_top.csv"');
    const records = parse(await response.text(), { columns: true }) as Record<string, string>[];
    const expected = await sqlOrder(seeded.completed["alpha/greatest"], "TOP");
    expect(records.map((r) => Number(r.token_id))).toEqual(expected.map((r) => r.tokenId));
    const decoded = seeded.models.alpha.decoded;
    for (const record of records) {
      const original = decoded[Number(record.token_id)];
      expect(record.decoded).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
    }
    expect(records[0]).toMatchObject({ rank: "1" });
    const analysis = await analysisPercentiles(t.db, seeded.completed["alpha/greatest"]);
    for (const record of records) expect(Number(record.percentile)).toBeCloseTo(analysis.get(Number(record.token_id))!, 12);
    expect(records.some((r) => r.decoded === "line\nbreak")).toBe(true);
    expect(records.some((r) => Number(r.score) < 0 && !r.score.startsWith("'"))).toBe(true);
  });

  it("streams JSON (raw text, no CSV escaping) and honours order=bottom", async () => {
    const response = await getRanking("beta", "worst.json", "?order=bottom");
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = JSON.parse(await response.text()) as { model: string; order: string; tokenCount: number; rows: { tokenId: number; decoded: string; rank: number }[] };
    expect(body).toMatchObject({ model: "beta", order: "bottom", tokenCount: 5000 });
    const expected = await sqlOrder(seeded.completed["beta/worst"], "BOTTOM");
    expect(body.rows.map((r) => r.tokenId)).toEqual(expected.map((r) => r.tokenId));
    expect(body.rows.find((r) => r.decoded === "=cmd|' /C calc'!A0")).toBeDefined();
  });

  it("reads the ranking in keyset batches as the stream is consumed, not all at once", async () => {
    const recording = recordingDb(t.url);
    const sweep = await t.db.sweep.findUniqueOrThrow({ where: { id: seeded.completed["alpha/worst"] } });
    const reader = rankingExportStream(recording.db, sweep, "TOP", "csv", { modelSlug: "alpha", promptSlug: "worst" }, 500).getReader();
    const decoder = new TextDecoder();
    expect(decoder.decode((await reader.read()).value)).toMatch(/^"rank","token_id"/);
    expect(recording.statements).toHaveLength(0);
    await reader.read();
    expect(recording.statements).toHaveLength(1);
    await reader.read();
    expect(recording.statements).toHaveLength(2);
    expect(recording.statements.every((sql) => /LIMIT/.test(sql) && !/OFFSET/i.test(sql))).toBe(true);
    await reader.cancel();
    await recording.close();
  });

  it("answers errors as JSON with their status", async () => {
    const notFound = await getRanking("nope", "greatest.csv");
    expect(notFound.status).toBe(404);
    expect(((await notFound.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("NOT_FOUND");
    expect((await getRanking("alpha", "greatest.xlsx")).status).toBe(400);
    expect((await getRanking("alpha", "greatest.csv", "?order=sideways")).status).toBe(400);
    expect((await getRanking("alpha", "greatest.csv", "?mode=PAPER")).status).toBe(404);
  });

  it("exports a model whose slug is as long as stored slugs may be (imports: 200 characters)", async () => {
    const long = `alpha-${"x".repeat(194)}`;
    await t.db.rewardModel.update({ where: { id: seeded.models.alpha.id }, data: { slug: long } });
    try {
      const response = await getRanking(long, "greatest.csv");
      expect(response.status).toBe(200);
      expect((await response.text()).split("\n").length).toBeGreaterThan(2);
      expect((await getRanking(`${long}x`, "greatest.csv")).status).toBe(400);
    } finally {
      await t.db.rewardModel.update({ where: { id: seeded.models.alpha.id }, data: { slug: "alpha" } });
    }
  });

  it("counts exports against the rate limit (each costs 10 tokens)", async () => {
    const deps = { db: t.db, config: apiConfigFromEnv({}), limiter: new TokenBucketLimiter({ perSecond: 1, burst: 15, now: () => 0 }) };
    const request = () => new Request(exportUrl("gamma", "greatest.csv"), { headers: { "x-forwarded-for": "192.0.2.9" } });
    const first = await exportRanking(request(), { model: "gamma", file: "greatest.csv" }, deps);
    expect(first.status).toBe(200);
    await first.body?.cancel();
    const second = await exportRanking(request(), { model: "gamma", file: "greatest.csv" }, deps);
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("5");
  });
});

describe("GET /api/export/token.csv|json?text=", () => {
  it("exports token(text) across models as CSV and JSON", async () => {
    const csv = await tokenCsvRoute(new NextRequest(`http://localhost/api/export/token.csv?text=love`));
    const records = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(9);
    expect(new Set(records.map((r) => r.model))).toEqual(new Set(["alpha", "beta", "gamma"]));
    const json = await tokenJsonRoute(new NextRequest(`http://localhost/api/export/token.json?text=${encodeURIComponent(" LOVE")}&exact=false`));
    const body = (await json.json()) as { exact: boolean; rows: { decoded: string }[] };
    expect(body.exact).toBe(false);
    expect(new Set(body.rows.map((r) => r.decoded))).toEqual(new Set(["love", " love", "Love", " Love", "LOVE"]));
  });

  it("neutralises a formula-looking token and refuses a missing text", async () => {
    const text = "=cmd|' /C calc'!A0";
    const csv = await tokenCsvRoute(new NextRequest(`http://localhost/api/export/token.csv?text=${encodeURIComponent(text)}`));
    const raw = await csv.text();
    expect(raw).toContain(`"'=cmd|' /C calc'!A0"`);
    expect((parse(raw, { columns: true }) as Record<string, string>[]).every((r) => r.decoded === `'${text}`)).toBe(true);
    expect((await tokenCsvRoute(new NextRequest(`http://localhost/api/export/token.csv`))).status).toBe(400);
  });
});
