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

/** Runs the child; `signal` is sent once it has printed its folder. Resolves to the folder and exit. */
function run(file: string, signal?: NodeJS.Signals): Promise<{ dir: string; code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", file], { stdio: ["ignore", "pipe", "inherit"] });
    let dir = "";
    createInterface({ input: child.stdout }).once("line", (line) => {
      dir = line.trim();
      expect(existsSync(path.join(dir, "data.bin"))).toBe(true);
      if (signal) child.kill(signal);
    });
    child.once("error", reject);
    child.once("exit", (code, sig) => resolve({ dir, code, signal: sig }));
  });
}

describe("scratchDir", () => {
  it("removes the folder on a normal exit", async () => {
    const result = await run(script(""));
    expect(result.code).toBe(0);
    expect(result.dir).not.toBe("");
    expect(existsSync(result.dir)).toBe(false);
  });

  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("removes the folder on %s and exits as the signal would (%i)", async (signal, exitCode) => {
    const result = await run(script("setInterval(() => {}, 1000);"), signal);
    expect(result.dir).not.toBe("");
    expect(existsSync(result.dir)).toBe(false);
    expect(result.code).toBe(exitCode);
  }, 30_000);
});
