// Fixed-window counters in PostgreSQL (rate_limit_buckets), so a limit holds across every app instance and
// restart. Counting is one atomic upsert: concurrent attempts can never both slip under the limit.
import "server-only";
import { systemPrisma } from "../db/system";

export interface RateLimit {
  /** What is limited, e.g. "signin:account:alice@example.com". */
  key: string;
  max: number;
  windowMs: number;
}

export interface RateLimitState {
  count: number;
  limited: boolean;
  /** When the current window ends and the count starts again. */
  resetAt: Date;
}

function windowOf(limit: RateLimit, now: Date): { start: Date; end: Date } {
  const start = Math.floor(now.getTime() / limit.windowMs) * limit.windowMs;
  return { start: new Date(start), end: new Date(start + limit.windowMs) };
}

/** The count in the current window, without adding to it. */
export async function peekRateLimit(limit: RateLimit, now = new Date()): Promise<RateLimitState> {
  const { start, end } = windowOf(limit, now);
  const bucket = await systemPrisma().rateLimitBucket.findUnique({
    where: { key_windowStart: { key: limit.key, windowStart: start } },
    select: { count: true },
  });
  const count = bucket?.count ?? 0;
  return { count, limited: count >= limit.max, resetAt: end };
}

/** Adds one to the current window and returns the new count. */
export async function hitRateLimit(limit: RateLimit, now = new Date()): Promise<RateLimitState> {
  const { start, end } = windowOf(limit, now);
  const [row] = await systemPrisma().$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_buckets (key, window_start, count, expires_at)
    VALUES (${limit.key}, ${start}, 1, ${end})
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_buckets.count + 1
    RETURNING count`;
  const count = row?.count ?? 1;
  return { count, limited: count >= limit.max, resetAt: end };
}

/** Forgets a key's counts (a successful sign-in clears the account's failures). */
export async function clearRateLimit(key: string): Promise<void> {
  await systemPrisma().rateLimitBucket.deleteMany({ where: { key } });
}
