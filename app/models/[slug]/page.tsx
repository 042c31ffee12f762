import type { Metadata } from "next";
import { Suspense } from "react";
import { ViewSkeleton } from "../../components/States";
import type { PageProps } from "../../lib/params";
import { findModelOr404, ModelView } from "./ModelView";

export async function generateMetadata({ params }: PageProps<{ slug: string }>): Promise<Metadata> {
  return { title: decodeURIComponent((await params).slug) };
}

// No loading.tsx here: its Suspense boundary would flush a 200 before the model is looked up.
// The lookup runs first (404 for an unknown slug); the view's heavier queries then stream.
export default async function ModelPage({ params, searchParams }: PageProps<{ slug: string }>) {
  const [{ slug }, search] = await Promise.all([params, searchParams]);
  const decoded = decodeURIComponent(slug);
  await findModelOr404(decoded);
  return (
    <Suspense fallback={<ViewSkeleton title="Model" blocks={[200, 420]} />}>
      <ModelView slug={decoded} searchParams={search} />
    </Suspense>
  );
}
