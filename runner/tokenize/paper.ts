// The paper's input construction, kept as an explicit, reproducible option (mode "paper"):
//   text = tokenizer.decode([id])                       (Python defaults: special tokens kept,
//                                                        clean_up_tokenization_spaces from config)
//   rendered = chat_template(user: prompt, assistant: text)   (the template may trim/rewrite it)
//   input_ids = tokenizer(rendered)                      (add_special_tokens=True, the default)
// With templates that render BOS themselves (Llama 3, Gemma) the last step adds a second BOS:
// the duplicated BOS found by the public audit is reproduced on purpose.
import { renderChat } from "./chat";
import { conversationHead, sameIds, type PaperInputSpec } from "./inputs";
import type { RewardTokenizer } from "./tokenizer";

/** decode([id]) as the release did it. */
export function paperDecode(tok: RewardTokenizer, tokenId: number, cleanUpSpaces = tok.cleanUpSpacesDefault): string {
  return tok.decode([tokenId], { skipSpecialTokens: false, cleanUpSpaces });
}

/** The paper-mode input ids for one candidate token (variable length). */
export function paperSequence(tok: RewardTokenizer, spec: PaperInputSpec, tokenId: number): number[] {
  const answer = paperDecode(tok, tokenId, spec.cleanUpSpaces);
  const rendered = renderChat(tok, [...conversationHead(specHead(spec)), { role: "assistant", content: answer }]);
  return tok.encode(rendered, { addSpecialTokens: spec.addSpecialTokens });
}

function specHead(spec: PaperInputSpec): { prompt: string; system?: string } {
  return spec.system === null ? { prompt: spec.prompt } : { prompt: spec.prompt, system: spec.system };
}

export interface RoundTripFailures {
  failureCount: number;
  failedIds: number[];
}

export interface PaperRoundTripReport {
  checked: number;
  /** encode(decode([id]), add_special_tokens=false) !== [id]: the text alone does not map back. */
  standalone: RoundTripFailures;
  /**
   * Only with a spec: the paper-mode sequence is not paper-prefix + [id] + paper-suffix, i.e. the
   * model was not shown the candidate token (template trim, merges with the template, etc.).
   */
  inTemplate?: RoundTripFailures;
}

/**
 * For each id, whether the decode/re-tokenize round trip gives back exactly [id]. Standalone is
 * cheap (full vocabularies in seconds); inTemplate renders the template per id (~0.1 ms each).
 */
export function paperRoundTrip(
  tok: RewardTokenizer,
  tokenIds: Iterable<number>,
  opts: { spec?: PaperInputSpec; cleanUpSpaces?: boolean } = {},
): PaperRoundTripReport {
  const cleanUpSpaces = opts.cleanUpSpaces ?? opts.spec?.cleanUpSpaces ?? tok.cleanUpSpacesDefault;
  const standalone: RoundTripFailures = { failureCount: 0, failedIds: [] };
  const inTemplate: RoundTripFailures | undefined = opts.spec ? { failureCount: 0, failedIds: [] } : undefined;
  const spec = opts.spec;
  let checked = 0;
  for (const id of tokenIds) {
    checked++;
    const text = paperDecode(tok, id, cleanUpSpaces);
    const back = tok.encode(text, { addSpecialTokens: false });
    if (back.length !== 1 || back[0] !== id) {
      standalone.failureCount++;
      standalone.failedIds.push(id);
    }
    if (spec && inTemplate) {
      const seq = paperSequence(tok, spec, id);
      const P = spec.prefixIds.length;
      const ok =
        seq.length === spec.sequenceLength &&
        seq[P] === id &&
        sameIds(seq.slice(0, P), spec.prefixIds) &&
        sameIds(seq.slice(P + 1), spec.suffixIds);
      if (!ok) {
        inTemplate.failureCount++;
        inTemplate.failedIds.push(id);
      }
    }
  }
  return inTemplate ? { checked, standalone, inTemplate } : { checked, standalone };
}

/** Paper-mode sequences of one length: `inputIds` is rows x sequenceLength, row-major. */
export interface PaperBatchGroup {
  sequenceLength: number;
  tokenIds: Int32Array;
  inputIds: BigInt64Array;
}

/**
 * Paper-mode inputs grouped by sequence length (ascending), NOT padded: each group is a dense
 * batch the engine can run as is, so every row is scored exactly as a batch of one would be (no
 * padding side, attention mask or "last non-pad token" logic in the reward head to get right).
 */
export function buildPaperBatches(tok: RewardTokenizer, spec: PaperInputSpec, tokenIds: Iterable<number>): PaperBatchGroup[] {
  const byLength = new Map<number, { ids: number[]; seqs: number[][] }>();
  for (const id of tokenIds) {
    const seq = paperSequence(tok, spec, id);
    let g = byLength.get(seq.length);
    if (!g) byLength.set(seq.length, (g = { ids: [], seqs: [] }));
    g.ids.push(id);
    g.seqs.push(seq);
  }
  return [...byLength.entries()]
    .sort(([a], [b]) => a - b)
    .map(([sequenceLength, g]) => {
      const inputIds = new BigInt64Array(g.seqs.length * sequenceLength);
      g.seqs.forEach((seq, r) => seq.forEach((x, j) => (inputIds[r * sequenceLength + j] = BigInt(x))));
      return { sequenceLength, tokenIds: Int32Array.from(g.ids), inputIds };
    });
}
