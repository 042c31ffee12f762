"use client";
// Data downloads of a view: server export links where the API offers them, and the view's own
// rows as CSV or JSON built in the browser (same CSV conventions as the API's exports).
import { csvLine, type CsvValue } from "@/server/exports/csv";

export type Row = Record<string, CsvValue>;

function save(content: string, type: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function toCsv(rows: Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return csvLine(columns) + rows.map((r) => csvLine(columns.map((c) => r[c]))).join("");
}

export function Downloads({ name, rows, links = [] }: { name: string; rows: Row[]; links?: { href: string; label: string }[] }) {
  return (
    <div className="downloads" aria-label="Downloads">
      <span className="muted">Download:</span>
      {links.map((link) => (
        <a key={link.href} href={link.href} download>
          {link.label}
        </a>
      ))}
      <button type="button" className="link-button" disabled={rows.length === 0} onClick={() => save(toCsv(rows), "text/csv;charset=utf-8", `${name}.csv`)}>
        view data (CSV)
      </button>
      <button
        type="button"
        className="link-button"
        disabled={rows.length === 0}
        onClick={() => save(JSON.stringify(rows, null, 2), "application/json", `${name}.json`)}
      >
        view data (JSON)
      </button>
    </div>
  );
}
