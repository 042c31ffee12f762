// Export bodies as streams. A ranking (a whole sweep, 150k+ rows) is read in keyset batches and
// each batch is encoded and handed to the stream when the reader asks for more, so memory holds
// one batch, never the list.
import type { Db } from "../db/prisma";
import type { Sweep } from "../db/generated/prisma/client";
import { rankedRowBatches, rankedTokenView } from "../rankings/rankings.service";
import type { RankOrder } from "../rankings/rankings.types";
import type { TokenAcrossModelsView } from "../tokens/tokens.types";
import { csvLine } from "./csv";

export type ExportFormat = "csv" | "json";

const RANKING_COLUMNS = ["rank", "token_id", "score", "percentile", "decoded", "piece", "special", "byte", "whitespace", "starts_with_space", "alphabetic"];

const encoder = new TextEncoder();

/** A stream that pulls text chunks from an async generator only when the reader asks (highWaterMark
 * 0: nothing is read ahead; a slow client slows the database reads, it does not queue them). */
function streamOf(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  }, { highWaterMark: 0 });
}

export interface RankingExportMeta {
  modelSlug: string;
  promptSlug: string;
}

export function rankingExportStream(db: Db, sweep: Sweep, order: RankOrder, format: ExportFormat, meta: RankingExportMeta, batchSize = 5000): ReadableStream<Uint8Array> {
  async function* csv(): AsyncGenerator<string> {
    yield csvLine(RANKING_COLUMNS);
    for await (const batch of rankedRowBatches(db, sweep, order, batchSize)) {
      let text = "";
      for (const row of batch) {
        const t = rankedTokenView(row, sweep.tokenCount);
        text += csvLine([t.rank, t.tokenId, t.score, t.percentile, t.decoded, t.piece, t.flags?.special, t.flags?.byte, t.flags?.whitespace, t.flags?.startsWithSpace, t.flags?.alphabetic]);
      }
      yield text;
    }
  }
  async function* json(): AsyncGenerator<string> {
    const header = {
      model: meta.modelSlug,
      prompt: meta.promptSlug,
      sweepId: sweep.id,
      mode: sweep.mode,
      order: order.toLowerCase(),
      tokenCount: sweep.tokenCount,
      percentile: "mid-rank: (share of the sweep scored below + half the share tied with it), 0..1",
    };
    yield JSON.stringify(header).slice(0, -1) + ',"rows":[';
    let first = true;
    for await (const batch of rankedRowBatches(db, sweep, order, batchSize)) {
      let text = "";
      for (const row of batch) {
        text += (first ? "\n" : ",\n") + JSON.stringify(rankedTokenView(row, sweep.tokenCount));
        first = false;
      }
      yield text;
    }
    yield "\n]}\n";
  }
  return streamOf(format === "csv" ? csv() : json());
}

const TOKEN_COLUMNS = ["model", "prompt", "sweep_id", "mode", "token_id", "decoded", "piece", "score", "rank", "percentile", "token_count"];

export interface TokenExportRow {
  model: string;
  prompt: string | null;
  sweepId: number | null;
  mode: string | null;
  tokenId: number;
  decoded: string;
  piece: string;
  score: number | null;
  rank: number | null;
  percentile: number | null;
  tokenCount: number | null;
}

/** One row per (model, token id, completed sweep); a token without completed sweeps gets one row
 * with empty score columns. */
export function tokenExportRows(view: TokenAcrossModelsView, modelSlug: (id: number) => string, promptSlug: (id: number) => string): TokenExportRow[] {
  const rows: TokenExportRow[] = [];
  for (const match of view.matches) {
    const base = { model: modelSlug(match.modelId), tokenId: match.tokenId, decoded: match.decoded, piece: match.piece };
    const scores = match.scores ?? [];
    if (scores.length === 0) rows.push({ ...base, prompt: null, sweepId: null, mode: null, score: null, rank: null, percentile: null, tokenCount: null });
    for (const s of scores) {
      rows.push({ ...base, prompt: promptSlug(s.promptId), sweepId: s.sweepId, mode: s.mode, score: s.score, rank: s.rank, percentile: s.percentile, tokenCount: s.tokenCount });
    }
  }
  return rows;
}

export function tokenExportStream(view: TokenAcrossModelsView, rows: TokenExportRow[], format: ExportFormat): ReadableStream<Uint8Array> {
  async function* csv(): AsyncGenerator<string> {
    yield csvLine(TOKEN_COLUMNS);
    for (const r of rows) yield csvLine([r.model, r.prompt, r.sweepId, r.mode, r.tokenId, r.decoded, r.piece, r.score, r.rank, r.percentile, r.tokenCount]);
  }
  async function* json(): AsyncGenerator<string> {
    yield JSON.stringify({ text: view.text, exact: view.exact, truncated: view.truncated, rows }) + "\n";
  }
  return streamOf(format === "csv" ? csv() : json());
}
