import { randomUUID } from "node:crypto";
import type { Db } from "../db/prisma";
import { createLoaders, type Loaders } from "./loaders";

export interface GraphQLContext {
  db: Db;
  /** Built per request so batching and caching never leak between users. */
  loaders: Loaders;
  requestId: string;
  isAdmin: boolean;
}

export function createContext(db: Db, options: { isAdmin?: boolean; requestId?: string } = {}): GraphQLContext {
  return {
    db,
    loaders: createLoaders(db),
    requestId: options.requestId ?? randomUUID(),
    isAdmin: options.isAdmin ?? false,
  };
}
