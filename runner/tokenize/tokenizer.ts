// RewardTokenizer: one model bundle's tokenizer (tokenizer.json + tokenizer_config.json + chat
// template) behind a small, id-centred API. Wraps @huggingface/tokenizers (pure JS).
import { Tokenizer } from "@huggingface/tokenizers";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { TokenizeError } from "./errors";
import { END_OF_TURN_TOKEN, guessFamily, type TokenizerFamily } from "./family";
import { computeFlags, normalizeForJoin, type TokenFlags, type VocabEntry } from "./vocabulary";

export type { TokenFlags, VocabEntry } from "./vocabulary";

export interface EncodeOptions {
  addSpecialTokens: boolean;
}

export interface DecodeOptions {
  skipSpecialTokens?: boolean;
  /**
   * Apply HF's `clean_up_tokenization_spaces` (" ." -> "." etc). Default false: our decode is
   * faithful to the bytes. Paper mode passes `tokenizer.cleanUpSpacesDefault` to match Python.
   */
  cleanUpSpaces?: boolean;
}

export interface LoadTokenizerOptions {
  /** Label used in error messages; defaults to the bundle folder. */
  name?: string;
  /** Override the bundle's chat template. */
  chatTemplate?: string;
}

type Json = Record<string, unknown>;

/** tokenizer_config values may be plain strings or serialized AddedToken objects `{content, ...}`. */
export function tokenContent(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as Json).content === "string") {
    return (value as Json).content as string;
  }
  return undefined;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Everything derived from tokenizer.json + tokenizer_config.json; shared by template variants. */
interface TokenizerCore {
  inner: Tokenizer;
  dir: string;
  config: Json;
  fingerprint: string;
  vocabSize: number;
  pieces: string[];
  addedIds: Set<number>;
  specialIds: Set<number>;
  family: TokenizerFamily;
  vocabulary?: VocabEntry[];
}

/** A tokenizer file that cannot be read or is not what it should be: bad input naming the file
 * (a truncated tokenizer.json used to surface as "Unexpected end of JSON input", a runtime failure). */
function unreadable(file: string, problem: string): TokenizeError {
  return new TokenizeError(`${file}: ${problem}`, "tokenizer_file", { file });
}

async function readTokenizerFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw unreadable(file, code === "ENOENT" ? "missing (a tokenizer folder needs tokenizer.json and tokenizer_config.json)" : `cannot be read (${code ?? (error as Error).message})`);
  }
}

function parseJsonObject(file: string, bytes: Buffer): Json {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw unreadable(file, `not valid JSON (${(error as Error).message})`);
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) throw unreadable(file, "must be a JSON object");
  return value as Json;
}

export async function loadTokenizer(dir: string, opts: LoadTokenizerOptions = {}): Promise<RewardTokenizer> {
  const tokenizerFile = path.join(dir, "tokenizer.json");
  const configFile = path.join(dir, "tokenizer_config.json");
  // Read together, reported in a fixed order (tokenizer.json first), whichever read fails first.
  const [tokenizerRead, configRead, jinjaRead] = await Promise.allSettled([
    readTokenizerFile(tokenizerFile),
    readTokenizerFile(configFile),
    readFile(path.join(dir, "chat_template.jinja"), "utf8"),
  ]);
  if (tokenizerRead.status === "rejected") throw tokenizerRead.reason;
  if (configRead.status === "rejected") throw configRead.reason;
  const tokenizerBytes = tokenizerRead.value;
  const configBytes = configRead.value;
  const jinjaFile = jinjaRead.status === "fulfilled" ? jinjaRead.value : null;
  const tokenizerJson = parseJsonObject(tokenizerFile, tokenizerBytes);
  const config = parseJsonObject(configFile, configBytes);
  let core: TokenizerCore;
  try {
    core = buildCore(tokenizerJson, config, sha256Hex(tokenizerBytes), dir);
  } catch (error) {
    if (error instanceof TokenizeError) throw error;
    throw unreadable(tokenizerFile, `not a Hugging Face tokenizer (${(error as Error).message})`);
  }
  // Like transformers: a chat_template.jinja file beside the config takes precedence.
  const template = opts.chatTemplate ?? jinjaFile ?? templateFromConfig(config);
  return new RewardTokenizer(core, template, opts.name ?? dir);
}

function templateFromConfig(config: Json): string | null {
  const t = config.chat_template;
  if (typeof t === "string") return t;
  // Multiple named templates: [{name, template}]; transformers uses "default".
  if (Array.isArray(t)) {
    const named = t as { name?: string; template?: string }[];
    return (named.find((x) => x.name === "default") ?? named[0])?.template ?? null;
  }
  return null;
}

function modelMaxId(model: Json): number {
  const vocab = model.vocab;
  if (Array.isArray(vocab)) return vocab.length - 1; // Unigram: [[piece, score], ...]
  let max = -1;
  for (const id of Object.values(vocab as Record<string, number>)) if (id > max) max = id;
  return max;
}

