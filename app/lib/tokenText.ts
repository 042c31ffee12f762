// Token text is hostile data: vocabularies hold markup, <script> tags, control characters, lone
// surrogates, bidi overrides and whitespace-only pieces. Everything that shows a token goes
// through here: <TokenText> for the DOM (React escapes the text), tokenLabel + escapeHtml for
// chart tooltips (ECharts renders tooltip strings as HTML).

export type TokenPart =
  | { kind: "text"; value: string }
  /** A space made visible (␣); `count` consecutive spaces. */
  | { kind: "space"; count: number }
  /** An invisible or control character written as an escape (\n, \t, \u202E, ...). */
  | { kind: "escape"; value: string };

const NAMED: Record<string, string> = { "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0", "\f": "\\f", "\v": "\\v", "\b": "\\b" };

// Controls (Cc), format characters incl. bidi controls and zero-width ones (Cf), line/paragraph
// separators, every space other than U+0020, unassigned/private-use is left alone (shown as tofu),
// lone surrogates (only reachable in JS strings).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000\u115F\u1160\u3164\uFFA0\u034F\u17B4\u17B5\u180B-\u180F\uFE00-\uFE0F\u{E0100}-\u{E01EF}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;
const COMBINING_START = /^\p{M}/u;

function escapeFor(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.codePointAt(0) ?? 0;
  return code > 0xffff ? `\\u{${code.toString(16).toUpperCase()}}` : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Split a token into plain text, visible spaces and escapes. Leading and trailing spaces, and
 * runs of two or more, are shown as ␣; a single inner space stays a space. */
export function tokenParts(text: string): TokenPart[] {
  const parts: TokenPart[] = [];
  if (text.length === 0) return parts;
  const pushText = (value: string) => {
    if (!value) return;
    const last = parts[parts.length - 1];
    if (last?.kind === "text") last.value += value;
    else parts.push({ kind: "text", value });
  };
  // A leading combining mark would attach to whatever precedes the token: give it a dotted circle.
  if (COMBINING_START.test(text)) pushText("\u25CC");
  let index = 0;
  for (const match of text.matchAll(INVISIBLE)) {
    pushSpaces(text.slice(index, match.index), index === 0, false, parts, pushText);
    parts.push({ kind: "escape", value: escapeFor(match[0]) });
    index = match.index + match[0].length;
  }
  pushSpaces(text.slice(index), index === 0, true, parts, pushText);
  return parts;
}

function pushSpaces(segment: string, atStart: boolean, atEnd: boolean, parts: TokenPart[], pushText: (value: string) => void) {
  if (!segment) return;
  const re = / +/g;
  let index = 0;
  for (const match of segment.matchAll(re)) {
    const start = match.index;
    const end = start + match[0].length;
    pushText(segment.slice(index, start));
    const leading = atStart && start === 0;
    const trailing = atEnd && end === segment.length;
    if (leading || trailing || match[0].length > 1) parts.push({ kind: "space", count: match[0].length });
    else pushText(" ");
    index = end;
  }
  pushText(segment.slice(index));
}

/** The same rendering as plain text (for tooltips, titles, CSV previews). */
export function tokenLabel(text: string | null | undefined): string {
  if (text === null || text === undefined) return "(no text stored)";
  if (text.length === 0) return "(empty)";
  return tokenParts(text)
    .map((part) => (part.kind === "space" ? "\u2423".repeat(part.count) : part.value))
    .join("");
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** For strings that end up in HTML (ECharts tooltips): every markup character escaped. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** What the one-line search box shows for a query. An <input> silently drops line breaks, so a
 * query holding one would show as a blank box: it is shown as its visible label (\n) instead. */
export function searchBoxText(query: string): string {
  return /[\r\n]/.test(query) ? tokenLabel(query) : query;
}
