// The generated GraphQL types (server resolver types, the dashboard's operation types) must match
// the SDL and the operations in app/**: `graphql-codegen --check` generates in memory and exits 1
// when any generated file on disk would change (a stale file, or one edited by hand).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("GraphQL codegen", () => {
  it(
    "leaves every generated file as it is (run `npm run codegen` after changing the SDL or an operation)",
    () => {
      const result = spawnSync("npx", ["graphql-codegen", "--config", "codegen.ts", "--check"], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
      });
      expect(result.error).toBeUndefined();
      expect(result.status, `graphql-codegen --check\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`).toBe(0);
    },
    120_000,
  );
});
