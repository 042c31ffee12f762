// A wrapper that scrolls sideways on a narrow screen (a wide table). It is a named tab stop, so
// the keyboard can scroll it too (WCAG 2.1.1; axe's scrollable-region-focusable).
import type { ReactNode } from "react";

export function ScrollRegion({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={className ? `table-wrap ${className}` : "table-wrap"} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
