// Delivers the push outbox (docs/architecture.md §8, "Push notifications"), the way lib/email/outbox-worker.ts
// delivers email: rows are claimed by one UPDATE … FOR UPDATE SKIP LOCKED that bumps their attempt count and leases
// them, sent outside any transaction, then settled SENT, FAILED, or PENDING with a later attempt. Besides: a
// subscription the push service answers 404/410 for is deleted (its rows go with it), and so is one whose endpoint
// the sender no longer admits (lib/push/push-sender.ts) and one whose session has ended (signed out, revoked,
// expired) — a shared phone never shows the last person's notifications.
// Run by the outbox runner (lib/email/outbox-runner.ts) with the email: the same kicks after commit, the same sweep.
import "server-only";
import { systemPrisma } from "../db/system";
import { env } from "../env";
import { logger } from "../logger";
import { readPushPayload } from "./push-payload";
import { sendPush, type VapidDetails } from "./push-sender";
import { configuredEndpointRule, type PushEndpointRule } from "./push-subscription-fields";

/** Longer than a batch of sends that all time out (25 × 10 s). */
const LEASE_MS = 5 * 60_000;
const MAX_ATTEMPTS = 6;
/** 30 s after the first failure, doubling, at most 10 min: six attempts span about 15 minutes. */
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 10 * 60_000;
const MAX_ERROR_LENGTH = 2000;

export interface PushDeliverOptions {
  batchSize: number;
  /** The clock to schedule by; the database's by default. */
  now?: Date;
  /** The keys to sign with; env().VAPID by default (null: push is off, nothing is claimed). */
  vapid?: VapidDetails | null;
}

export interface PushDeliveryCounts {
  sent: number;
  retried: number;
  failed: number;
  /** Rows whose subscription was deleted: gone at the push service, no push service's any more, or its session ended. */
  pruned: number;
}

interface ClaimedRow {
  company_id: string;
  id: string;
  subscription_id: string;
  payload: unknown;
  attempts: number;
  claimed_at: Date;
  endpoint: string;
  p256dh: string;
  auth: string;
  session_live: boolean;
}

type Outcome = keyof PushDeliveryCounts;

function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), MAX_RETRY_MS);
}

async function claimDueRows(batchSize: number, now: Date | undefined): Promise<ClaimedRow[]> {
  return systemPrisma().$queryRaw<ClaimedRow[]>`
    WITH clock AS (SELECT coalesce(${now ?? null}::timestamptz, now()) AS at),
    due AS (
      SELECT company_id, id FROM push_outbox
       WHERE status = 'PENDING' AND next_attempt_at <= (SELECT at FROM clock)
       ORDER BY next_attempt_at
       LIMIT ${batchSize}
       FOR UPDATE SKIP LOCKED
    )
    UPDATE push_outbox o
       SET attempts = o.attempts + 1, next_attempt_at = clock.at + make_interval(secs => ${LEASE_MS / 1000})
      FROM clock, due, push_subscriptions s, sessions ses
     WHERE o.company_id = due.company_id AND o.id = due.id
       AND s.company_id = o.company_id AND s.id = o.subscription_id AND ses.id = s.session_id
    RETURNING o.company_id::text, o.id::text, o.subscription_id::text, o.payload, o.attempts, clock.at AS claimed_at,
              s.endpoint, s.p256dh, s.auth,
              (ses.revoked_at IS NULL AND ses.expires_at > clock.at) AS session_live`;
}

type Settlement =
  | { status: "SENT"; sentAt: Date }
  | { status: "PENDING"; lastError: string; nextAttemptAt: Date }
  | { status: "FAILED"; lastError: string };

/** A no-op when the lease ran out and another worker claimed the row since (its outcome counts). */
async function settle(row: ClaimedRow, data: Settlement): Promise<void> {
  await systemPrisma().pushOutbox.updateMany({
    where: { companyId: row.company_id, id: row.id, status: "PENDING", attempts: row.attempts },
    data: "lastError" in data ? { ...data, lastError: data.lastError.slice(0, MAX_ERROR_LENGTH) } : data,
  });
}

/** Deletes the subscription; its outbox rows, this one included, go with it (ON DELETE CASCADE). */
async function prune(row: ClaimedRow): Promise<void> {
  await systemPrisma().pushSubscription.deleteMany({ where: { companyId: row.company_id, id: row.subscription_id } });
}

async function deliverOne(row: ClaimedRow, vapid: VapidDetails, endpointRule: PushEndpointRule): Promise<Outcome> {
  const log = logger.child({ pushId: row.id, companyId: row.company_id, attempt: row.attempts });
  if (!row.session_live) {
    await prune(row);
    log.info("push subscription dropped: its session has ended");
    return "pruned";
  }
  const payload = readPushPayload(row.payload);
  if (!payload || row.attempts > MAX_ATTEMPTS) {
    await settle(row, { status: "FAILED", lastError: payload ? "Gave up: attempts did not finish" : "Bad payload" });
    log.error("push abandoned");
    return "failed";
  }
  const result = await sendPush(row, payload, { vapid, endpointRule });
  switch (result.outcome) {
    case "sent":
      await settle(row, { status: "SENT", sentAt: new Date() });
      log.info("push sent");
      return "sent";
    case "gone":
      await prune(row);
      log.info({ reason: result.error }, "push subscription dropped: gone");
      return "pruned";
    case "retry":
      if (row.attempts < MAX_ATTEMPTS) {
        const nextAttemptAt = new Date(row.claimed_at.getTime() + retryDelayMs(row.attempts));
        await settle(row, { status: "PENDING", lastError: result.error, nextAttemptAt });
        log.warn({ reason: result.error, nextAttemptAt }, "push delivery failed; will retry");
        return "retried";
      }
      await settle(row, { status: "FAILED", lastError: result.error });
      log.error({ reason: result.error }, "push failed permanently");
      return "failed";
    case "failed":
      await settle(row, { status: "FAILED", lastError: result.error });
      log.error({ reason: result.error }, "push failed permanently");
      return "failed";
  }
}

/**
 * Claims up to `batchSize` due push messages and sends them one at a time; safe to run from several processes at
 * once. Throws only when the database refused an outcome: the row comes back after its lease.
 */
export async function deliverPendingPushes({ batchSize, now, vapid }: PushDeliverOptions): Promise<PushDeliveryCounts> {
  const counts: PushDeliveryCounts = { sent: 0, retried: 0, failed: 0, pruned: 0 };
  const keys = vapid === undefined ? env().VAPID : vapid;
  if (!keys) return counts;
  const endpointRule = configuredEndpointRule();
  const rows = await claimDueRows(batchSize, now);
  for (const row of rows) counts[await deliverOne(row, keys, endpointRule)] += 1;
  return counts;
}
