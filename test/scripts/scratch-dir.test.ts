// scripts/scratchDir.ts: a bench's or script's temporary folder goes when the process ends, on a
// normal exit and on Ctrl-C or SIGTERM (runs that left their databases behind filled the disk).
// Each case runs a real child process that makes a scratch folder, writes into it, and prints it.
// The child is plain node with tsx's loader, not tsx's CLI: the CLI handles signals itself (its child
// exits through 'exit' handlers anyway), which would hide a scratchDir without its own handlers.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function script(body: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "ra-scratch-test-")), "child.ts");
  writeFileSync(
    file,
    `import { writeFileSync } from "node:fs";
     import path from "node:path";
     import { scratchDir } from ${JSON.stringify(path.join(ROOT, "scripts", "scratchDir.ts"))};
     const dir = scratchDir("ra-scratch-child-");
     writeFileSync(path.join(dir, "data.bin"), Buffer.alloc(1024));
     console.log(dir);
     ${body}`,
  );
  return file;
}

interface ChildRun {
  dir: string;
  /** Whether the folder and its file existed while the child was still running. */
  existedWhileRunning: boolean;
  code: number | null;
}

/** Runs the child, which prints its folder and then waits for its stdin: the folder is checked
 * while the child surely runs, then `signal` is sent (or stdin closed, and the child ends). */
function run(file: string, signal?: NodeJS.Signals): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", file], { stdio: ["pipe", "pipe", "inherit"] });
    let dir = "";
    let existedWhileRunning = false;
    createInterface({ input: child.stdout }).once("line", (line) => {
      dir = line.trim();
      existedWhileRunning = existsSync(path.join(dir, "data.bin"));
      if (signal) child.kill(signal);
      else child.stdin.end();
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ dir, existedWhileRunning, code }));
  });
}

describe("scratchDir", () => {
  it("removes the folder on a normal exit", async () => {
    const result = await run(script("process.stdin.resume(); // ends when the parent closes stdin, as the event loop drains"));
    expect(result).toMatchObject({ existedWhileRunning: true, code: 0 });
    expect(existsSync(result.dir)).toBe(false);
  });

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("removes the folder on %s and exits as the signal would (%i)", async (signal, exitCode) => {
    const result = await run(script("setInterval(() => {}, 1000);"), signal);
    expect(result).toMatchObject({ existedWhileRunning: true, code: exitCode });
    expect(existsSync(result.dir)).toBe(false);
  }, 30_000);
});
