import type { Metadata } from "next";
import type { PageProps } from "../lib/params";
import { HeterogeneityView } from "./HeterogeneityView";

export const metadata: Metadata = { title: "Heterogeneity" };

export default async function HeterogeneityPage({ searchParams }: PageProps) {
  return <HeterogeneityView searchParams={await searchParams} />;
}
