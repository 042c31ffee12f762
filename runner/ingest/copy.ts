// COPY ... FROM STDIN in PostgreSQL's text format (pg-copy-streams). ~100x faster than Prisma's
// createMany for score rows, and it runs inside the caller's transaction.
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type { PoolClient, Client } from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** Escape one value for COPY text format. NUL cannot be stored in PostgreSQL text at all: it is
 * replaced by U+2400 (SYMBOL FOR NULL), which also keeps it visible. */
export function copyText(value: string): string {
  return value.replace(/[\\\t\n\r\0]/g, (c) => {
    switch (c) {
      case "\\": return "\\\\";
      case "\t": return "\\t";
      case "\n": return "\\n";
      case "\r": return "\\r";
      default: return "\u2400";
    }
  });
}

export type CopyValue = string | number | boolean | null;

function encodeRow(values: CopyValue[]): string {
  let line = "";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) line += "\t";
    if (v === null) line += "\\N";
    else if (typeof v === "string") line += copyText(v);
    else if (typeof v === "boolean") line += v ? "t" : "f";
    else line += String(v);
  }
  return line + "\n";
}

const ROWS_PER_WRITE = 4096;

/** Stream rows into `table` (quoted identifier) with COPY; returns the row count. */
export async function copyRows(
  client: PoolClient | Client,
  table: string,
  columns: string[],
  rows: Iterable<CopyValue[]>,
): Promise<number> {
  const sql = `COPY "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) FROM STDIN`;
  let count = 0;
  function* chunks() {
    let buffer = "";
    let pending = 0;
    for (const row of rows) {
      buffer += encodeRow(row);
      count++;
      if (++pending === ROWS_PER_WRITE) {
        yield buffer;
        buffer = "";
        pending = 0;
      }
    }
    if (buffer) yield buffer;
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(sql)));
  return count;
}

/** Score rows are the hot path: numbers only, built without per-row arrays. */
export async function copyScores(
  client: PoolClient | Client,
  sweepId: number,
  tokenIds: ArrayLike<number>,
  scores: ArrayLike<number>,
  count = tokenIds.length,
): Promise<void> {
  const prefix = `${sweepId}\t`;
  function* chunks() {
    for (let start = 0; start < count; start += ROWS_PER_WRITE) {
      const end = Math.min(count, start + ROWS_PER_WRITE);
      let buffer = "";
      // float32 -> shortest double repr -> float4 parse is exact (the value is representable).
      for (let i = start; i < end; i++) buffer += prefix + tokenIds[i] + "\t" + scores[i] + "\n";
      yield buffer;
    }
  }
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY "Score" ("sweepId", "tokenId", "score") FROM STDIN`)));
}
