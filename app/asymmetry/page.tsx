import type { Metadata } from "next";
import type { PageProps } from "../lib/params";
import { AsymmetryView } from "./AsymmetryView";

export const metadata: Metadata = { title: "Valence asymmetry" };

export default async function AsymmetryPage({ searchParams }: PageProps) {
  return <AsymmetryView searchParams={await searchParams} />;
}
