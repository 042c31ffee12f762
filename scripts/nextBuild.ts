// The production build of the dashboard, rebuilt only when sources are newer than .next/BUILD_ID.
// Shared by `npm start`, the e2e harness and bench/web.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "..");
export const NEXT_BIN = path.join(PROJECT_ROOT, "node_modules/next/dist/bin/next");
// runner/ too: the server imports its importers, queue and version records (a runner-only change left
// the e2e tests on a stale build).
const SOURCES = ["app", "server", "runner", "prisma", "next.config.ts", "package.json", "tsconfig.json"];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === "node_modules" || entry === "generated") continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function buildIsStale(): boolean {
  const buildId = path.join(PROJECT_ROOT, ".next/BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(PROJECT_ROOT, source)) > built);
}

/** Run `next build`; `inherit` shows its output, otherwise it is returned on failure. Aborting
 * `signal` stops the build (its promise then resolves with a non-zero code). */
export async function runNextBuild(options: { inherit?: boolean; signal?: AbortSignal } = {}): Promise<{ code: number; output: string }> {
  const child = spawn(process.execPath, [NEXT_BIN, "build"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: options.inherit ? "inherit" : ["ignore", "pipe", "pipe"],
    signal: options.signal,
  });
  child.on("error", () => {}); // an abort surfaces as the exit below
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number>((resolve) => child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  return { code, output };
}
