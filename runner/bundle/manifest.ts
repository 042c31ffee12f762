/**
 * Model bundle: a folder holding one reward model.
 *
 *   model.onnx              the graph (+ optional external-data files for models > 2 GB,
 *                           e.g. model.onnx_data, referenced from inside model.onnx)
 *   tokenizer.json          HF fast-tokenizer file
 *   tokenizer_config.json   HF tokenizer config (chat template, special tokens)
 *   manifest.json           this schema
 *
 * The defaults match `optimum-cli export onnx --task text-classification` for Llama / Gemma /
 * Qwen `*ForSequenceClassification` models: inputs `input_ids`, `attention_mask` (and, for some
 * exports, `position_ids`), output `logits` of shape [batch, num_labels]; the reward is column
 * `reward.index` (0) of that output. ArmoRM-style models name another output (e.g. "score").
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { onnx } from "../onnx/graph";

export const BUNDLE_FILES = {
  model: "model.onnx",
  tokenizer: "tokenizer.json",
  tokenizerConfig: "tokenizer_config.json",
  manifest: "manifest.json",
} as const;

/** Families we know templates for; `family` accepts any slug-like string. */
export const KNOWN_FAMILIES = ["llama3", "llama3.1", "llama3.2", "qwen3", "gemma2", "gemma3"] as const;

const ioName = z.string().min(1, "must be a non-empty tensor name");
const pastName = z.string().regex(/\{layer\}.*\{kind\}|\{kind\}.*\{layer\}/, "must contain {layer} and {kind}");

export const BundleManifest = z.object({
  schemaVersion: z.literal(1),
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,127}$/, "must be lower-case letters, digits, '.', '_' or '-' (max 128)"),
  displayName: z.string().min(1),
  /** Hugging Face repo id (owner/name) or a local path. */
  source: z.string().min(1),
  /** Optional HF revision (commit sha or tag) of `source`. */
  revision: z.string().min(1).optional(),
  family: z.string().regex(/^[a-z0-9][a-z0-9._+-]*$/, "must be a lower-case family slug such as llama3.1, qwen3, gemma2"),
  architecture: z.string().min(1).optional(),
  parameterCount: z.number().int().positive().optional(),
  licence: z.string().optional(),
  notes: z.string().optional(),
  demo: z.boolean(),
  inputs: z.object({
    inputIds: ioName.default("input_ids"),
    /** null: the model takes no attention mask. Omitted: "attention_mask". */
    attentionMask: ioName.nullable().default("attention_mask"),
    /** Fed with 0..seq-1 per row when set. */
    positionIds: ioName.nullable().default(null),
  }),
  reward: z
    .object({
      output: ioName.default("logits"),
      /** Column of a [batch, k] output. */
      index: z.number().int().nonnegative().default(0),
    })
    .default({ output: "logits", index: 0 }),
  dtype: z.enum(["float32", "float16"]),
  /** Rows of the model's input embedding (config.json's vocab_size). The sweep covers the
   * tokenizer's ids below it (runner/tokenize/match.ts: padding rows and unembeddable added ids). */
  vocabSize: z.number().int().positive().max(2_147_483_647, "must fit a 32-bit token id"),
  /**
   * The graph also takes the attention keys/values of earlier positions, named as optimum's
   * decoder "-with-past" exports name them ({layer} = 0..layers-1, {kind} = key | value). A sweep
   * then runs the prompt prefix it shares across all rows once and scores only [id] + suffix per
   * row against those keys/values (METHOD.md: the prefix dominates the work). Needs
   * inputs.positionIds, since the new tokens sit after the cached ones.
   */
  pastKeyValues: z
    .object({
      layers: z.number().int().positive(),
      input: pastName.default("past_key_values.{layer}.{kind}"),
      output: pastName.default("present.{layer}.{kind}"),
    })
    .optional(),
}).superRefine((manifest, ctx) => {
  if (manifest.pastKeyValues && !manifest.inputs.positionIds)
    ctx.addIssue({
      code: "custom",
      path: ["inputs", "positionIds"],
      message: "must name the position_ids input when pastKeyValues is set (cached tokens shift the new tokens' positions)",
    });
});

/** `{layer}`/`{kind}` name pattern -> the tensor name of one layer's keys or values. */
export function pastTensorName(pattern: string, layer: number, kind: "key" | "value"): string {
  return pattern.replace("{layer}", String(layer)).replace("{kind}", kind);
}

export type BundleManifest = z.output<typeof BundleManifest>;
export type BundleManifestInput = z.input<typeof BundleManifest>;

