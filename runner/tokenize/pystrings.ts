// Python string semantics for strip/lstrip/rstrip and the `trim` filter in chat templates.
//
// Why: @huggingface/jinja 0.5 implements `s.strip(chars)` / `lstrip` / `rstrip` as JS
// trim()/trimStart()/trimEnd(), ignoring `chars`, and `| trim` as JS trim(), whose whitespace set
// differs from Python's str.strip(). Reward models were trained with Python jinja2 renderings, so
// paper mode must match them: Qwen3's template does `content.lstrip('\n')`, which the JS version
// turns into a full whitespace strip (" the" -> "the" for ~54k Qwen3 tokens), and Llama/Gemma's
// `| trim` differs on U+001C..U+001F, U+0085 (Python strips) and U+FEFF (JS strips).
// We rewrite those calls in the parsed template into calls to the functions below.

/** Characters for which Python's str.isspace() is true (what str.strip() with no argument removes). */
const PY_WHITESPACE = new Set(
  [
    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
    0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
    0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
  ].map((c) => String.fromCodePoint(c)),
);

type Side = "both" | "left" | "right";

export function pyStrip(value: unknown, chars: unknown, side: Side): string {
  if (typeof value !== "string") throw new Error(`strip()/trim on a non-string (${typeof value})`);
  const strip: ReadonlySet<string> = typeof chars === "string" ? new Set(Array.from(chars)) : PY_WHITESPACE;
  const cps = Array.from(value); // code points, as Python indexes strings
  let start = 0;
  let end = cps.length;
  if (side !== "right") while (start < end && strip.has(cps[start])) start++;
  if (side !== "left") while (end > start && strip.has(cps[end - 1])) end--;
  return start === 0 && end === cps.length ? value : cps.slice(start, end).join("");
}

/** Template variables providing the replacements; merged into every render context. */
export const PY_STRING_FUNCTIONS: Record<string, (...args: unknown[]) => string> = {
  __ra_py_strip: (s, chars) => pyStrip(s, chars, "both"),
  __ra_py_lstrip: (s, chars) => pyStrip(s, chars, "left"),
  __ra_py_rstrip: (s, chars) => pyStrip(s, chars, "right"),
};

const METHOD_TO_FUNCTION: Record<string, string> = {
  strip: "__ra_py_strip",
  lstrip: "__ra_py_lstrip",
  rstrip: "__ra_py_rstrip",
};

type Node = { type?: string; [key: string]: unknown };
const isNode = (x: unknown): x is Node => typeof x === "object" && x !== null;
const identifier = (value: string): Node => ({ type: "Identifier", value });

/**
 * Rewrites, in place, `x.strip(c)` / `x.lstrip(c)` / `x.rstrip(c)` and `x | trim` / `x | trim(c)`
 * into calls of PY_STRING_FUNCTIONS. The interpreter dispatches on `node.type`, so rewritten
 * nodes are plain objects. Returns how many sites were rewritten.
 */
export function usePythonStringSemantics(program: unknown): number {
  let rewritten = 0;
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (!isNode(node) || seen.has(node)) return;
    seen.add(node);
    for (const child of Object.values(node)) {
      if (Array.isArray(child)) child.forEach(visit);
      else if (child instanceof Map) child.forEach((v, k) => (visit(k), visit(v)));
      else visit(child);
    }
    if (node.type === "CallExpression" && isNode(node.callee) && node.callee.type === "MemberExpression") {
      const member = node.callee;
      const prop = member.property as Node;
      const fn = !member.computed && prop?.type === "Identifier" ? METHOD_TO_FUNCTION[prop.value as string] : undefined;
      if (fn) {
        node.args = [member.object, ...(node.args as unknown[])];
        node.callee = identifier(fn);
        rewritten++;
      }
    } else if (node.type === "FilterExpression" && isNode(node.filter)) {
      const filter = node.filter;
      const plain = filter.type === "Identifier" && filter.value === "trim";
      const called =
        filter.type === "CallExpression" && isNode(filter.callee) && filter.callee.type === "Identifier" && filter.callee.value === "trim";
      if (plain || called) {
        const extra = called ? (filter.args as unknown[]) : [];
        const operand = node.operand;
        delete node.operand;
        delete node.filter;
        Object.assign(node, { type: "CallExpression", callee: identifier("__ra_py_strip"), args: [operand, ...extra] });
        rewritten++;
      }
    }
  };
  visit(program);
  return rewritten;
}
