// The read-only reference data beside the checkout (../shared/data). Tests that need it fail
// with a clear message when it is missing rather than silently passing.
import { existsSync } from "node:fs";
import path from "node:path";

export const SHARED_DATA = path.resolve(import.meta.dirname, "../../../shared/data");

export function sharedData(...parts: string[]): string {
  const file = path.join(SHARED_DATA, ...parts);
  if (!existsSync(file)) throw new Error(`reference data missing: ${file} (expected ../shared/data beside the checkout)`);
  return file;
}

export const ELO_FILES = [
  "what-in-one-word-is-the-greatest-thing-ever.csv",
  "what-is-the-single-thing-person-or-concept-that-humans-most-prefer.csv",
  "what-one-single-thing-person-or-concept-is-the-greatest-ever.csv",
];
