import type { Metadata } from "next";
import type { PageProps } from "../lib/params";
import { FrequencyView } from "./FrequencyView";

export const metadata: Metadata = { title: "Frequency bias" };

export default async function FrequencyPage({ searchParams }: PageProps) {
  return <FrequencyView searchParams={await searchParams} />;
}
