// The sweep's hot path: write `prefix + [id] + suffix` rows straight into an int64 tensor buffer,
// plus the exactness check the tests use.
import type { InputSpec } from "./inputs";
import type { RewardTokenizer } from "./tokenizer";

// One template row per spec (prefix, a 0 placeholder, suffix), built on first use.
const rowTemplates = new WeakMap<InputSpec, BigInt64Array>();

function rowTemplate(spec: InputSpec): BigInt64Array {
  let row = rowTemplates.get(spec);
  if (!row) {
    row = new BigInt64Array(spec.sequenceLength);
    spec.prefixIds.forEach((id, i) => (row![i] = BigInt(id)));
    spec.suffixIds.forEach((id, i) => (row![spec.prefixIds.length + 1 + i] = BigInt(id)));
    rowTemplates.set(spec, row);
  }
  return row;
}

const continuations = new WeakMap<InputSpec, InputSpec>();

/** The rows that follow a cached prefix: [id] + suffix (same spec object per input spec, so its
 * row template is built once). */
export function continuationSpec(spec: InputSpec): InputSpec {
  let rest = continuations.get(spec);
  if (!rest) {
    rest = { ...spec, prefixIds: [], sequenceLength: 1 + spec.suffixIds.length };
    continuations.set(spec, rest);
  }
  return rest;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Writes `count` rows (ids tokenIds[start .. start+count)) of length spec.sequenceLength into
 * `out`, row-major, and returns the filled view. No per-token allocation: each row is a memcpy of
 * the template row, and the id is written into the low 32-bit word of its int64 slot (ids are
 * non-negative and < 2^31, so the high word stays the template's 0).
 */
export function fillBatch(
  spec: InputSpec,
  tokenIds: ArrayLike<number>,
  start: number,
  count: number,
  out: BigInt64Array,
): BigInt64Array {
  const L = spec.sequenceLength;
  const P = spec.prefixIds.length;
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > tokenIds.length) {
    throw new RangeError(`fillBatch: rows [${start}, ${start + count}) are outside tokenIds (length ${tokenIds.length})`);
  }
  if (out.length < count * L) {
    throw new RangeError(`fillBatch: out holds ${out.length} values, ${count} rows x ${L} need ${count * L}`);
  }
  const row = rowTemplate(spec);
  const vocabSize = spec.vocabSize;
  const words = LITTLE_ENDIAN ? new Int32Array(out.buffer, out.byteOffset, count * L * 2) : null;
  for (let r = 0; r < count; r++) {
    const id = tokenIds[start + r];
    if (!(id >= 0 && id < vocabSize) || id !== Math.floor(id)) {
      throw new RangeError(`fillBatch: token id ${id} (row ${start + r}) is outside the vocabulary (size ${vocabSize})`);
    }
    const base = r * L;
    out.set(row, base);
    if (words) words[(base + P) * 2] = id;
    else out[base + P] = BigInt(id);
  }
  return out.subarray(0, count * L);
}

/** The naive splice, for audits and tests. */
export function spliceIds(spec: InputSpec, tokenId: number): number[] {
  return [...spec.prefixIds, tokenId, ...spec.suffixIds];
}

export interface SpliceMismatch {
  tokenId: number;
  expected: string;
  actual: string;
}

export interface SpliceExactnessReport {
  checked: number;
  mismatchCount: number;
  /** The first mismatches (at most `maxExamples`). */
  mismatches: SpliceMismatch[];
}

/**
 * For each id: decode(prefix + [id] + suffix) must equal the rendered template with the
 * sentinel's text replaced by decode([id]). (Not the template re-rendered with decode([id]) as
 * the answer: templates may trim or rewrite the answer, and id mode deliberately bypasses that.)
 */
export function spliceExactness(
  tok: RewardTokenizer,
  spec: InputSpec,
  tokenIds: Iterable<number>,
  maxExamples = 20,
): SpliceExactnessReport {
  const seq = spliceIds(spec, 0);
  const P = spec.prefixIds.length;
  const one = [0];
  const report: SpliceExactnessReport = { checked: 0, mismatchCount: 0, mismatches: [] };
  for (const id of tokenIds) {
    seq[P] = id;
    one[0] = id;
    const expected = spec.prefixText + tok.decode(one) + spec.suffixText;
    const actual = tok.decode(seq);
    report.checked++;
    if (actual !== expected) {
      report.mismatchCount++;
      if (report.mismatches.length < maxExamples) report.mismatches.push({ tokenId: id, expected, actual });
    }
  }
  return report;
}
