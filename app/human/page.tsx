import type { Metadata } from "next";
import type { PageProps } from "../lib/params";
import { HumanView } from "./HumanView";

export const metadata: Metadata = { title: "Human baseline" };

export default async function HumanPage({ searchParams }: PageProps) {
  return <HumanView searchParams={await searchParams} />;
}
