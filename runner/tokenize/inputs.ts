// Input construction by token id (METHOD.md, "The sweep"): render the chat template once with a
// sentinel answer, tokenize, locate the sentinel's tokens, and splice `prefix + [id] + suffix`.
// Every sequence then has the same length and contains exactly the candidate id, whatever its
// decoded text is (leading space, partial UTF-8, special token...).
import { probeBoundary } from "./boundary";
import { renderChat, type ChatMessage } from "./chat";
import { InputConstructionError, type InputConstructionErrorCode } from "./errors";
import type { TokenizerFamily } from "./family";
import type { RewardTokenizer } from "./tokenizer";

export type InputMode = "id" | "paper";

export interface BuildInputSpecOptions {
  prompt: string;
  system?: string;
  /** "id" (default): splice ids. "paper": the release's decode -> template -> re-tokenize (see paper.ts). */
  mode?: InputMode;
  /** Sentinel candidates, tried in order until two locate cleanly (plain words; no whitespace). */
  sentinels?: string[];
  /** Id mode: how many vocabulary words to splice-and-retokenize to prove the boundary clean (boundary.ts). 0 disables. */
  boundaryProbes?: number;
}

/** Everything needed to rebuild and audit the inputs of a sweep; plain JSON, record it with the sweep. */
export interface InputSpec {
  mode: InputMode;
  tokenizerName: string;
  family: TokenizerFamily;
  tokenizerFingerprint: string;
  vocabSize: number;
  template: string;
  chatTemplateFingerprint: string;
  prompt: string;
  system: string | null;
  /** The sentinel used for renderedText / prefixText / suffixText. */
  sentinel: string;
  /** The sentinels whose prefix/suffix ids were verified identical. */
  verifiedSentinels: string[];
  /** Vocabulary words spliced and re-tokenized without merging (id mode; 0 in paper mode). */
  boundaryProbed: number;
  renderedText: string;
  prefixText: string;
  suffixText: string;
  prefixIds: number[];
  suffixIds: number[];
  /** add_special_tokens used when tokenizing the rendered text. */
  addSpecialTokens: boolean;
  bosId: number | null;
  /** Number of BOS ids in prefix + suffix (1 in id mode when the tokenizer has a BOS). */
  bosCount: number;
  endOfTurnId: number | null;
  /** prefixIds.length + 1 + suffixIds.length */
  sequenceLength: number;
}

export interface IdInputSpec extends InputSpec { mode: "id" }
export interface PaperInputSpec extends InputSpec {
  mode: "paper";
  /** clean_up_tokenization_spaces applied by paper mode's decode([id]) (Python's default). */
  cleanUpSpaces: boolean;
}

export const DEFAULT_SENTINELS = ["Sentinel", "Placeholder", "Marmalade", "Quartz", "Zebra"];