function buildCore(tokenizerJson: Json, rawConfig: Json, fingerprint: string, dir: string): TokenizerCore {
  // tokenizers.js expects plain strings where HF configs may hold AddedToken objects.
  const config: Json = {};
  for (const [k, v] of Object.entries(rawConfig)) {
    if (k === "additional_special_tokens" && Array.isArray(v)) config[k] = v.map((x) => tokenContent(x) ?? x);
    else config[k] = tokenContent(v) ?? v;
  }
  const inner = new Tokenizer(tokenizerJson, config);
  const added = (tokenizerJson.added_tokens ?? []) as { id: number; content: string; special?: boolean }[];
  let maxId = modelMaxId(tokenizerJson.model as Json);
  for (const t of added) if (t.id > maxId) maxId = t.id;
  const vocabSize = maxId + 1;

  const pieces = new Array<string>(vocabSize);
  for (let id = 0; id < vocabSize; id++) pieces[id] = inner.id_to_token(id) ?? "";

  const addedIds = new Set(added.map((t) => t.id));
  const specialIds = new Set(added.filter((t) => t.special).map((t) => t.id));
  const extraSpecial = [
    ...((config.additional_special_tokens as unknown[]) ?? []),
    ...["bos_token", "eos_token", "unk_token", "pad_token"].map((k) => config[k]),
  ];
  for (const s of extraSpecial) {
    const id = typeof s === "string" ? inner.token_to_id(s) : undefined;
    if (id !== undefined) specialIds.add(id);
  }
  const family = guessFamily((c) => inner.token_to_id(c) !== undefined);
  return { inner, dir, config, fingerprint, vocabSize, pieces, addedIds, specialIds, family };
}

export class RewardTokenizer {
  readonly chatTemplateFingerprint: string | null;

  constructor(
    private readonly core: TokenizerCore,
    readonly chatTemplate: string | null,
    readonly name: string,
  ) {
    this.chatTemplateFingerprint = chatTemplate === null ? null : sha256Hex(chatTemplate);
  }

  /** Same tokenizer, another chat template (tests, user-supplied templates). */
  withChatTemplate(template: string, name = `${this.name} (custom template)`): RewardTokenizer {
    return new RewardTokenizer(this.core, template, name);
  }

  get dir(): string { return this.core.dir; }
  get family(): TokenizerFamily { return this.core.family; }
  /** max id + 1 over the model vocabulary and the added tokens. */
  get vocabSize(): number { return this.core.vocabSize; }
  /** sha256 of tokenizer.json's bytes. */
  get fingerprint(): string { return this.core.fingerprint; }
  get specialIds(): ReadonlySet<number> { return this.core.specialIds; }
  get addedIds(): ReadonlySet<number> { return this.core.addedIds; }
  /** Raw tokenizer_config.json values, AddedToken objects flattened to their content. */
  get config(): Readonly<Json> { return this.core.config; }
  get bosToken(): string | undefined { return tokenContent(this.core.config.bos_token); }
  get eosToken(): string | undefined { return tokenContent(this.core.config.eos_token); }
  get bosId(): number | undefined { return this.idOf(this.bosToken); }
  get eosId(): number | undefined { return this.idOf(this.eosToken); }
  /** Token closing an assistant turn (family marker, else eos). */
  get endOfTurnId(): number | undefined {
    return this.idOf(END_OF_TURN_TOKEN[this.family] ?? undefined) ?? this.eosId;
  }
  /**
   * What Python's `tokenizer.decode` does by default: the config's clean_up_tokenization_spaces,
   * false when absent (the transformers default since v4.45).
   */
  get cleanUpSpacesDefault(): boolean { return this.core.config.clean_up_tokenization_spaces === true; }

  idOf(content: string | undefined): number | undefined {
    return content === undefined ? undefined : this.core.inner.token_to_id(content);
  }

  encode(text: string, opts: EncodeOptions): number[] {
    const ids = this.core.inner.encode(text, { add_special_tokens: opts.addSpecialTokens }).ids;
    for (const id of ids) {
      if (!Number.isInteger(id)) {
        throw new Error(`tokenizer "${this.name}" produced a non-id while encoding ${JSON.stringify(text.slice(0, 80))} (no unk token?)`);
      }
    }
    return ids;
  }

  decode(ids: ArrayLike<number>, opts: DecodeOptions = {}): string {
    if (ids.length === 0) return ""; // tokenizers.js throws on empty input
    return this.core.inner.decode(Array.from(ids), {
      skip_special_tokens: opts.skipSpecialTokens ?? false,
      clean_up_tokenization_spaces: opts.cleanUpSpaces ?? false,
    });
  }

  /** The raw vocabulary piece (e.g. "Ġthe", "▁the", "<0x0A>", "<|eot_id|>"). */
  piece(id: number): string {
    this.checkId(id);
    return this.core.pieces[id];
  }

  tokenFlags(id: number): TokenFlags {
    this.checkId(id);
    const cached = this.core.vocabulary?.[id];
    if (cached) return cached.flags;
    return computeFlags(this.core.pieces[id], this.decode([id]), this.core.specialIds.has(id), this.core.addedIds.has(id));
  }

  /** Every id 0..vocabSize-1 with piece, decode([id]), join key and flags. Built once, then cached. */
  vocabulary(): readonly VocabEntry[] {
    if (this.core.vocabulary) return this.core.vocabulary;
    const { pieces, specialIds, addedIds, vocabSize } = this.core;
    const out = new Array<VocabEntry>(vocabSize);
    const one = [0];
    for (let id = 0; id < vocabSize; id++) {
      one[0] = id;
      const decoded = this.decode(one);
      out[id] = {
        tokenId: id,
        piece: pieces[id],
        decoded,
        normalized: normalizeForJoin(decoded),
        flags: computeFlags(pieces[id], decoded, specialIds.has(id), addedIds.has(id)),
      };
    }
    this.core.vocabulary = out;
    return out;
  }

  /** Values the chat template can reference: every `*_token` of the config, plus additional_special_tokens. */
  templateVariables(): Record<string, unknown> {
    const vars: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this.core.config)) {
      if (k.endsWith("_token") && typeof v === "string") vars[k] = v;
    }
    const extra = this.core.config.additional_special_tokens;
    if (Array.isArray(extra)) vars.additional_special_tokens = extra;
    return vars;
  }

  private checkId(id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.core.vocabSize) {
      throw new RangeError(`token id ${id} is outside tokenizer "${this.name}" (vocabSize ${this.core.vocabSize})`);
    }
  }
}
