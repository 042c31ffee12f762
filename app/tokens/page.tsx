import type { Metadata } from "next";
import type { PageProps } from "../lib/params";
import { TokensView } from "./TokensView";

export const metadata: Metadata = { title: "Token explorer" };

export default async function TokensPage({ searchParams }: PageProps) {
  return <TokensView searchParams={await searchParams} />;
}
