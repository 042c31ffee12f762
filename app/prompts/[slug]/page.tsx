import type { Metadata } from "next";
import { Suspense } from "react";
import { ViewSkeleton } from "../../components/States";
import type { PageProps } from "../../lib/params";
import { findPromptOr404, PromptView } from "./PromptView";

export async function generateMetadata({ params }: PageProps<{ slug: string }>): Promise<Metadata> {
  return { title: `Prompt: ${decodeURIComponent((await params).slug)}` };
}

// No loading.tsx here: its Suspense boundary would flush a 200 before the prompt is looked up.
// The lookup runs first (404 for an unknown slug); the rankings then stream.
export default async function PromptPage({ params, searchParams }: PageProps<{ slug: string }>) {
  const [{ slug }, search] = await Promise.all([params, searchParams]);
  const decoded = decodeURIComponent(slug);
  await findPromptOr404(decoded);
  return (
    <Suspense fallback={<ViewSkeleton title="Prompt" blocks={[300]} />}>
      <PromptView slug={decoded} searchParams={search} />
    </Suspense>
  );
}
