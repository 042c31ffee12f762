import type { Metadata } from "next";
import type { PageProps } from "../../lib/params";
import { PromptView } from "./PromptView";

export async function generateMetadata({ params }: PageProps<{ slug: string }>): Promise<Metadata> {
  return { title: `Prompt: ${decodeURIComponent((await params).slug)}` };
}

export default async function PromptPage({ params, searchParams }: PageProps<{ slug: string }>) {
  const [{ slug }, search] = await Promise.all([params, searchParams]);
  return <PromptView slug={decodeURIComponent(slug)} searchParams={search} />;
}
