import type { Metadata } from "next";
import type { PageProps } from "../lib/params";
import { IdentityView } from "./IdentityView";

export const metadata: Metadata = { title: "Identity groups" };

export default async function IdentityPage({ searchParams }: PageProps) {
  return <IdentityView searchParams={await searchParams} />;
}
