import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "./components/SiteHeader";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "reward-atlas", template: "%s · reward-atlas" },
  description: "What reward models value: every token of their vocabulary, scored and compared.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        {/* Past the header's dozen links in one key press (WCAG 2.4.1). */}
        <a href="#main" className="skip-link visually-hidden-focusable">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site">
          reward-atlas · scores compared by rank across models · demo models are generated from lexicons and labelled
        </footer>
      </body>
    </html>
  );
}
