// Delivers the outbox (docs/architecture.md §8). Rows are claimed by one UPDATE … FOR UPDATE SKIP LOCKED that also bumps their
// attempt count and pushes next_attempt_at out by a lease: several app instances never claim the same row, and
// the rows of a worker that died mid-batch become due again once the lease runs out. Rendering and sending happen
// outside any transaction (a slow provider holds no locks); each row then ends SENT, FAILED, or PENDING with a
// later next_attempt_at. A row is never deleted, so an outage of the provider loses nothing.
import "server-only";
import { EmailTemplateError, settledProps } from "../../emails/registry";
import type { Prisma } from "../db/generated/client";
import { systemPrisma } from "../db/system";
import { env } from "../env";
import { logger } from "../logger";
import { UndeliverableEmailError, type Mailer } from "./mailer";
import { renderEmail } from "./render-email";

/** How long a claimed row stays invisible to other workers: far longer than rendering and sending one batch. */
const LEASE_MS = 2 * 60_000;
const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 60 * 60_000;
/** The width of email_outbox.last_error. */
const MAX_ERROR_LENGTH = 2000;

export interface DeliverOptions {
  mailer: Mailer;
  /** Rows claimed by this run at most. */
  batchSize: number;
  /** The clock to schedule by; the database's by default. */
  now?: Date;
}

export interface DeliveryCounts {
  sent: number;
  retried: number;
  failed: number;
}

interface ClaimedRow {
  id: string;
  template: string;
  to_address: string;
  reply_to: string | null;
  subject: string;
  props: unknown;
  /** Including this attempt. */
  attempts: number;
  claimed_at: Date;
}

type Outcome = keyof DeliveryCounts;

type Settlement =
  | { status: "SENT"; sentAt: Date }
  | { status: "PENDING"; lastError: string; nextAttemptAt: Date }
  | { status: "FAILED"; lastError: string };

/** 1 min after the first failure, doubling each time, at most 1 h. */
function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), MAX_RETRY_MS);
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

async function claimDueRows(batchSize: number, now: Date | undefined): Promise<ClaimedRow[]> {
  return systemPrisma().$queryRaw<ClaimedRow[]>`
    WITH clock AS (SELECT coalesce(${now ?? null}::timestamptz, now()) AS at)
    UPDATE email_outbox
    SET attempts = attempts + 1, next_attempt_at = clock.at + make_interval(secs => ${LEASE_MS / 1000})
    FROM clock
    WHERE id IN (
      SELECT id FROM email_outbox
      WHERE status = 'PENDING' AND next_attempt_at <= (SELECT at FROM clock)
      ORDER BY next_attempt_at
      LIMIT ${batchSize}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, template, to_address, reply_to, subject, props, attempts, clock.at AS claimed_at`;
}

/**
 * Records the outcome of this attempt. The attempt count in the filter makes it a no-op when the lease ran out
 * and another worker has claimed the row since: that worker's outcome is the one that counts.
 */
async function settle(row: ClaimedRow, data: Settlement): Promise<void> {
  // A row that will not be sent again keeps no live one-time link (the token's hash is what the database keeps).
  const props =
    data.status === "PENDING" ? undefined : (settledProps(row.template, row.props) as Prisma.InputJsonValue);
  await systemPrisma().emailOutbox.updateMany({
    where: { id: row.id, status: "PENDING", attempts: row.attempts },
    data: { ...data, ...(props !== undefined && { props }) },
  });
}

async function deliverOne(row: ClaimedRow, mailer: Mailer, from: string): Promise<Outcome> {
  const log = logger.child({ emailId: row.id, template: row.template, attempt: row.attempts });
  if (row.attempts > MAX_ATTEMPTS) {
    // Only reachable when workers died mid-delivery MAX_ATTEMPTS times: stop rather than loop forever.
    await settle(row, { status: "FAILED", lastError: `Gave up after ${MAX_ATTEMPTS} attempts that did not finish` });
    log.error("email abandoned");
    return "failed";
  }
  try {
    const { html, text } = await renderEmail(row.template, row.props);
    await mailer.send({
      from,
      to: row.to_address,
      replyTo: row.reply_to ?? undefined,
      subject: row.subject,
      html,
      text,
      idempotencyKey: row.id,
    });
  } catch (error) {
    const lastError = errorText(error);
    const permanent = error instanceof EmailTemplateError || error instanceof UndeliverableEmailError;
    if (permanent || row.attempts >= MAX_ATTEMPTS) {
      await settle(row, { status: "FAILED", lastError });
      log.error({ err: error }, "email failed permanently");
      return "failed";
    }
    const nextAttemptAt = new Date(row.claimed_at.getTime() + retryDelayMs(row.attempts));
    await settle(row, { status: "PENDING", lastError, nextAttemptAt });
    log.warn({ err: error, nextAttemptAt }, "email delivery failed; will retry");
    return "retried";
  }
  await settle(row, { status: "SENT", sentAt: new Date() });
  log.info("email sent");
  return "sent";
}

/** A claimed row this run will not get to: due again at once, its attempt not counted. */
async function release(row: ClaimedRow): Promise<void> {
  await systemPrisma().$executeRaw`
    UPDATE email_outbox SET attempts = attempts - 1, next_attempt_at = now()
     WHERE id = ${row.id}::uuid AND status = 'PENDING' AND attempts = ${row.attempts}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Claims up to `batchSize` due emails and delivers them one at a time, at the transport's pace (providers limit
 * requests per second, and a refusal would spend an attempt); safe to run from several processes at once. Once
 * half the lease is gone, the rows not yet sent are released rather than risk another worker claiming them while
 * this one still sends.
 */
export async function deliverPendingEmails({ mailer, batchSize, now }: DeliverOptions): Promise<DeliveryCounts> {
  const rows = await claimDueRows(batchSize, now);
  const counts: DeliveryCounts = { sent: 0, retried: 0, failed: 0 };
  const { MAIL_FROM } = env();
  const started = Date.now();
  for (const [index, row] of rows.entries()) {
    if (Date.now() - started > LEASE_MS / 2) {
      for (const unsent of rows.slice(index)) await release(unsent);
      break;
    }
    if (index > 0 && mailer.minIntervalMs) await sleep(mailer.minIntervalMs);
    // Throws only when the database refused the outcome: the row stays claimed and comes back after its lease.
    counts[await deliverOne(row, mailer, MAIL_FROM)] += 1;
  }
  return counts;
}
