import Link from "next/link";
import { NavLinks } from "./NavLinks";

export function SiteHeader() {
  return (
    <header className="site">
      <Link href="/" className="brand">
        reward-atlas
      </Link>
      <NavLinks />
    </header>
  );
}
