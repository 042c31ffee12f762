import type { Metadata } from "next";
import type { PageProps } from "../../lib/params";
import { PromptsIndexView } from "./PromptsIndexView";

export const metadata: Metadata = { title: "Prompts" };

export default async function PromptsPage({ searchParams }: PageProps) {
  await searchParams; // request-time: rendered per request (cached data in public mode)
  return <PromptsIndexView />;
}
