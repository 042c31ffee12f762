// Boundary probe: does the template text around the answer merge with real answers?
//
// The two sentinels only prove the boundary is clean for two words. A template such as
// "The answer is{{ content }}" passes with "Sentinel" yet merges " is" + "a" for other answers,
// so the spliced ids would not be how the tokenizer (and the model in training) sees that text.
// We therefore re-tokenize `prefixText + decode([id]) + suffixText` for a spread of ordinary
// word tokens and require exactly `prefix + [id] + suffix`. On the real Llama 3.1 / Qwen3 /
// Gemma 3 templates every alphabetic token passes; glued templates fail for 4-25% of them.
import type { RewardTokenizer } from "./tokenizer";
import { computeFlags } from "./vocabulary";

export interface BoundaryProbeResult {
  probed: number;
  /** Probe tokens whose re-tokenized text differs from prefix + [id] + suffix. */
  merged: { tokenId: number; decoded: string }[];
}

interface Boundary {
  prefixText: string;
  suffixText: string;
  prefixIds: number[];
  suffixIds: number[];
  addSpecialTokens: boolean;
}

/**
 * Probes up to `count` alphabetic, non-special tokens spread evenly over the vocabulary (only
 * tokens whose decoded text re-tokenizes to themselves on their own, so a failure can only come
 * from the boundary).
 */
export function probeBoundary(tok: RewardTokenizer, b: Boundary, count: number): BoundaryProbeResult {
  const result: BoundaryProbeResult = { probed: 0, merged: [] };
  if (count <= 0) return result;
  const P = b.prefixIds.length;
  const L = P + 1 + b.suffixIds.length;
  const stride = Math.max(1, Math.floor(tok.vocabSize / (count * 2)));
  for (let start = 0; start < stride && result.probed < count; start++) {
    for (let id = start; id < tok.vocabSize && result.probed < count; id += stride) {
      if (tok.addedIds.has(id) || tok.specialIds.has(id)) continue;
      const decoded = tok.decode([id]);
      if (!computeFlags(tok.piece(id), decoded, false, false).alphabetic) continue;
      const alone = tok.encode(decoded, { addSpecialTokens: false });
      if (alone.length !== 1 || alone[0] !== id) continue;
      result.probed++;
      const seq = tok.encode(b.prefixText + decoded + b.suffixText, { addSpecialTokens: b.addSpecialTokens });
      let same = seq.length === L && seq[P] === id;
      for (let i = 0; same && i < P; i++) same = seq[i] === b.prefixIds[i];
      for (let i = 0; same && i < b.suffixIds.length; i++) same = seq[P + 1 + i] === b.suffixIds[i];
      if (!same) result.merged.push({ tokenId: id, decoded });
    }
  }
  return result;
}
