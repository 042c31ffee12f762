// Admin access: `Authorization: Bearer <token>` compared with RA_ADMIN_TOKEN in constant time
// (sha256 digests of both, timingSafeEqual: equal lengths whatever the input). Everything is
// public and read-only without it. A public site (PUBLIC_SITE=1) has no admin at all.
import { createHash, timingSafeEqual } from "node:crypto";
import { ForbiddenError, UnauthenticatedError } from "../errors";

/** none: no credentials; admin: valid token; invalid: a token that is not the admin token;
 * disabled: admin is switched off here (no RA_ADMIN_TOKEN, or a public site). */
export type AdminCredential = "none" | "admin" | "invalid" | "disabled";

/** Shorter tokens are refused as configuration (admin stays disabled). */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

export interface AdminConfig {
  adminToken: string | null;
  publicMode: boolean;
}

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

export function adminEnabled(config: AdminConfig): boolean {
  return !config.publicMode && config.adminToken !== null && config.adminToken.length >= MIN_ADMIN_TOKEN_LENGTH;
}

export function checkAdminCredential(authorization: string | null | undefined, config: AdminConfig): AdminCredential {
  if (!adminEnabled(config) || config.adminToken === null) return "disabled";
  if (!authorization) return "none";
  const match = /^Bearer[ \t]+(\S+)\s*$/i.exec(authorization);
  if (!match) return "invalid";
  return timingSafeEqual(digest(match[1]), digest(config.adminToken)) ? "admin" : "invalid";
}

/** Throws unless the request carries the admin token. */
export function requireAdmin(context: { isAdmin: boolean; credential: AdminCredential }): void {
  if (context.isAdmin && context.credential === "admin") return;
  switch (context.credential) {
    case "none":
      throw new UnauthenticatedError("Admin token required (Authorization: Bearer <token>)");
    case "disabled":
      throw new ForbiddenError("Admin operations are disabled on this server");
    default:
      throw new ForbiddenError("Invalid admin token");
  }
}
