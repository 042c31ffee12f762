// Sweep provenance: the project's version is read from the module URL alone, as it must be inside
// the Next.js server bundle (import.meta.dirname undefined there; requestSweep failed with
// "The path argument must be of type string").
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { packageVersion, projectVersion, softwareVersions } from "../../runner/sweep/versions";

const ROOT = path.resolve(import.meta.dirname, "../..");
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;

describe("softwareVersions", () => {
  it("records this project's version", () => {
    expect(softwareVersions()["reward-atlas"]).toBe(VERSION);
  });

  it("finds package.json from a file URL only (what the Next.js bundle provides)", () => {
    expect(projectVersion(pathToFileURL(path.join(ROOT, "runner/sweep/versions.ts")).href)).toBe(VERSION);
  });

  it("says unknown instead of throwing when the URL leads nowhere", () => {
    expect(projectVersion("file:///nonexistent/a/b/c.ts")).toBe("unknown");
    expect(projectVersion("not a url")).toBe("unknown");
  });

  it("records dependencies whose exports map hides package.json (was \"unknown\")", () => {
    const versions = softwareVersions();
    for (const name of ["@huggingface/jinja", "@huggingface/tokenizers", "onnxruntime-node"]) {
      const expected = (JSON.parse(readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
      expect(versions[name]).toBe(expected);
    }
    expect(packageVersion("no-such-package-ra")).toBe("unknown");
  });
});
