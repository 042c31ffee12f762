// Input construction must fail loudly, with a code and a message naming the tokenizer and problem.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  assertTokenizerMatchesModel,
  buildInputSpec,
  InputConstructionError,
  loadTokenizer,
  renderChat,
  TokenizerMismatchError,
  type RewardTokenizer,
} from "../../runner/tokenize";
import { TokenizeError } from "../../runner/tokenize/errors";
import { FIXTURE_TOKENIZER_DIRS } from "../../runner/tokenize/fixtures";
import { GREATEST, fixture } from "./fixtures";

/** A Llama-3-style template whose assistant answer is rendered by `answer` (Jinja). */
const llamaTemplate = (answer: string, start = "{{ bos_token }}") =>
  `${start}{% for m in messages %}<|start_header_id|>{{ m.role }}<|end_header_id|>\n\n` +
  `{% if m.role == 'assistant' %}${answer}{% else %}{{ m.content }}{% endif %}<|eot_id|>{% endfor %}`;

function constructionError(tok: RewardTokenizer, template: string, sentinels?: string[]): InputConstructionError {
  try {
    buildInputSpec(tok.withChatTemplate(template, "llama-custom"), { prompt: GREATEST, sentinels });
  } catch (err) {
    expect(err).toBeInstanceOf(InputConstructionError);
    return err as InputConstructionError;
  }
  throw new Error("expected an InputConstructionError");
}

describe("InputConstructionError", () => {
  it("accepts the well-behaved template (control)", async () => {
    const tok = await fixture("llama3_1");
    const spec = buildInputSpec(tok.withChatTemplate(llamaTemplate("{{ m.content }}")), { prompt: GREATEST });
    expect(spec.prefixIds).toEqual(buildInputSpec(tok, { prompt: GREATEST }).prefixIds);
  });

  it.each([
    ["drops the answer", "", "sentinel_not_found", /drops or alters the assistant answer/],
    ["rewrites the answer", "{{ m.content | upper }}", "sentinel_not_found", /drops or alters/],
    ["repeats the answer", "{{ m.content }} / {{ m.content }}", "sentinel_repeated", /repeats the assistant answer/],
    // The sentinels themselves survive these two; the boundary probe over real vocabulary words does not.
    ["glues text before the answer", "The answer is{{ m.content }}", "boundary_merge", /probed word tokens re-tokenize differently/],
    ["glues text after the answer", "{{ m.content }}ness", "boundary_merge", /probed word tokens re-tokenize differently/],
    ["puts a space before the answer", "Answer: {{ m.content }}", "boundary_merge", /merges the answer with the template text/],
  ])("detects a template that %s", async (_what, answer, code, message) => {
    const tok = await fixture("llama3_1");
    const err = constructionError(tok, llamaTemplate(answer));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect(err.message).toContain('tokenizer "llama-custom" (family llama3)');
  });

  it("lets the boundary probe be switched off (sentinel checks only)", async () => {
    const tok = await fixture("llama3_1");
    const glued = tok.withChatTemplate(llamaTemplate("The answer is{{ m.content }}"));
    const spec = buildInputSpec(glued, { prompt: GREATEST, boundaryProbes: 0 });
    expect(spec.prefixText.endsWith("The answer is")).toBe(true);
  });

  it("detects template tokens that change with the answer", async () => {
    const tok = await fixture("llama3_1");
    const template = llamaTemplate("{% if m.content | length > 8 %}(long)\n{% endif %}{{ m.content }}");
    const err = constructionError(tok, template, ["Sentinel", "Placeholder"]);
    expect(err.code).toBe("boundary_merge");
    expect(err.message).toMatch(/change with the answer/);
  });

  it("refuses a duplicated BOS and a BOS that is not first", async () => {
    const tok = await fixture("llama3_1");
    const twice = constructionError(tok, llamaTemplate("{{ m.content }}", "{{ bos_token }}{{ bos_token }}"));
    expect(twice.code).toBe("duplicate_bos");
    expect(twice.message).toMatch(/BOS \(<\|begin_of_text\|>, id 128000\) would appear 2 times/);
    const late = constructionError(tok, llamaTemplate("{{ m.content }}", "Hi{{ bos_token }}"));
    expect(late.code).toBe("bos_not_first");
  });

  it("adds BOS with the tokenizer when the template does not render it", async () => {
    const tok = await fixture("llama3_1");
    const spec = buildInputSpec(tok.withChatTemplate(llamaTemplate("{{ m.content }}", "")), { prompt: GREATEST });
    expect(spec.addSpecialTokens).toBe(true);
    expect(spec.prefixIds).toEqual(buildInputSpec(tok, { prompt: GREATEST }).prefixIds);
  });

  it("wraps template exceptions", async () => {
    const tok = await fixture("qwen3");
    const err = constructionError(tok, "{{ raise_exception('roles must alternate') }}");
    expect(err.code).toBe("template_error");
    expect(err.message).toMatch(/roles must alternate/);
  });
});

