// API configuration from the environment, validated once (a bad value names its variable).
import { z } from "zod";
import { DEFAULT_RATE_BURST, DEFAULT_RATE_PER_SECOND, MAX_ADMIN_BODY_BYTES, MAX_BODY_BYTES } from "./limits";

export interface ApiConfig {
  /** PUBLIC_SITE=1: read-only public site: no admin, no introspection, no field suggestions. */
  publicMode: boolean;
  /** RA_ADMIN_TOKEN (>= 16 characters) enables admin mutations; null = none. */
  adminToken: string | null;
  maxBodyBytes: number;
  maxAdminBodyBytes: number;
  /** null = no rate limit (RA_RATE_LIMIT_PER_SECOND=0). */
  rateLimit: { perSecond: number; burst: number } | null;
  /** Proxies in front of the server that append to X-Forwarded-For (RA_TRUSTED_PROXY_HOPS). */
  trustedProxyHops: number;
}

const envSchema = z.object({
  PUBLIC_SITE: z.enum(["", "0", "1"]).optional(),
  RA_ADMIN_TOKEN: z.string().optional(),
  RA_RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).optional(),
  RA_RATE_LIMIT_BURST: z.coerce.number().int().min(1).optional(),
  RA_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).optional(),
});

export function apiConfigFromEnv(env: Record<string, string | undefined> = process.env): ApiConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid ${String(issue?.path[0] ?? "environment")}: ${issue?.message ?? "invalid value"}`);
  }
  const e = parsed.data;
  const perSecond = e.RA_RATE_LIMIT_PER_SECOND ?? DEFAULT_RATE_PER_SECOND;
  return {
    publicMode: e.PUBLIC_SITE === "1",
    adminToken: e.RA_ADMIN_TOKEN?.trim() ? e.RA_ADMIN_TOKEN.trim() : null,
    maxBodyBytes: MAX_BODY_BYTES,
    maxAdminBodyBytes: MAX_ADMIN_BODY_BYTES,
    rateLimit: perSecond > 0 ? { perSecond, burst: e.RA_RATE_LIMIT_BURST ?? DEFAULT_RATE_BURST } : null,
    trustedProxyHops: e.RA_TRUSTED_PROXY_HOPS ?? 0,
  };
}
