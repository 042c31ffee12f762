// Software versions recorded with every sweep, so a result can be traced to what produced it.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

function readVersion(file: string): string {
  return (JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8")) as { version: string }).version;
}

/** A dependency's version. Packages whose exports map hides package.json (@huggingface/jinja and
 * @huggingface/tokenizers: ERR_PACKAGE_PATH_NOT_EXPORTED, so every sweep recorded "unknown") are
 * read from the node_modules folders Node itself would search for them. */
export function packageVersion(name: string): string {
  try {
    return readVersion(require.resolve(/*turbopackIgnore: true*/ `${name}/package.json`));
  } catch {
    // hidden by the exports map: look in Node's search paths below
  }
  try {
    for (const dir of require.resolve.paths(name) ?? []) {
      const file = path.join(/*turbopackIgnore: true*/ dir, name, "package.json");
      if (existsSync(/*turbopackIgnore: true*/ file)) return readVersion(file);
    }
  } catch {
    // an unreadable package.json: no version to record
  }
  return "unknown";
}

/**
 * This project's version, from the package.json two folders above this module. The folder comes
 * from the module's URL: inside the Next.js server bundle `import.meta.dirname` is undefined (only
 * `import.meta.url` is provided), and reading it there made every admin requestSweep of a model
 * with a known bundle an internal error. Never throws: a version is provenance, not a reason to fail.
 */
export function projectVersion(moduleUrl: string = import.meta.url): string {
  try {
    const here = path.dirname(fileURLToPath(moduleUrl));
    return (JSON.parse(readFileSync(path.join(/*turbopackIgnore: true*/ here, "../../package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

let cached: Record<string, string> | undefined;

export function softwareVersions(): Record<string, string> {
  cached ??= {
    node: process.version,
    "reward-atlas": projectVersion(),
    "onnxruntime-node": packageVersion("onnxruntime-node"),
    "@huggingface/tokenizers": packageVersion("@huggingface/tokenizers"),
    "@huggingface/jinja": packageVersion("@huggingface/jinja"),
    platform: `${process.platform}-${process.arch}`,
  };
  return cached;
}
