// Streaming CSV reading with line numbers, shared by the importers.
import { createReadStream, existsSync } from "node:fs";
import { parse } from "csv-parse";
import { ImportError } from "./errors";

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/** Yields each record keyed by header; a malformed file fails with its line number. */
export async function* readCsv(file: string, requiredColumns: string[]): AsyncGenerator<CsvRow, void, undefined> {
  if (!existsSync(file)) throw new ImportError(file, null, "file not found");
  const parser = createReadStream(file).pipe(
    parse({ columns: true, bom: true, relax_column_count: false, skip_empty_lines: true, info: true }),
  );
  let checkedHeader = false;
  try {
    for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!checkedHeader) {
        const missing = requiredColumns.filter((c) => !(c in record.record));
        if (missing.length) throw new ImportError(file, 1, `missing column(s) ${missing.map((c) => `"${c}"`).join(", ")}`);
        checkedHeader = true;
      }
      yield { line: record.info.lines, values: record.record };
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const e = error as Error & { lines?: number };
    throw new ImportError(file, e.lines ?? null, `malformed CSV: ${e.message}`);
  }
  if (!checkedHeader) throw new ImportError(file, null, "no data rows");
}

/** A finite number or a clear error naming the cell. */
export function finiteNumber(file: string, row: CsvRow, column: string): number {
  const raw = row.values[column];
  const value = raw === undefined || raw.trim() === "" ? NaN : Number(raw);
  if (!Number.isFinite(value)) {
    throw new ImportError(file, row.line, `"${raw ?? ""}" is not a finite number`, column);
  }
  return value;
}
