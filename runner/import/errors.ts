import { statSync } from "node:fs";

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

/** A path an importer reads: a regular file, or an ImportError saying what it is instead. */
export function assertRegularFile(file: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new ImportError(file, null, code === "ENOENT" ? "file not found" : `cannot be read (${code ?? (error as Error).message})`);
  }
  if (!isFile) throw new ImportError(file, null, "not a regular file");
}
