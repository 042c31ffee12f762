// Streaming CSV reading with line numbers, shared by the importers.
import { createReadStream } from "node:fs";
import { parse } from "csv-parse";
import { assertRegularFile, ImportError } from "./errors";

export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/** No real row of the supported files comes near this; a longer one is not such a file (and is
 * refused before it is buffered whole). */
export const MAX_RECORD_BYTES = 1 << 20;

export interface ReadCsvOptions {
  /** "ignore": a column without a name is skipped (a pandas index column); "refuse" (default):
   * where every column is meant to be read, e.g. one model per column. */
  unnamedColumns?: "ignore" | "refuse";
}

/** The header's column names; a repeated name is refused (csv-parse would keep only the last of
 * two equal names, silently dropping a column), and so is an unnamed column unless ignored. */
function checkedHeader(file: string, unnamed: "ignore" | "refuse") {
  return (header: string[]): (string | undefined)[] => {
    const seen = new Set<string>();
    return header.map((name, k) => {
      if (!name.trim()) {
        if (unnamed === "ignore") return undefined; // csv-parse skips the column
        throw new ImportError(file, 1, `column ${k + 1} of the header has no name`);
      }
      if (seen.has(name)) throw new ImportError(file, 1, `column "${name}" appears twice in the header`);
      seen.add(name);
      return name;
    });
  };
}

/** Yields each record keyed by header; a malformed file fails with its line number. */
export async function* readCsv(file: string, requiredColumns: string[], options: ReadCsvOptions = {}): AsyncGenerator<CsvRow, void, undefined> {
  assertRegularFile(file);
  const parser = parse({ columns: checkedHeader(file, options.unnamedColumns ?? "refuse"), bom: true, relax_column_count: false, skip_empty_lines: true, info: true, max_record_size: MAX_RECORD_BYTES });
  const input = createReadStream(file);
  // pipe() does not forward a read error (EACCES, EISDIR, EIO): without this the error is uncaught
  // and the parser waits for input forever.
  input.on("error", (error) => parser.destroy(error));
  input.pipe(parser);
  let checkedColumns = false;
  try {
    for await (const record of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!checkedColumns) {
        const missing = requiredColumns.filter((c) => !(c in record.record));
        if (missing.length) throw new ImportError(file, 1, `missing column(s) ${missing.map((c) => `"${c}"`).join(", ")}`);
        checkedColumns = true;
      }
      yield { line: record.info.lines, values: record.record };
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const e = error as Error & { lines?: number; code?: string };
    if (e.code === "CSV_MAX_RECORD_SIZE") throw new ImportError(file, e.lines ?? null, `a record longer than ${MAX_RECORD_BYTES} bytes: not a supported file`);
    throw new ImportError(file, e.lines ?? null, e.lines === undefined && e.code ? `cannot be read: ${e.message}` : `malformed CSV: ${e.message}`);
  } finally {
    input.destroy();
  }
  if (!checkedColumns) throw new ImportError(file, null, "no data rows");
}

/** Plain decimal notation only: Number() would also take "0x1A", "0b1", "Infinity" and "". */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite number or a clear error naming the cell. */
export function finiteNumber(file: string, row: CsvRow, column: string): number {
  const raw = row.values[column];
  const trimmed = raw?.trim() ?? "";
  const value = DECIMAL.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isFinite(value)) {
    throw new ImportError(file, row.line, `"${raw ?? ""}" is not a finite number`, column);
  }
  return value;
}
