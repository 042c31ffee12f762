import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["test/**/*.test.ts", "server/**/*.test.ts", "runner/**/*.test.ts"],
    globalSetup: ["test/setup/global-db.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    // One file at a time: the heavy files (e2e build, worker processes, full-vocabulary sweeps)
    // each use both cores, and running two at once made one sweep test stall now and then.
    fileParallelism: false,
    maxWorkers: 1,
  },
});