export type BundleErrorCode =
  | "NOT_A_DIRECTORY"
  | "MISSING_FILE"
  | "EMPTY_FILE"
  | "INVALID_JSON"
  | "INVALID_MANIFEST"
  | "INVALID_MODEL"
  | "VOCAB_SIZE_MISMATCH";

export interface BundleFieldIssue {
  /** Dotted path of the field, e.g. "reward.index" ("" for the root). */
  field: string;
  message: string;
}

export class BundleError extends Error {
  override readonly name = "BundleError";
  constructor(
    readonly code: BundleErrorCode,
    message: string,
    /** Absolute path of the file (or folder) at fault. */
    readonly file: string,
    readonly issues: BundleFieldIssue[] = [],
  ) {
    super(message);
  }
  /** First field named, if any. */
  get field(): string | undefined {
    return this.issues[0]?.field;
  }
}

function fieldPath(p: readonly PropertyKey[]): string {
  return p.map((k) => (typeof k === "number" ? `[${k}]` : String(k))).join(".").replace(/\.\[/g, "[");
}

/**
 * Validate a parsed manifest object. Throws BundleError(INVALID_MANIFEST) whose message names
 * the file and every failing field, e.g. `manifest.json: field "reward.index": Too small ...`.
 */
export function parseManifest(value: unknown, file: string = BUNDLE_FILES.manifest): BundleManifest {
  const r = BundleManifest.safeParse(value);
  if (r.success) return r.data;
  const issues: BundleFieldIssue[] = r.error.issues.map((i) => ({ field: fieldPath(i.path), message: i.message }));
  const lines = issues.map((i) => `  field "${i.field || "(root)"}": ${i.message}`);
  throw new BundleError("INVALID_MANIFEST", `${file}: invalid manifest\n${lines.join("\n")}`, file, issues);
}

export interface LoadedBundle {
  dir: string;
  manifest: BundleManifest;
  modelPath: string;
  tokenizerPath: string;
  tokenizerConfigPath: string;
  /** External-data files referenced by model.onnx (checked to exist), when model.onnx was inspected. */
  externalData: string[];
  modelBytes: number;
  /** Non-fatal remarks (unknown manifest keys, model not inspected...). */
  warnings: string[];
}

export interface LoadBundleOptions {
  /** Parse tokenizer.json and check that manifest.vocabSize equals its number of ids (slow for 30 MB files). */
  checkTokenizer?: boolean;
  /** Parse model.onnx (when not larger than this many bytes) to find external-data references. Default 64 MiB; 0 disables. */
  inspectModelMaxBytes?: number;
}

function readJson(file: string): unknown {
  const text = readFileSync(file, "utf8");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BundleError("INVALID_JSON", `${file}: not valid JSON (${(e as Error).message})`, file);
  }
}

function requireFile(dir: string, name: string): string {
  const file = path.join(dir, name);
  if (!existsSync(file)) throw new BundleError("MISSING_FILE", `${file}: missing (a bundle needs ${name})`, file);
  const st = statSync(file);
  if (!st.isFile()) throw new BundleError("MISSING_FILE", `${file}: not a regular file`, file);
  if (st.size === 0) throw new BundleError("EMPTY_FILE", `${file}: empty file`, file);
  return file;
}

/** Count ids in a tokenizer.json: 1 + max id over model.vocab and added_tokens. */
export function tokenizerVocabSize(tokenizerPath: string): number {
  const json = readJson(tokenizerPath) as {
    model?: { vocab?: Record<string, number> | [string, number][] };
    added_tokens?: { id: number }[];
  };
  const vocab = json?.model?.vocab;
  if (!vocab) throw new BundleError("INVALID_JSON", `${tokenizerPath}: no model.vocab`, tokenizerPath);
  let max = -1;
  if (Array.isArray(vocab)) max = vocab.length - 1;
  else for (const id of Object.values(vocab)) if (id > max) max = id;
  for (const a of json.added_tokens ?? []) if (a.id > max) max = a.id;
  return max + 1;
}

/** External-data locations referenced by initializers of a serialized model (empty if none). */
export function externalDataLocations(modelPath: string): string[] {
  return [...externalDataExtents(modelPath).keys()];
}

/** Each external-data location with the end of the furthest byte range its initializers read
 * (offset + length; 0 where a tensor gives no length). */