export function buildInputSpec(tok: RewardTokenizer, opts: BuildInputSpecOptions & { mode?: "id" }): IdInputSpec;
export function buildInputSpec(tok: RewardTokenizer, opts: BuildInputSpecOptions & { mode: "paper" }): PaperInputSpec;
export function buildInputSpec(tok: RewardTokenizer, opts: BuildInputSpecOptions): IdInputSpec | PaperInputSpec;
export function buildInputSpec(tok: RewardTokenizer, opts: BuildInputSpecOptions): IdInputSpec | PaperInputSpec {
  const mode = opts.mode ?? "id";
  const head = conversationHead(opts);
  const bosToken = tok.bosToken;
  const bosId = tok.bosId ?? null;
  const who = `tokenizer "${tok.name}" (family ${tok.family})`;

  let addSpecialTokens: boolean;
  if (mode === "paper") {
    // The release rendered the template to text and called tokenizer(text) with its default
    // add_special_tokens=True, so a template that already renders BOS gets a second one.
    addSpecialTokens = true;
  } else {
    // BOS exactly once: if the template renders the BOS text, the tokenizer must not add another;
    // otherwise let the tokenizer's post-processor add it (a no-op for tokenizers without BOS).
    // The BOS checks below then catch templates that render it twice or mid-text.
    const probe = renderChat(tok, [...head, { role: "assistant", content: "Probe" }]);
    addSpecialTokens = bosId !== null && !(bosToken !== undefined && probe.includes(bosToken));
  }

  const candidates = (opts.sentinels ?? DEFAULT_SENTINELS).filter(
    (s) => !head.some((m) => m.content.includes(s)) && !(tok.chatTemplate ?? "").includes(s),
  );
  const found: Located[] = [];
  const failures: Failure[] = [];
  for (const sentinel of candidates) {
    const r = locateSentinel(tok, head, sentinel, addSpecialTokens);
    if ("code" in r) failures.push(r);
    else found.push(r);
    if (found.length === 2) break;
  }
  if (found.length < 2) {
    const primary = failures[0];
    const lines = failures.map((f) => `  - ${JSON.stringify(f.sentinel)}: ${f.detail}`).join("\n");
    throw new InputConstructionError(
      primary?.code ?? "sentinel_not_found",
      `${who}: cannot build ${mode}-mode inputs for prompt ${JSON.stringify(opts.prompt)}: ` +
        `${primary ? PROBLEM[primary.code] : "fewer than two usable sentinels"}.\n${lines}`,
      { failures, found: found.map((f) => f.sentinel) },
    );
  }
  const [a, b] = found;
  if (!sameIds(a.prefixIds, b.prefixIds) || !sameIds(a.suffixIds, b.suffixIds)) {
    throw new InputConstructionError(
      "boundary_merge",
      `${who}: the template tokens around the answer change with the answer ` +
        `(${JSON.stringify(a.sentinel)}: prefix ...${tail(a.prefixIds)} suffix ${head5(a.suffixIds)}; ` +
        `${JSON.stringify(b.sentinel)}: prefix ...${tail(b.prefixIds)} suffix ${head5(b.suffixIds)}); ${PROBLEM.boundary_merge}`,
    );
  }

  const bosCount = bosId === null ? 0 : count(a.prefixIds, bosId) + count(a.suffixIds, bosId);
  if (mode === "id" && bosCount > 1) {
    throw new InputConstructionError(
      "duplicate_bos",
      `${who}: BOS (${bosToken}, id ${bosId}) would appear ${bosCount} times in every input ` +
        `(add_special_tokens=${addSpecialTokens}); the template renders it more than once`,
      { bosCount },
    );
  }
  if (mode === "id" && bosCount === 1 && a.prefixIds[0] !== bosId) {
    throw new InputConstructionError(
      "bos_not_first",
      `${who}: BOS (${bosToken}, id ${bosId}) is not the first input token; the template renders it mid-text`,
    );
  }

  let boundaryProbed = 0;
  if (mode === "id") {
    const probe = probeBoundary(tok, { ...a, prefixText: a.before, suffixText: a.after, addSpecialTokens }, opts.boundaryProbes ?? 256);
    if (probe.merged.length > 0) {
      const examples = probe.merged.slice(0, 6).map((m) => `${JSON.stringify(m.decoded)} (id ${m.tokenId})`).join(", ");
      throw new InputConstructionError(
        "boundary_merge",
        `${who}: ${PROBLEM.boundary_merge}: ${probe.merged.length} of ${probe.probed} probed word tokens re-tokenize ` +
          `differently next to ${JSON.stringify(a.before.slice(-16))} / ${JSON.stringify(a.after.slice(0, 16))}, e.g. ${examples}`,
        { probed: probe.probed, merged: probe.merged },
      );
    }
    boundaryProbed = probe.probed;
  }

  const spec: InputSpec = {
    mode,
    tokenizerName: tok.name,
    family: tok.family,
    tokenizerFingerprint: tok.fingerprint,
    vocabSize: tok.vocabSize,
    template: tok.chatTemplate ?? "",
    chatTemplateFingerprint: tok.chatTemplateFingerprint ?? "",
    prompt: opts.prompt,
    system: opts.system ?? null,
    sentinel: a.sentinel,
    verifiedSentinels: [a.sentinel, b.sentinel],
    boundaryProbed,
    renderedText: a.rendered,
    prefixText: a.before,
    suffixText: a.after,
    prefixIds: a.prefixIds,
    suffixIds: a.suffixIds,
    addSpecialTokens,
    bosId,
    bosCount,
    endOfTurnId: tok.endOfTurnId ?? null,
    sequenceLength: a.prefixIds.length + 1 + a.suffixIds.length,
  };
  return mode === "paper"
    ? { ...spec, mode: "paper", cleanUpSpaces: tok.cleanUpSpacesDefault }
    : { ...spec, mode: "id" };
}

