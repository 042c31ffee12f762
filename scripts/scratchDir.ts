// A temporary folder for one benchmark or script run, removed when the process ends (normally, or
// on Ctrl-C / SIGTERM): an embedded PostgreSQL's data and generated bundles take hundreds of MB,
// and runs that left them behind filled the disk.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once("exit", remove);
  // A handler replaces the default exit on a signal, so exit as the default would (128 + signal).
  process.once("SIGINT", () => process.exit(130));
  process.once("SIGTERM", () => process.exit(143));
  return dir;
}
