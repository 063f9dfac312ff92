// Background retention (docs/architecture.md §8): rows that no decision reads any more are deleted, in bounded batches (one short
// statement each), by every app process (lib/startup.ts). Several processes pruning at once pick their batches in
// primary-key order, so they wait for each other rather than deadlock, and a row one of them deleted is skipped.
// - rate_limit_buckets: a counter is read only within its window (lib/auth/rate-limit.ts); once `expires_at` has
//   passed, the next attempt starts a new row, so the old one is dead weight.
// - sign_in_lockouts: `expires_at` is the newest attempt's time plus the window (lib/auth/lockout.ts); after it
//   every time the row holds is outside the window, so it locks nothing.
// - low_stock_alerts: a row only claims "this product was alerted on this day" in the company's time zone
//   (lib/stock/alert-low-stock.ts, ON CONFLICT on the same day). Once that day is over in every time zone (the
//   earliest "today" anywhere, UTC-12, is never before yesterday in UTC), no insert can collide with it again.
// - sessions: an expired or revoked session refuses its token whether its row is there or not (lib/auth/context.ts
//   needs an unrevoked, unexpired row), and the profile lists neither.
// - one_time_tokens: a link opens nothing once `expires_at` has passed; kept a month longer, so that a late click
//   still hears "expired" (not "not valid") and admins still see an expired invitation to resend, then deleted —
//   except a sign-up's verification link while its address is unconfirmed: it carries the announcement that
//   confirming (by any later link) sends (lib/accounts/email-confirmation.ts).
// - push_outbox: a SENT or FAILED row is never read again (the worker claims PENDING rows only, and the message
//   itself lives a day at most, PUSH_TTL_SECONDS); kept a week after its last change so that a failure's
//   last_error is still there to diagnose after a weekend, then deleted. PENDING rows are never deleted: they are
//   still to be sent (or given up on by the worker). The last change of a SENT row is `sent_at`; a FAILED row has
//   no time of its own, but its `next_attempt_at` was set when the attempt that failed it claimed it (claim time +
//   the lease, lib/push/push-outbox-worker.ts) and is never moved again, so it is that attempt's time within
//   minutes — not `created_at`, which may be long before when push was off and the row waited.
import "server-only";
import { systemPrisma } from "../db/system";

export interface PruneOptions {
  /** Rows deleted by one statement. */
  batchSize?: number;
  /** Statements per table per run at most: a large backlog is worked off over several runs. */
  maxBatches?: number;
  /** The clock to prune by; the database's by default. */
  now?: Date;
}

export interface PruneCounts {
  rateLimitBuckets: number;
  signInLockouts: number;
  lowStockAlerts: number;
  sessions: number;
  oneTimeTokens: number;
  pushOutbox: number;
}

/** How long an expired one-time link is kept before it is deleted. */
export const EXPIRED_LINK_DAYS_KEPT = 30;

/** How long a sent or failed push is kept after its last change. */
export const PUSH_OUTBOX_DAYS_KEPT = 7;

/** Claims for days before (today in UTC − this) are over everywhere: UTC-12 is at most one day behind UTC. */
const ALERT_DAYS_KEPT = 1;

async function inBatches(maxBatches: number, batchSize: number, deleteBatch: () => Promise<number>) {
  let total = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const deleted = await deleteBatch();
    total += deleted;
    if (deleted < batchSize) break;
  }
  return total;
}

export async function pruneExpiredRows({ batchSize = 1_000, maxBatches = 20, now }: PruneOptions = {}) {
  const db = systemPrisma();
  const clock = now ?? null;
  const prune = (deleteBatch: () => Promise<number>) => inBatches(maxBatches, batchSize, deleteBatch);
  const rateLimitBuckets = await prune(
    () =>
      db.$executeRaw`
      DELETE FROM rate_limit_buckets b
       USING (SELECT key, window_start FROM rate_limit_buckets
               WHERE expires_at < coalesce(${clock}::timestamptz, now())
               ORDER BY key, window_start
               LIMIT ${batchSize}) d
       WHERE b.key = d.key AND b.window_start = d.window_start`,
  );
  const signInLockouts = await prune(
    () =>
      db.$executeRaw`
      DELETE FROM sign_in_lockouts l
       USING (SELECT key FROM sign_in_lockouts
               WHERE expires_at < coalesce(${clock}::timestamptz, now())
               ORDER BY key
               LIMIT ${batchSize}) d
       WHERE l.key = d.key`,
  );
  const lowStockAlerts = await prune(
    () =>
      db.$executeRaw`
      DELETE FROM low_stock_alerts a
       USING (SELECT company_id, product_id, day FROM low_stock_alerts
               WHERE day < (coalesce(${clock}::timestamptz, now()) AT TIME ZONE 'UTC')::date - ${ALERT_DAYS_KEPT}::int
               ORDER BY company_id, product_id, day
               LIMIT ${batchSize}) d
       WHERE a.company_id = d.company_id AND a.product_id = d.product_id AND a.day = d.day`,
  );
  const sessions = await prune(
    () =>
      db.$executeRaw`
      DELETE FROM sessions s
       USING (SELECT id FROM sessions
               WHERE expires_at < coalesce(${clock}::timestamptz, now())
                  OR revoked_at < coalesce(${clock}::timestamptz, now())
               ORDER BY id
               LIMIT ${batchSize}) d
       WHERE s.id = d.id`,
  );
  const oneTimeTokens = await prune(
    () =>
      db.$executeRaw`
      DELETE FROM one_time_tokens t
       USING (SELECT id FROM one_time_tokens
               WHERE expires_at < coalesce(${clock}::timestamptz, now()) - make_interval(days => ${EXPIRED_LINK_DAYS_KEPT}::int)
                 -- A sign-up's link carries what its confirmation announces: kept until the address is confirmed.
                 AND NOT (purpose = 'EMAIL_VERIFICATION' AND payload IS NOT NULL AND EXISTS (
                       SELECT 1 FROM users u WHERE u.id = one_time_tokens.user_id AND u.email_verified_at IS NULL))
               ORDER BY id
               LIMIT ${batchSize}) d
       WHERE t.id = d.id`,
  );
  const pushOutbox = await prune(
    () =>
      db.$executeRaw`
      DELETE FROM push_outbox o
       USING (SELECT company_id, id FROM push_outbox
               WHERE (status = 'SENT'
                      AND sent_at < coalesce(${clock}::timestamptz, now()) - make_interval(days => ${PUSH_OUTBOX_DAYS_KEPT}::int))
                  OR (status = 'FAILED'
                      AND next_attempt_at < coalesce(${clock}::timestamptz, now()) - make_interval(days => ${PUSH_OUTBOX_DAYS_KEPT}::int))
               ORDER BY company_id, id
               LIMIT ${batchSize}) d
       WHERE o.company_id = d.company_id AND o.id = d.id`,
  );
  return {
    rateLimitBuckets,
    signInLockouts,
    lowStockAlerts,
    sessions,
    oneTimeTokens,
    pushOutbox,
  } satisfies PruneCounts;
}
