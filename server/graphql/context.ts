import { randomUUID } from "node:crypto";
import type { AdminCredential } from "../admin/auth";
import type { Db } from "../db/prisma";
import { createLoaders, type Loaders } from "./loaders";

export interface GraphQLContext {
  db: Db;
  /** Built per request so batching and caching never leak between users. */
  loaders: Loaders;
  requestId: string;
  /** true only with a valid admin token (credential === "admin"). */
  isAdmin: boolean;
  credential: AdminCredential;
}

export function createContext(
  db: Db,
  options: { isAdmin?: boolean; credential?: AdminCredential; requestId?: string } = {},
): GraphQLContext {
  const credential = options.credential ?? (options.isAdmin ? "admin" : "none");
  return {
    db,
    loaders: createLoaders(db),
    requestId: options.requestId ?? randomUUID(),
    isAdmin: credential === "admin",
    credential,
  };
}
