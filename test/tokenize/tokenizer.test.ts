// RewardTokenizer basics: vocabulary table, token flags, chat rendering with Python string semantics.
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderChat } from "../../runner/tokenize";
import { FIXTURE_TOKENIZER_DIRS } from "../../runner/tokenize/fixtures";
import { pyStrip } from "../../runner/tokenize/pystrings";
import { computeFlags } from "../../runner/tokenize/vocabulary";
import { FIXTURES, fixture } from "./fixtures";

describe("fixtures", () => {
  it.each(FIXTURES)("%s has tokenizer.json and tokenizer_config.json", (name) => {
    const dir = FIXTURE_TOKENIZER_DIRS[name];
    expect(existsSync(path.join(dir, "tokenizer.json"))).toBe(true);
    expect(existsSync(path.join(dir, "tokenizer_config.json"))).toBe(true);
  });
});

describe.each(FIXTURES)("vocabulary(): %s", (name) => {
  it("covers every id quickly and agrees with decode/piece/tokenFlags", async () => {
    const tok = await fixture(name);
    const t0 = performance.now();
    const vocab = tok.vocabulary();
    const ms = performance.now() - t0;
    console.log(`[vocabulary] ${name}: ${vocab.length} entries in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(5000);
    expect(vocab).toHaveLength(tok.vocabSize);
    for (const id of [0, 1, 1000, tok.vocabSize - 1, ...tok.specialIds]) {
      const e = vocab[id];
      expect(e.tokenId).toBe(id);
      expect(e.decoded).toBe(tok.decode([id]));
      expect(e.piece).toBe(tok.piece(id));
      expect(e.normalized).toBe(e.decoded.normalize("NFKC").trim().toLowerCase());
      expect(e.flags.special).toBe(true === tok.specialIds.has(id));
    }
    expect(vocab.filter((e) => e.flags.special).map((e) => e.tokenId)).toEqual([...tok.specialIds].sort((a, b) => a - b));
    expect(() => tok.piece(tok.vocabSize)).toThrow(RangeError);
    expect(tok.decode([])).toBe("");
  });
});

describe("token flags", () => {
  it("llama3: word-initial, special, whitespace and partial-UTF-8 tokens", async () => {
    const tok = await fixture("llama3_1");
    expect(tok.tokenFlags(tok.idOf("Ġthe")!)).toEqual({
      special: false, added: false, unreadable: false, whitespaceOnly: false, startsWithSpace: true, alphabetic: true,
    });
    expect(tok.tokenFlags(tok.idOf("<|eot_id|>")!)).toMatchObject({ special: true, added: true, alphabetic: false });
    expect(tok.tokenFlags(tok.idOf("ĊĊ")!)).toMatchObject({ whitespaceOnly: true, unreadable: false });
    // "âĢ" is the first two bytes of a three-byte character ("—", "…"): decodes to U+FFFD alone.
    const partial = tok.idOf("âĢ")!;
    expect(tok.decode([partial])).toContain("\uFFFD");
    expect(tok.tokenFlags(partial).unreadable).toBe(true);
  });

  it("gemma3: byte-fallback pieces are unreadable even when they decode to text", async () => {
    const tok = await fixture("gemma3");
    const newline = tok.idOf("<0x0A>")!;
    expect(tok.decode([newline])).toBe("\n");
    expect(tok.tokenFlags(newline)).toMatchObject({ unreadable: true, whitespaceOnly: true });
    expect(tok.tokenFlags(tok.idOf("<0xE2>")!).unreadable).toBe(true);
    expect(tok.tokenFlags(tok.idOf("▁the")!)).toMatchObject({ startsWithSpace: true, alphabetic: true, unreadable: false });
    expect(tok.tokenFlags(tok.idOf("<unused0>")!)).toMatchObject({ special: false, added: true });
  });

  it("qwen3: <think> is added but not special; digits are not alphabetic", async () => {
    const tok = await fixture("qwen3");
    expect(tok.tokenFlags(tok.idOf("<think>")!)).toMatchObject({ special: false, added: true });
    expect(tok.tokenFlags(tok.idOf("<|im_end|>")!)).toMatchObject({ special: true });
    expect(tok.tokenFlags(tok.idOf("1")!).alphabetic).toBe(false);
  });

  it("alphabetic = a letter then letters or combining marks, after trimming", () => {
    const alpha = (s: string) => computeFlags(s, s, false, false).alphabetic;
    expect(alpha(" Hello ")).toBe(true);
    expect(alpha("नमस्ते")).toBe(true); // vowel signs and virama are \p{M}
    expect(alpha("\u0301")).toBe(false); // a lone combining mark
    expect(alpha("don't")).toBe(false);
    expect(alpha("   ")).toBe(false);
  });
});

describe("renderChat", () => {
  it("follows Python's strip semantics (lstrip('\\n') keeps spaces; trim removes U+001C, keeps U+FEFF)", async () => {
    expect(pyStrip("\n\n the\n", "\n", "left")).toBe(" the\n");
    expect(pyStrip("\u001c x \ufeff", null, "both")).toBe("x \ufeff");
    expect(pyStrip("xxhixx", "x", "right")).toBe("xxhi");
    expect(pyStrip("𝒳a𝒳", "𝒳", "both")).toBe("a");
    const qwen = await fixture("qwen3");
    const rendered = renderChat(qwen, [
      { role: "user", content: "hi" },
      { role: "assistant", content: "\n\n the" },
    ]);
    expect(rendered.endsWith("<think>\n\n</think>\n\n the<|im_end|>\n")).toBe(true);
    const llama = await fixture("llama3_1");
    const trimmed = renderChat(llama, [
      { role: "user", content: "hi" },
      { role: "assistant", content: "\u001c\ufeffx " },
    ]);
    expect(trimmed.endsWith("<|end_header_id|>\n\n\ufeffx<|eot_id|>")).toBe(true);
  });

  it("passes special tokens and add_generation_prompt", async () => {
    const gemma = await fixture("gemma3");
    const prompt = renderChat(gemma, [{ role: "user", content: "hi" }], { addGenerationPrompt: true });
    expect(prompt).toBe("<bos><start_of_turn>user\nhi<end_of_turn>\n<start_of_turn>model\n");
  });
});
