// Worker processes for scale tests: real `runner/cli/worker.ts` processes on a test database.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export function startWorker(url: string, name: string, env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "runner/cli/worker.ts"), "--name", name], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      RA_SHARD_LEASE_SECONDS: "6",
      RA_QUEUE_MAINTENANCE_SECONDS: "1",
      RA_QUEUE_POLL_SECONDS: "1",
      RA_WORKER_REFRESH_ANALYSES: "0",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { name, child, output: () => output, exited };
}

export { waitFor } from "../helpers/waitFor";
