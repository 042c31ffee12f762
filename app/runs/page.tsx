import type { Metadata } from "next";
import { connection } from "next/server";
import { query } from "../lib/data";
import { RUNS_QUERY, RunsView } from "./RunsView";

export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage() {
  await connection(); // live progress: never cached
  return <RunsView data={await query(RUNS_QUERY)} />;
}
