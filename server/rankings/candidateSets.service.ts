// Candidate sets (multi-token items scored as a set, e.g. EloEverything with human Elo): items in
// position order, paged by keyset on (setId, position) — the unique index — and their scores per
// model x prompt.
import { z } from "zod";
import type { Db } from "../db/prisma";
import type { CandidateItem } from "../db/generated/prisma/client";
import { BadInputError } from "../errors";
import { MAX_PAGE_SIZE } from "../graphql/limits";
import type { PageInfoView } from "./rankings.types";

export interface CandidateItemPage {
  totalCount: number;
  edges: { cursor: string; node: CandidateItem }[];
  pageInfo: PageInfoView;
}

const cursorSchema = z.object({ v: z.literal(1), s: z.number().int(), p: z.number().int() });

function encodeItemCursor(setId: number, position: number): string {
  return Buffer.from(JSON.stringify({ v: 1, s: setId, p: position })).toString("base64url");
}

function decodeItemCursor(cursor: string, setId: number): number {
  let json: unknown;
  try {
    if (cursor.length > 100) throw new Error("too long");
    json = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new BadInputError("after: not a cursor of this API");
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success || parsed.data.s !== setId) throw new BadInputError("after: not a cursor of this candidate set");
  return parsed.data.p;
}

const pageSchema = z.object({
  first: z.number().int().min(1, "first must be at least 1").max(MAX_PAGE_SIZE, `first must be at most ${MAX_PAGE_SIZE}`),
  after: z.string().nullish(),
});

export async function candidateItemsPage(
  db: Db,
  set: { id: number },
  totalCount: number,
  input: z.input<typeof pageSchema>,
): Promise<CandidateItemPage> {
  const parsed = pageSchema.safeParse(input);
  if (!parsed.success) throw new BadInputError(parsed.error.issues.map((i) => i.message).join("; "));
  const { first, after } = parsed.data;
  const afterPosition = after ? decodeItemCursor(after, set.id) : null;
  const rows = await db.candidateItem.findMany({
    where: { setId: set.id, ...(afterPosition === null ? {} : { position: { gt: afterPosition } }) },
    orderBy: { position: "asc" },
    take: first + 1,
  });
  const edges = rows.slice(0, first).map((node) => ({ cursor: encodeItemCursor(set.id, node.position), node }));
  return {
    totalCount,
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: afterPosition !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
