// Id-mode input construction on the three real tokenizers, over their ENTIRE vocabularies.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildInputSpec, fillBatch, spliceExactness, spliceIds, type IdInputSpec } from "../../runner/tokenize";
import { EXPECTED, FIXTURES, GREATEST, fixture } from "./fixtures";

describe.each(FIXTURES)("id-mode inputs: %s", (name) => {
  const expected = EXPECTED[name];

  it("identifies the tokenizer", async () => {
    const tok = await fixture(name);
    expect(tok.family).toBe(expected.family);
    expect(tok.vocabSize).toBe(expected.vocabSize);
    const bytes = readFileSync(path.join(tok.dir, "tokenizer.json"));
    expect(tok.fingerprint).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(tok.chatTemplateFingerprint).toBe(createHash("sha256").update(tok.chatTemplate!).digest("hex"));
    expect(tok.bosId).toBe(expected.bos === null ? undefined : tok.idOf(expected.bos));
  });

  it("renders the template and finds a fixed prefix/suffix", async () => {
    const tok = await fixture(name);
    const spec = buildInputSpec(tok, { prompt: GREATEST });
    expect(spec.mode).toBe("id");
    expect(spec.renderedText).toBe(expected.rendered);
    expect(spec.verifiedSentinels).toHaveLength(2);
    expect(spec.boundaryProbed).toBe(256);
    expect(spec.renderedText).toBe(spec.prefixText + spec.sentinel + spec.suffixText);
    // The rendered text tokenizes to exactly prefix + sentinel tokens + suffix.
    const sentinelIds = tok.encode(spec.sentinel, { addSpecialTokens: false });
    expect(tok.encode(spec.renderedText, { addSpecialTokens: spec.addSpecialTokens })).toEqual([
      ...spec.prefixIds,
      ...sentinelIds,
      ...spec.suffixIds,
    ]);
    expect(spec.sequenceLength).toBe(spec.prefixIds.length + 1 + spec.suffixIds.length);
    // The suffix closes the assistant turn.
    expect(spec.suffixIds).toContain(tok.idOf(expected.endOfTurn));
    // A different prompt changes the prefix but not the suffix.
    const worst = buildInputSpec(tok, { prompt: "What, in one word, is the worst thing ever?" });
    expect(worst.prefixIds).not.toEqual(spec.prefixIds);
    expect(worst.suffixIds).toEqual(spec.suffixIds);
  });

  it("BOS appears exactly once, first, in every sequence (except when the candidate is BOS itself)", async () => {
    const tok = await fixture(name);
    const spec = buildInputSpec(tok, { prompt: GREATEST });
    if (expected.bos === null) {
      expect(spec.bosId).toBeNull();
      expect(spec.bosCount).toBe(0);
      return;
    }
    const bos = tok.idOf(expected.bos)!;
    expect(spec.prefixIds[0]).toBe(bos);
    expect(spec.bosCount).toBe(1);
    expect([...spec.prefixIds.slice(1), ...spec.suffixIds]).not.toContain(bos);
    // Two BOS in the text is the paper's bug; the template renders one, so none may be added.
    expect(spec.addSpecialTokens).toBe(false);
  });

  it("decode(prefix + [id] + suffix) equals the rendered text with decode([id]) in the sentinel's place, for every id", async () => {
    const tok = await fixture(name);
    const spec = buildInputSpec(tok, { prompt: GREATEST });
    const seq = spliceIds(spec, 0);
    const P = spec.prefixIds.length;
    const bad: number[] = [];
    for (let id = 0; id < tok.vocabSize; id++) {
      seq[P] = id;
      const answer = tok.decode([id]);
      const want = spec.renderedText.replace(spec.sentinel, () => answer);
      if (tok.decode(seq) !== want) bad.push(id);
    }
    expect(bad).toEqual([]);
    // The library helper agrees, and it can fail: corrupt the suffix and it reports mismatches.
    const sample = Array.from({ length: 500 }, (_, i) => i * 97);
    expect(spliceExactness(tok, spec, sample).mismatchCount).toBe(0);
    const corrupted: IdInputSpec = { ...spec, suffixText: spec.suffixText + "x" };
    expect(spliceExactness(tok, corrupted, sample).mismatchCount).toBe(sample.length);
  });

  it("fillBatch writes the naive concatenation for the whole vocabulary", async () => {
    const tok = await fixture(name);
    const spec = buildInputSpec(tok, { prompt: GREATEST });
    const L = spec.sequenceLength;
    const ids = Int32Array.from({ length: tok.vocabSize }, (_, i) => tok.vocabSize - 1 - i); // reversed order
    const B = 8192;
    const out = new BigInt64Array(B * L);
    let mismatched = 0;
    for (let start = 0; start < ids.length; start += B) {
      const count = Math.min(B, ids.length - start);
      const rows = fillBatch(spec, ids, start, count, out);
      expect(rows.length).toBe(count * L);
      for (let r = 0; r < count; r++) {
        const naive = spliceIds(spec, ids[start + r]);
        for (let j = 0; j < L; j++) if (rows[r * L + j] !== BigInt(naive[j])) mismatched++;
      }
    }
    expect(mismatched).toBe(0);
  });
});

describe("fillBatch edge cases", () => {
  it("honours start/count, accepts number[], rejects bad ids and short buffers", async () => {
    const tok = await fixture("llama3_1");
    const spec = buildInputSpec(tok, { prompt: GREATEST });
    const L = spec.sequenceLength;
    const ids = [5, 128255, 0, 42, 42];
    const out = new BigInt64Array(10 * L).fill(-1n);
    const rows = fillBatch(spec, ids, 1, 3, out);
    expect(Array.from(rows, Number)).toEqual([...spliceIds(spec, 128255), ...spliceIds(spec, 0), ...spliceIds(spec, 42)]);
    expect(out[3 * L]).toBe(-1n); // nothing written past the batch
    expect(() => fillBatch(spec, [128256], 0, 1, out)).toThrow(RangeError);
    expect(() => fillBatch(spec, [-1], 0, 1, out)).toThrow(RangeError);
    expect(() => fillBatch(spec, [1.5], 0, 1, out)).toThrow(RangeError);
    expect(() => fillBatch(spec, ids, 3, 3, out)).toThrow(RangeError);
    expect(() => fillBatch(spec, ids, 0, 2, new BigInt64Array(L))).toThrow(RangeError);
  });
});
