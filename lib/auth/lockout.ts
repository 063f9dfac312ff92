// Sliding lock-outs in PostgreSQL (sign_in_lockouts; docs/architecture.md §8): per key the times of the most recent
// attempts, at most max + 1. A key is locked while more than `max - 1` attempts fall in the last window, until the
// oldest of the last `max` leaves it, so attempts during a lock-out (refused ones too) keep it locked: `max` requests
// per window hold the lock. Counting is one atomic upsert (the row lock orders attempts that arrive together) and is
// done BEFORE the work it limits, like rate-limit.ts.
import "server-only";
import { systemPrisma } from "../db/system";
import { storedKey } from "./rate-limit";

export interface Lockout {
  /** What is locked, e.g. "signin:account:alice@example.com". */
  key: string;
  max: number;
  windowMs: number;
}

export interface LockoutState {
  /** Attempts in the window ending now, this one included (counted up to max + 1). */
  count: number;
  /** More than `max` attempts in the window: refuse. */
  exceeded: boolean;
  /** With `max` attempts or more in the window, when the next attempt is allowed again; else null. */
  lockedUntil: Date | null;
}

/** Counts one attempt at `now` and returns the key's state. */
export async function hitLockout(limit: Lockout, now = new Date()): Promise<LockoutState> {
  const since = new Date(now.getTime() - limit.windowMs);
  const expires = new Date(now.getTime() + limit.windowMs);
  const [row] = await systemPrisma().$queryRaw<{ attempts: (Date | string)[] }[]>`
    INSERT INTO sign_in_lockouts AS l (key, attempts, expires_at)
    VALUES (${storedKey(limit.key)}, ARRAY[${now}::timestamptz], ${expires})
    ON CONFLICT (key) DO UPDATE SET
      attempts = ARRAY(SELECT t FROM unnest(array_append(l.attempts, ${now}::timestamptz)) AS t
                        WHERE t > ${since}::timestamptz ORDER BY t DESC LIMIT ${limit.max + 1}::int),
      expires_at = ${expires}
    RETURNING attempts`;
  // Newest first: the max-th newest attempt is the one whose leaving the window ends the lock.
  const attempts = (row?.attempts ?? [now]).map((at) => new Date(at));
  const oldestCounted = attempts[limit.max - 1];
  return {
    count: attempts.length,
    exceeded: attempts.length > limit.max,
    lockedUntil: oldestCounted ? new Date(oldestCounted.getTime() + limit.windowMs) : null,
  };
}

/** Forgets a key's attempts (a successful sign-in). */
export async function clearLockout(key: string): Promise<void> {
  await systemPrisma().signInLockout.deleteMany({ where: { key: storedKey(key) } });
}
