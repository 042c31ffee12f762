import type { Metadata } from "next";
import type { PageProps } from "../lib/params";
import { FramingView } from "./FramingView";

export const metadata: Metadata = { title: "Framing" };

export default async function FramingPage({ searchParams }: PageProps) {
  return <FramingView searchParams={await searchParams} />;
}
