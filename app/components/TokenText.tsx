// The one way a token's text is shown. React escapes the text (never dangerouslySetInnerHTML);
// spaces at the edges and invisible/control/bidi characters are made visible (lib/tokenText.ts).
// `unicode-bidi: isolate` keeps a right-to-left token from reordering the text around it.
import { tokenParts } from "../lib/tokenText";

export function TokenText({ text, className }: { text: string | null | undefined; className?: string }) {
  if (text === null || text === undefined) return <span className="token token-missing">no text stored</span>;
  if (text.length === 0) return <span className="token token-missing">empty</span>;
  return (
    <bdi className={className ? `token ${className}` : "token"} dir="ltr">
      {tokenParts(text).map((part, i) =>
        part.kind === "text" ? (
          <span key={i}>{part.value}</span>
        ) : part.kind === "space" ? (
          <span key={i} className="ws" aria-label={part.count === 1 ? "space" : `${part.count} spaces`}>
            {"\u2423".repeat(part.count)}
          </span>
        ) : (
          <span key={i} className="ctl">
            {part.value}
          </span>
        ),
      )}
    </bdi>
  );
}
