/** A rejected import: names the file, and the line and column where the problem is. */
export class ImportError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    message: string,
    readonly column?: string,
  ) {
    super(`${file}${line === null ? "" : `:${line}`}${column ? ` (column "${column}")` : ""}: ${message}`);
    this.name = "ImportError";
  }
}
