// CSV (RFC 4180) for hostile text. Every text cell is quoted (embedded quotes doubled, so commas,
// quotes and line breaks stay inside the cell), and a text cell that a spreadsheet would run as a
// formula — starting with = + - @ or a tab / carriage return (OWASP's list) — gets a leading '
// so it is shown as text. A cell that already starts with ' gets one too, so the escape is
// reversible: dropping one leading ' from a cell that has one gives the text back (the token "'-"
// and the escaped token "-" no longer read the same). Numbers are written as numbers (a negative
// score is not a formula).
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r']/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : `"${String(value)}"`;
  if (typeof value === "boolean") return value ? "true" : "false";
  return `"${neutraliseFormula(value).replace(/"/g, '""')}"`;
}

export function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}
