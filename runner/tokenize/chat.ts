// Chat template rendering with @huggingface/jinja, mirroring transformers' apply_chat_template
// (tokenize=False): the template sees `messages`, the special tokens from tokenizer_config and
// `add_generation_prompt` (false: we score a finished assistant turn, not a generation prompt).
import { Template } from "@huggingface/jinja";
import { InputConstructionError } from "./errors";
import { PY_STRING_FUNCTIONS, usePythonStringSemantics } from "./pystrings";
import type { RewardTokenizer } from "./tokenizer";

export interface ChatMessage {
  role: "system" | "user" | "assistant" | (string & {});
  content: string;
}

export interface RenderChatOptions {
  /** Default false. */
  addGenerationPrompt?: boolean;
  /** Extra template variables (e.g. enable_thinking); they override the tokenizer's values. */
  variables?: Record<string, unknown>;
}

// Parsing a template costs far more than rendering it; paper mode renders once per token id.
const parsed = new Map<string, Template>();

function compiled(source: string): Template {
  let t = parsed.get(source);
  if (!t) {
    t = new Template(source);
    usePythonStringSemantics(t.parsed); // strip/lstrip/rstrip/trim as Python does them (see pystrings.ts)
    if (parsed.size > 64) parsed.clear();
    parsed.set(source, t);
  }
  return t;
}

export function renderChat(tokenizer: RewardTokenizer, messages: ChatMessage[], opts: RenderChatOptions = {}): string {
  const source = tokenizer.chatTemplate;
  if (source === null) {
    throw new InputConstructionError(
      "no_chat_template",
      `tokenizer "${tokenizer.name}" has no chat template (no chat_template.jinja, no tokenizer_config.chat_template); ` +
        "the bundle must ship the template the reward model was trained with",
    );
  }
  try {
    return compiled(source).render({
      ...tokenizer.templateVariables(),
      ...PY_STRING_FUNCTIONS,
      messages,
      add_generation_prompt: opts.addGenerationPrompt ?? false,
      ...opts.variables,
    });
  } catch (err) {
    throw new InputConstructionError(
      "template_error",
      `chat template of tokenizer "${tokenizer.name}" failed to render: ${(err as Error).message}`,
      { cause: err },
    );
  }
}
