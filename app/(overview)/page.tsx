import type { PageProps } from "../lib/params";
import { OverviewView } from "./OverviewView";

export default async function HomePage({ searchParams }: PageProps) {
  return <OverviewView searchParams={await searchParams} />;
}