describe("bundle loading", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  function bundle(config: (c: Record<string, unknown>) => void, jinja?: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), "ra-tok-"));
    dirs.push(dir);
    const src = FIXTURE_TOKENIZER_DIRS.llama3_1;
    cpSync(path.join(src, "tokenizer.json"), path.join(dir, "tokenizer.json"));
    const c = JSON.parse(readFileSync(path.join(src, "tokenizer_config.json"), "utf8"));
    config(c);
    writeFileSync(path.join(dir, "tokenizer_config.json"), JSON.stringify(c));
    if (jinja !== undefined) writeFileSync(path.join(dir, "chat_template.jinja"), jinja);
    return dir;
  }

  it("reads AddedToken objects and prefers chat_template.jinja", async () => {
    const jinja = llamaTemplate("{{ m.content }}");
    const dir = bundle((c) => {
      c.bos_token = { __type: "AddedToken", content: "<|begin_of_text|>", lstrip: false, rstrip: false };
    }, jinja);
    const tok = await loadTokenizer(dir);
    expect(tok.chatTemplate).toBe(jinja);
    expect(tok.bosId).toBe(128000);
    expect(renderChat(tok, [{ role: "user", content: "hi" }]).startsWith("<|begin_of_text|><|start_header_id|>user")).toBe(true);
  });

  it("reports a bundle without chat template", async () => {
    const dir = bundle((c) => delete c.chat_template);
    const tok = await loadTokenizer(dir, { name: "no-template" });
    expect(tok.chatTemplate).toBeNull();
    expect(() => buildInputSpec(tok, { prompt: GREATEST })).toThrow(/tokenizer "no-template" has no chat template/);
  });
});

describe("assertTokenizerMatchesModel", () => {
  function mismatch(fn: () => unknown): TokenizerMismatchError {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(TokenizerMismatchError);
      return err as TokenizerMismatchError;
    }
    throw new Error("expected a TokenizerMismatchError");
  }

  it("names a tokenizer from another family", async () => {
    const qwen = await fixture("qwen3");
    const llama = await fixture("llama3_1");
    const bySize = mismatch(() => assertTokenizerMatchesModel(qwen, { vocabSize: 128256, name: "Skywork-Reward-Llama-3.1-8B" }));
    expect(bySize.code).toBe("family_mismatch");
    expect(bySize.message).toMatch(/tokenizer from another family/);
    expect(bySize.message).toMatch(/looks like qwen3, 151669 ids/);
    expect(bySize.message).toMatch(/128256 embedding rows, the size of a llama3 model/);
    const declared = mismatch(() => assertTokenizerMatchesModel(llama, { vocabSize: 151936, family: "qwen3" }));
    expect(declared.code).toBe("family_mismatch");
    expect(declared.message).toMatch(/looks like llama3.*is qwen3/);
  });

  it("accepts padded embeddings and reports ids the model cannot embed", async () => {
    expect(assertTokenizerMatchesModel(await fixture("llama3_1"), { vocabSize: 128256, family: "llama3" })).toEqual({
      sweepVocabSize: 128256,
      unembeddableIds: [],
      paddingRows: 0,
    });
    expect(assertTokenizerMatchesModel(await fixture("qwen3"), { vocabSize: 151936 }).paddingRows).toBe(267);
    const gemma = await fixture("gemma3");
    expect(assertTokenizerMatchesModel(gemma, { vocabSize: 262144 })).toEqual({
      sweepVocabSize: 262144,
      unembeddableIds: [262144], // <image_soft_token>, absent from Gemma 3 1B
      paddingRows: 0,
    });
    expect(assertTokenizerMatchesModel(gemma, { vocabSize: 262208 }).paddingRows).toBe(63);
  });

  it("rejects unknown sizes that do not fit, and fingerprint changes", async () => {
    const llama = await fixture("llama3_1");
    expect(mismatch(() => assertTokenizerMatchesModel(llama, { vocabSize: 100000 })).code).toBe("vocab_size_mismatch");
    const big = mismatch(() => assertTokenizerMatchesModel(llama, { vocabSize: 200000 }));
    expect(big.code).toBe("vocab_size_mismatch");
    expect(big.message).toMatch(/71744 more than the tokenizer has ids/);
    const fp = mismatch(() => assertTokenizerMatchesModel(llama, { vocabSize: 128256, fingerprint: "0".repeat(64) }));
    expect(fp.code).toBe("fingerprint_mismatch");
    expect(assertTokenizerMatchesModel(llama, { vocabSize: 128256, fingerprint: llama.fingerprint }).sweepVocabSize).toBe(128256);
  });
  it("names a missing, truncated or non-object tokenizer file as a TokenizeError", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ra-tok-files-"));
    await expect(loadTokenizer(path.join(dir, "absent"))).rejects.toThrow(/absent\/tokenizer\.json: missing/);
    const full = readFileSync(path.join(FIXTURE_TOKENIZER_DIRS.llama3_1, "tokenizer.json"));
    const config = readFileSync(path.join(FIXTURE_TOKENIZER_DIRS.llama3_1, "tokenizer_config.json"));
    const cases: [Buffer | string, Buffer | string, RegExp][] = [
      [full.subarray(0, 1000), config, /tokenizer\.json: not valid JSON/],
      ["{}", config, /tokenizer\.json: not a Hugging Face tokenizer/],
      [full, "null", /tokenizer_config\.json: must be a JSON object/],
    ];
    for (const [tokenizer, tokenizerConfig, message] of cases) {
      writeFileSync(path.join(dir, "tokenizer.json"), tokenizer);
      writeFileSync(path.join(dir, "tokenizer_config.json"), tokenizerConfig);
      const error = await loadTokenizer(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenizeError);
      expect((error as Error).message).toMatch(message);
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