export function externalDataExtents(modelPath: string): Map<string, number> {
  let model;
  try {
    model = onnx.ModelProto.decode(readFileSync(modelPath));
  } catch (e) {
    throw new BundleError("INVALID_MODEL", `${modelPath}: not a valid ONNX ModelProto (${(e as Error).message})`, modelPath);
  }
  const extents = new Map<string, number>();
  for (const t of model.graph?.initializer ?? []) {
    if (t.dataLocation !== 1 /* EXTERNAL */) continue;
    const entry = (key: string) => t.externalData?.find((kv) => kv.key === key)?.value ?? undefined;
    const location = entry("location");
    if (!location) continue;
    const end = Number(entry("offset") ?? 0) + Number(entry("length") ?? 0);
    extents.set(location, Math.max(extents.get(location) ?? 0, Number.isFinite(end) ? end : 0));
  }
  return extents;
}

/** An external-data file must lie inside the bundle (onnxruntime refuses others, and a bundle that
 * reads /etc/... is not one) and hold every byte range the graph reads (a truncated download). */
function checkedExternalData(bundleDir: string, modelPath: string, location: string, end: number): string {
  const file = path.resolve(bundleDir, location);
  const relative = path.relative(bundleDir, file);
  if (relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative) || path.isAbsolute(location)) {
    throw new BundleError("INVALID_MODEL", `${modelPath}: external-data location ${JSON.stringify(location)} is outside the bundle folder ${bundleDir}`, modelPath);
  }
  if (!existsSync(file)) throw new BundleError("MISSING_FILE", `${file}: external-data file referenced by ${modelPath} is missing`, file);
  const st = statSync(file);
  if (!st.isFile()) throw new BundleError("MISSING_FILE", `${file}: external-data file referenced by ${modelPath} is not a regular file`, file);
  if (st.size < end) {
    throw new BundleError("INVALID_MODEL", `${file}: ${st.size} bytes, but ${modelPath} reads up to byte ${end} of it (truncated copy?)`, file);
  }
  return file;
}

/**
 * Validate a bundle folder: the four files exist and are non-empty, manifest.json parses and
 * matches the schema (errors name the file and the field), external-data files referenced by
 * model.onnx exist (when the model is small enough to inspect), and optionally the tokenizer
 * vocabulary size matches manifest.vocabSize.
 */
export async function loadBundle(dir: string, opts: LoadBundleOptions = {}): Promise<LoadedBundle> {
  const abs = path.resolve(dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory())
    throw new BundleError("NOT_A_DIRECTORY", `${abs}: bundle folder not found`, abs);
  const manifestPath = requireFile(abs, BUNDLE_FILES.manifest);
  const raw = readJson(manifestPath);
  const manifest = parseManifest(raw, manifestPath);
  const warnings: string[] = [];
  if (raw && typeof raw === "object") {
    const known = new Set(Object.keys(BundleManifest.shape));
    for (const k of Object.keys(raw)) if (!known.has(k)) warnings.push(`${manifestPath}: unknown field "${k}" ignored`);
  }
  const modelPath = requireFile(abs, BUNDLE_FILES.model);
  const tokenizerPath = requireFile(abs, BUNDLE_FILES.tokenizer);
  const tokenizerConfigPath = requireFile(abs, BUNDLE_FILES.tokenizerConfig);
  readJson(tokenizerConfigPath);
  const modelBytes = statSync(/*turbopackIgnore: true*/ modelPath).size;

  let externalData: string[] = [];
  const limit = opts.inspectModelMaxBytes ?? 64 * 1024 * 1024;
  if (limit > 0 && modelBytes <= limit) {
    externalData = [...externalDataExtents(modelPath)].map(([location, end]) => checkedExternalData(abs, modelPath, location, end));
  } else {
    const guesses = readdirSync(abs).filter((f) => /\.(onnx_data|onnx\.data|data)$/.test(f));
    externalData = guesses.map((f) => path.join(abs, f));
    if (limit > 0) warnings.push(`${modelPath}: ${modelBytes} bytes, not inspected for external-data references`);
  }

  if (opts.checkTokenizer) {
    const n = tokenizerVocabSize(tokenizerPath);
    if (n !== manifest.vocabSize)
      throw new BundleError(
        "VOCAB_SIZE_MISMATCH",
        `${manifestPath}: field "vocabSize" is ${manifest.vocabSize} but ${tokenizerPath} has ${n} ids`,
        manifestPath,
        [{ field: "vocabSize", message: `expected ${n}` }],
      );
  }
  return { dir: abs, manifest, modelPath, tokenizerPath, tokenizerConfigPath, externalData, modelBytes, warnings };
}
