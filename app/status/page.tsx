import type { Metadata } from "next";
import { connection } from "next/server";
import { query } from "../lib/data";
import { STATUS_QUERY, StatusView } from "./StatusView";

export const metadata: Metadata = { title: "Status" };

export default async function StatusPage() {
  await connection(); // rendered per request: the database exists only at run time
  return <StatusView data={await query(STATUS_QUERY)} />;
}