export function conversationHead(opts: { prompt: string; system?: string }): ChatMessage[] {
  const head: ChatMessage[] = opts.system !== undefined ? [{ role: "system", content: opts.system }] : [];
  head.push({ role: "user", content: opts.prompt });
  return head;
}

const PROBLEM: Record<InputConstructionErrorCode, string> = {
  no_chat_template: "no chat template",
  template_error: "the chat template failed to render",
  sentinel_not_found: "the chat template drops or alters the assistant answer (the sentinel is not in the rendered text)",
  sentinel_repeated: "the chat template repeats the assistant answer",
  boundary_merge:
    "the tokenizer merges the answer with the template text around it, so there is no fixed prefix/suffix to splice ids into",
  decode_mismatch: "decoding the prefix/suffix ids does not give back the template text (lossy normalization?)",
  duplicate_bos: "BOS would be duplicated",
  bos_not_first: "BOS is not the first token",
};

interface Located {
  sentinel: string;
  rendered: string;
  before: string;
  after: string;
  prefixIds: number[];
  suffixIds: number[];
}
interface Failure {
  sentinel: string;
  code: InputConstructionErrorCode;
  detail: string;
}

function locateSentinel(tok: RewardTokenizer, head: ChatMessage[], sentinel: string, addSpecialTokens: boolean): Located | Failure {
  const rendered = renderChat(tok, [...head, { role: "assistant", content: sentinel }]);
  const at = rendered.indexOf(sentinel);
  const fail = (code: InputConstructionErrorCode, detail: string): Failure => ({ sentinel, code, detail });
  if (at < 0) return fail("sentinel_not_found", `rendered text ${JSON.stringify(rendered)} does not contain it`);
  if (rendered.indexOf(sentinel, at + 1) >= 0) return fail("sentinel_repeated", "it occurs more than once in the rendered text");
  const before = rendered.slice(0, at);
  const after = rendered.slice(at + sentinel.length);

  const ids = tok.encode(rendered, { addSpecialTokens });
  const sentinelIds = tok.encode(sentinel, { addSpecialTokens: false });
  const pos = findAll(ids, sentinelIds);
  if (pos.length !== 1) {
    const around = JSON.stringify(rendered.slice(Math.max(0, at - 12), at + sentinel.length + 12));
    return fail(
      "boundary_merge",
      pos.length === 0
        ? `its tokens ${JSON.stringify(sentinelIds)} do not appear in the tokenized text: they merge with ${around}`
        : `its tokens occur ${pos.length} times in the tokenized text`,
    );
  }
  const prefixIds = ids.slice(0, pos[0]);
  const suffixIds = ids.slice(pos[0] + sentinelIds.length);
  // The text on each side must tokenize the same on its own: otherwise tokenization at the
  // boundary depends on the answer, and spliced sequences are not what the tokenizer would make.
  if (!sameIds(tok.encode(before, { addSpecialTokens }), prefixIds) || !sameIds(tok.encode(after, { addSpecialTokens: false }), suffixIds)) {
    return fail("boundary_merge", "the template text next to the answer tokenizes differently with the answer present");
  }
  // Tokens the post-processor adds (BOS, maybe EOS) are not in the text: compare around them.
  const withSpecial = tok.encode(sentinel, { addSpecialTokens });
  const at2 = findAll(withSpecial, sentinelIds)[0] ?? 0;
  const addedHead = tok.decode(withSpecial.slice(0, at2));
  const addedTail = tok.decode(withSpecial.slice(at2 + sentinelIds.length));
  const decodedPrefix = tok.decode(prefixIds);
  const decodedSuffix = tok.decode(suffixIds);
  if (decodedPrefix !== addedHead + before || decodedSuffix !== after + addedTail) {
    const [got, want] = decodedPrefix !== addedHead + before ? [decodedPrefix, before] : [decodedSuffix, after];
    return fail("decode_mismatch", `ids decode to ${JSON.stringify(got)}, the template text is ${JSON.stringify(want)}`);
  }
  return { sentinel, rendered, before, after, prefixIds, suffixIds };
}

function findAll(haystack: number[], needle: number[]): number[] {
  const out: number[] = [];
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    out.push(i);
  }
  return out;
}

export function sameIds(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
const count = (ids: number[], id: number) => ids.reduce((n, x) => n + (x === id ? 1 : 0), 0);
const tail = (ids: number[]) => JSON.stringify(ids.slice(-5));
const head5 = (ids: number[]) => JSON.stringify(ids.slice(0, 5));
