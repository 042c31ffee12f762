import type { Metadata } from "next";
import { runQuery } from "@/server/graphql/runtime";
import { STATUS_QUERY, StatusView, type StatusData } from "./StatusView";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Status" };

export default async function StatusPage() {
  return <StatusView data={await runQuery<StatusData>(STATUS_QUERY)} />;
}
