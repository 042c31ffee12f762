"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

export const NAV_LINKS = [
  { href: "/", label: "Overview" },
  { href: "/prompts", label: "Prompts" },
  { href: "/tokens", label: "Tokens" },
  { href: "/heterogeneity", label: "Heterogeneity" },
  { href: "/asymmetry", label: "Asymmetry" },
  { href: "/framing", label: "Framing" },
  { href: "/frequency", label: "Frequency" },
  { href: "/identity", label: "Identity" },
  { href: "/human", label: "Human baseline" },
  { href: "/runs", label: "Runs" },
  { href: "/status", label: "Status" },
];

export function NavLinks() {
  const pathname = usePathname() ?? "/";
  const current = (href: string) =>
    href === "/" ? pathname === "/" || pathname.startsWith("/models") : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <nav aria-label="Main">
      {NAV_LINKS.map((link) => (
        <Link key={link.href} href={link.href} aria-current={current(link.href) ? "page" : undefined}>
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
