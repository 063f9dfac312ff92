// Fixed-window counters in PostgreSQL (rate_limit_buckets), so a limit holds across every app instance and
// restart. Counting is one atomic upsert, and callers count an attempt BEFORE doing the work it limits: attempts
// that arrive together each get their own number, so a burst cannot slip under the limit.
// Every public form counts its submits per client address here too (limitClientAddress), before any other work.
import "server-only";
import { createHash } from "node:crypto";
import type { RequestMeta } from "../context";
import { systemPrisma } from "../db/system";
import { AppError } from "../errors";
import { rateLimitAddress } from "../http/client-address";

export interface RateLimit {
  /** What is limited, e.g. "signin:account:alice@example.com". */
  key: string;
  max: number;
  windowMs: number;
}

export interface RateLimitState {
  count: number;
  /** The count is past the limit: refuse. */
  exceeded: boolean;
  windowStart: Date;
  /** When the current window ends and the count starts again. */
  resetAt: Date;
}

/** rate_limit_buckets.key (and sign_in_lockouts.key) is 200 characters: a longer key (a 254-character email) is
 * shortened by a hash. */
export function storedKey(key: string): string {
  return key.length <= 200 ? key : `${key.slice(0, 120)}#${createHash("sha256").update(key).digest("hex")}`;
}

function windowOf(limit: RateLimit, now: Date): { start: Date; end: Date } {
  const start = Math.floor(now.getTime() / limit.windowMs) * limit.windowMs;
  return { start: new Date(start), end: new Date(start + limit.windowMs) };
}

/** Counts one attempt in the current window and returns the new count. */
export async function hitRateLimit(limit: RateLimit, now = new Date()): Promise<RateLimitState> {
  const { start, end } = windowOf(limit, now);
  const [row] = await systemPrisma().$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_buckets (key, window_start, count, expires_at)
    VALUES (${storedKey(limit.key)}, ${start}, 1, ${end})
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_buckets.count + 1
    RETURNING count`;
  const count = row?.count ?? 1;
  return { count, exceeded: count > limit.max, windowStart: start, resetAt: end };
}

/** Gives back one counted attempt that turned out fine (a successful sign-in from a shared address). */
export async function releaseRateLimitHit(limit: RateLimit, state: RateLimitState): Promise<void> {
  await systemPrisma().rateLimitBucket.updateMany({
    where: { key: storedKey(limit.key), windowStart: state.windowStart, count: { gt: 0 } },
    data: { count: { decrement: 1 } },
  });
}

/** Forgets a key's counts (a successful sign-in clears the account's failures). */
export async function clearRateLimit(key: string): Promise<void> {
  await systemPrisma().rateLimitBucket.deleteMany({ where: { key: storedKey(key) } });
}

/** How long until `resetAt`, in words for "Try again in …": "45 seconds", "1 minute", "12 minutes". */
export function timeUntil(resetAt: Date, now = new Date()): string {
  const seconds = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export interface AddressLimit {
  /** The form, in the key: "register" counts under "register:address:<address>". */
  form: string;
  max: number;
  windowMs: number;
  /** The first sentence of the refusal; "Try again in …" follows. */
  refusal: string;
}

/**
 * Counts one submit of a public form from the request's client address (no address known, e.g. a script calling
 * lib directly: not counted). Past the limit it throws RATE_LIMITED saying when to try again; call it before any
 * other work, so a refused submit costs nothing else and writes nothing else.
 */
export async function limitClientAddress(request: RequestMeta, limit: AddressLimit): Promise<void> {
  if (!request.ip) return;
  const state = await hitRateLimit({
    key: `${limit.form}:address:${rateLimitAddress(request.ip)}`,
    max: limit.max,
    windowMs: limit.windowMs,
  });
  if (state.exceeded) {
    throw new AppError("RATE_LIMITED", `${limit.refusal} Try again in ${timeUntil(state.resetAt)}.`);
  }
}
