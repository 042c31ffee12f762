"use client";
// A section heading that a choice sends the reader to (a group chosen in a table or chart, whose
// link ends in #id). The links navigate with scroll={false}, so the page does not jump to the top
// first; this heading then scrolls into view and takes focus once the chosen section has rendered,
// so keyboard and screen-reader users land on what they chose. A filter change (no #id in its
// URL) leaves scroll and focus where they are.
import { useEffect, useRef, type ReactNode } from "react";

export function HashTargetHeading({ id, chosen, children }: { id: string; chosen: string | undefined; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const heading = ref.current;
    if (!heading || !chosen || window.location.hash !== `#${id}`) return;
    heading.scrollIntoView({ block: "start" });
    heading.focus({ preventScroll: true });
  }, [id, chosen]);
  return (
    <h2 id={id} ref={ref} tabIndex={-1}>
      {children}
    </h2>
  );
}
