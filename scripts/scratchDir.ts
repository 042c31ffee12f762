// A temporary folder for one benchmark or script run, removed when the process exits: an embedded
// PostgreSQL's data and generated bundles take hundreds of MB, and runs that left them behind
// filled the disk.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
