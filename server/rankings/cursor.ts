// Opaque keyset cursors for ranked lists: the (score, token id) of the last row seen, pinned to the
// sweep and the order they belong to. The score is the float4 value widened to float8 (exact), so
// the next page starts exactly after it.
import { z } from "zod";
import { BadInputError } from "../errors";
import type { RankOrder } from "./rankings.types";

export interface RankingBoundary {
  /** float4 score as an exact double. */
  score: number;
  tokenId: number;
}

const cursorSchema = z.object({
  v: z.literal(1),
  s: z.number().int().positive(),
  o: z.enum(["T", "B"]),
  /** String so NaN and +-Infinity survive JSON. */
  c: z.string().regex(/^(-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|NaN|-?Infinity)$/),
  t: z.number().int(),
});

export function encodeRankingCursor(sweepId: number, order: RankOrder, boundary: RankingBoundary): string {
  const payload = { v: 1, s: sweepId, o: order === "TOP" ? "T" : "B", c: String(boundary.score), t: boundary.tokenId };
  return Buffer.from(JSON.stringify(payload)).toString("base64url");
}

export function decodeRankingCursor(cursor: string, sweepId: number, order: RankOrder): RankingBoundary {
  let json: unknown;
  try {
    if (cursor.length > 200) throw new Error("too long");
    json = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new BadInputError("after: not a cursor of this API");
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) throw new BadInputError("after: not a cursor of this API");
  if (parsed.data.s !== sweepId || parsed.data.o !== (order === "TOP" ? "T" : "B")) {
    throw new BadInputError("after: the cursor belongs to another ranking (sweep or order)");
  }
  return { score: Number(parsed.data.c), tokenId: parsed.data.t };
}
