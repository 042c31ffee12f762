// `npm start` fails fast, with one clear line, when the dashboard's port cannot be used: before
// opening the database or sweeping (which takes a minute on a first start).
import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
let blocker: Server;
let port: number;

beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, resolve));
  port = (blocker.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

const start = (env: Record<string, string>) =>
  spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/start.ts")], {
    cwd: ROOT,
    // A database URL nothing listens on: reaching it would be a different failure.
    env: { ...process.env, DATABASE_URL: "postgresql://u:p@127.0.0.1:1/none", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });

describe("npm start and the dashboard port", () => {
  it("exits 2 naming the port when it is in use", () => {
    const result = start({ PORT: String(port) });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`reward-atlas: port ${port} is in use`);
    expect(result.stderr).toContain(`PORT=${port + 1} npm start`);
    expect(result.stdout).not.toMatch(/database:/); // nothing opened
  });

  it("exits 2 for a PORT that is not a port number", () => {
    const result = start({ PORT: "http" });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/PORT must be a port number \(1-65535\), got "http"/);
  });
});
