import { runQuery } from "@/server/graphql/runtime";
import { STATUS_QUERY, StatusView, type StatusData } from "./status/StatusView";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  return <StatusView data={await runQuery<StatusData>(STATUS_QUERY)} />;
}
