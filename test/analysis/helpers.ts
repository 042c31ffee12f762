/**
 * Test helpers: locate the read-only reference data (../shared/data from the repo root) and
 * load EloEverything CSVs into Float64 columns.
 */
import { parse } from "csv-parse/sync";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../../server/analysis";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The shared data folder: <root>/shared/data, else <ancestor>/shared/data walking upwards. */
export function findSharedData(): string | undefined {
  let dir = REPO_ROOT;
  for (;;) {
    const candidate = path.join(dir, "shared", "data");
    if (existsSync(path.join(candidate, "README.md"))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface EloCsv {
  /** elo_score followed by the model columns, in file order. */
  names: string[];
  columns: Float64Array[];
  items: string[];
}

export function loadEloCsv(file: string): EloCsv {
  const rows: string[][] = parse(readFileSync(file, "utf8"), { relaxColumnCount: false });
  const header = rows[0];
  const cols = [1, ...header.map((_, i) => i).filter((i) => i >= 4)];
  const body = rows.slice(1);
  return {
    names: cols.map((c) => header[c]),
    columns: cols.map((c) => Float64Array.from(body, (r) => Number(r[c]))),
    items: body.map((r) => r[2]),
  };
}

/** Seeded normal deviates (Box-Muller on mulberry32 uniforms) for synthetic data. */
export function normals(rng: () => number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = 1 - rng();
    const v = rng();
    const r = Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

/** `trials` samples of `n` pairs from a standard bivariate normal with correlation `r` (Box-Muller
 * over mulberry32(seed)): the data of the intervals' coverage tests. */
export function* bivariateNormalSamples(seed: number, r: number, n: number, trials: number): Generator<{ x: number[]; y: number[] }> {
  const rng = mulberry32(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  for (let t = 0; t < trials; t++) {
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = gaussian();
      x.push(a);
      y.push(r * a + Math.sqrt(1 - r * r) * gaussian());
    }
    yield { x, y };
  }
}

/** Heavily tied integer scores, so every tie path (x, y, joint) is exercised. */
export function tiedSample(n: number, seed: number): { x: number[]; y: number[] } {
  const rng = mulberry32(seed);
  const x = Array.from({ length: n }, () => Math.floor(rng() * 8));
  const y = x.map((v) => Math.floor((v + rng() * 6) / 2));
  return { x, y };
}
