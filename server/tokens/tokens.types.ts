// Shapes the token resolvers work with (codegen maps the GraphQL types onto these).
import type { Prompt, RewardModel, SweepMode } from "../db/generated/prisma/client";

export interface TokenFlagsView {
  special: boolean;
  byte: boolean;
  whitespace: boolean;
  startsWithSpace: boolean;
  alphabetic: boolean;
}

/** One completed sweep's verdict on one token. */
export interface TokenScoreView {
  sweepId: number;
  modelId: number;
  promptId: number;
  mode: SweepMode;
  score: number;
  rank: number;
  tokenCount: number;
  percentile: number;
  /** Present when the statement that found the score also read the prompt row. */
  prompt?: Prompt;
}

export interface VocabTokenView {
  modelId: number;
  tokenId: number;
  piece: string;
  decoded: string;
  normalized: string;
  flags: TokenFlagsView;
  /** Present when the statement that found the token also read the model row. */
  model?: RewardModel;
  /** Present when the query that found the token also read its scores (token(text)). */
  scores?: TokenScoreView[];
}

export interface TokenAcrossModelsView {
  text: string;
  exact: boolean;
  matches: VocabTokenView[];
  truncated: boolean;
}

/** VocabToken columns as SQL returns them. */
export interface VocabTokenRow {
  modelId: number;
  tokenId: number;
  piece: string;
  decoded: string;
  normalized: string;
  isSpecial: boolean;
  isByte: boolean;
  isWhitespace: boolean;
  startsWithSpace: boolean;
  isAlphabetic: boolean;
}

export function vocabTokenView(row: VocabTokenRow): VocabTokenView {
  return {
    modelId: row.modelId,
    tokenId: row.tokenId,
    piece: row.piece,
    decoded: row.decoded,
    normalized: row.normalized,
    flags: tokenFlags(row),
  };
}

export function tokenFlags(row: Pick<VocabTokenRow, "isSpecial" | "isByte" | "isWhitespace" | "startsWithSpace" | "isAlphabetic">): TokenFlagsView {
  return {
    special: row.isSpecial,
    byte: row.isByte,
    whitespace: row.isWhitespace,
    startsWithSpace: row.startsWithSpace,
    alphabetic: row.isAlphabetic,
  };
}
