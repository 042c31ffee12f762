// A sortable column header: a real link (keyboard and no-JS friendly) that sets ?sort=&dir= and
// reports the current order with aria-sort.
import Link from "next/link";
import { queryString } from "../lib/params";

export function SortHeader({
  label,
  column,
  sort,
  dir,
  path,
  keep = {},
  numeric = false,
  title,
  defaultDir = "desc",
}: {
  label: string;
  column: string;
  sort: string;
  dir: "asc" | "desc";
  path: string;
  keep?: Record<string, string | undefined>;
  numeric?: boolean;
  title?: string;
  defaultDir?: "asc" | "desc";
}) {
  const active = sort === column;
  const next = active ? (dir === "asc" ? "desc" : "asc") : defaultDir;
  return (
    <th scope="col" className={numeric ? "num" : undefined} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"} title={title}>
      <Link href={`${path}${queryString({ ...keep, sort: column, dir: next })}`} scroll={false} className="sort">
        {label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </th>
  );
}
