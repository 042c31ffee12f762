import type { Sweep } from "../db/generated/prisma/client";
import type { VocabNormalization } from "../insights/stored";
import type { TokenFlagsView } from "../tokens/tokens.types";

export type RankOrder = "TOP" | "BOTTOM";
/** ALL: every scored id; WORDS: alphabetic, non-special tokens; SHARED: the prompt's shared vocabulary (see the SDL). */
export type RankingTokens = "ALL" | "WORDS" | "SHARED";

export interface RankedTokenView {
  tokenId: number;
  decoded: string | null;
  piece: string | null;
  score: number;
  rank: number;
  percentile: number;
  flags: TokenFlagsView | null;
}

export interface PageInfoView {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface RankingPage {
  sweep: Sweep;
  order: RankOrder;
  tokens: RankingTokens;
  /** The shared vocabulary a SHARED page keeps. */
  sharedVocabulary: VocabNormalization;
  edges: { cursor: string; node: RankedTokenView }[];
  pageInfo: PageInfoView;
}
