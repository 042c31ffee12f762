// Per-client token buckets, in memory: the limit is PER SERVER INSTANCE (n instances allow n times
// the rate). A bucket holds up to `burst` tokens and refills at `perSecond`; a request takes
// `cost` tokens or is refused with the seconds until it could succeed. The number of buckets is
// bounded (least recently used evicted), so rotating client keys cannot grow memory.
export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  maxClients?: number;
  now?: () => number;
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.maxClients = options.maxClients ?? 10_000;
    this.now = options.now ?? (() => performance.now());
  }

  take(clientKey: string, cost = 1): RateDecision {
    const now = this.now();
    const bucket = this.buckets.get(clientKey) ?? { tokens: this.options.burst, updatedMs: now };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.updatedMs) / 1000) * this.options.perSecond);
    bucket.updatedMs = now;
    // Re-insert: Map order is then least recently used first.
    this.buckets.delete(clientKey);
    this.buckets.set(clientKey, bucket);
    while (this.buckets.size > this.maxClients) {
      const oldest = this.buckets.keys().next().value;
      if (oldest === undefined) break;
      this.buckets.delete(oldest);
    }
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return { ok: true, remaining: Math.floor(bucket.tokens) };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((cost - bucket.tokens) / this.options.perSecond)) };
  }

  get clients(): number {
    return this.buckets.size;
  }
}

/**
 * The client a request is counted against. X-Forwarded-For is read from the right: entry
 * `trustedProxyHops` from the end (0 = the rightmost, i.e. the address the nearest proxy saw, or
 * the socket address Next.js records when no proxy sent the header). When the socket address is
 * known (plain node:http), it is the last hop itself.
 */
export function clientKey(headers: Headers, socketAddress: string | undefined, trustedProxyHops: number): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = socketAddress ? [...(trustedProxyHops > 0 ? forwarded : []), socketAddress] : forwarded;
  const key = chain[Math.max(0, chain.length - 1 - trustedProxyHops)] ?? "unknown";
  return key.replace(/^::ffff:/, "").slice(0, 64);
}
