import Link from "next/link";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/status", label: "Status" },
];

export function SiteHeader() {
  return (
    <header className="site">
      <Link href="/" className="brand">
        reward-atlas
      </Link>
      <nav aria-label="Main">
        {LINKS.map((link) => (
          <Link key={link.href} href={link.href}>
            {link.label}
          </Link>
        ))}
      </nav>
    </header>
  );
}
