import type { Metadata } from "next";
import type { PageProps } from "../../lib/params";
import { ModelView } from "./ModelView";

export async function generateMetadata({ params }: PageProps<{ slug: string }>): Promise<Metadata> {
  return { title: decodeURIComponent((await params).slug) };
}

export default async function ModelPage({ params, searchParams }: PageProps<{ slug: string }>) {
  const [{ slug }, search] = await Promise.all([params, searchParams]);
  return <ModelView slug={decodeURIComponent(slug)} searchParams={search} />;
}
