// Every check of a password someone typed (sign-in, accepting an invitation with an existing account, the
// current password before a change) is one attempt against the same limits, in PostgreSQL, following OWASP's
// device cookies (docs/architecture.md §8). A browser holding a valid device cookie for the account (device-cookie.ts)
// is trusted: it is limited per device cookie, and per account and address, never by the account's lock-out, so an
// attacker locking the account does not lock its owner out. Any other client is untrusted: five attempts within
// 15 minutes lock the account for all untrusted clients (its owner included, the right password too), attempts
// during the lock keep it locked (lockout.ts), and untrusted attempts are also limited per address and per account
// per day. The attempt is counted BEFORE the password is checked, so attempts that arrive together each get their
// own number and a burst cannot slip under a limit; a success gives its count back. A refusal says when to try
// again; nothing waits. A failure is audited (platform log, and each company where a known user is an active member); the failure that
// uses up a limit starts the lock-out and is audited as such.
import "server-only";
import { requestColumns } from "../audit/record-audit";
import type { RequestMeta } from "../context";
import { systemPrisma, withSystemTx } from "../db/system";
import { env } from "../env";
import { rateLimitAddress } from "../http/client-address";
import { recordCompanyAudit } from "./company-audit";
import { verifyDeviceCookie } from "./device-cookie";
import { clearLockout, hitLockout } from "./lockout";
import { hitRateLimit, releaseRateLimitHit, type RateLimit } from "./rate-limit";
import { companiesToTell } from "./user-audit";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Attempts per account from untrusted clients in any 15 minutes before it is locked for them. */
export const ACCOUNT_FAILURE_LIMIT = 5;
/** Attempts per device cookie in any 15 minutes before that cookie is locked. */
export const DEVICE_FAILURE_LIMIT = 5;
/** Attempts per client address from untrusted clients per window (an office shares one address: above per account). */
export const ADDRESS_FAILURE_LIMIT = 30;
/** Attempts per account and address from trusted browsers per window (several device cookies used from one place). */
export const ACCOUNT_ADDRESS_FAILURE_LIMIT = 10;
/** Attempts per account from untrusted clients per UTC day: the bound on guesses while an attacker keeps at it. */
export const ACCOUNT_DAILY_LIMIT = 20;

export const WRONG_CREDENTIALS = "That email and password do not match an account.";

export function lockedOutMessage(until: Date, now = new Date()): string {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return `Too many attempts. Try again in ${seconds} s.`;
}

/** One limit's count of this attempt. */
interface Counted {
  max: number;
  count: number;
  /** When an attempt refused by this limit may come again. */
  until: Date | null;
  /** The password was right: forget or give back what this attempt counted. */
  succeeded: () => Promise<void>;
}

export interface PasswordAttempt {
  email: string;
  request: RequestMeta;
  counted: Counted[];
}

async function countFixed(limit: RateLimit, now: Date): Promise<Counted> {
  const state = await hitRateLimit(limit, now);
  return {
    max: limit.max,
    count: state.count,
    until: state.resetAt,
    succeeded: () => releaseRateLimitHit(limit, state),
  };
}

async function countSliding(key: string, max: number, now: Date): Promise<Counted> {
  const state = await hitLockout({ key, max, windowMs: SIGN_IN_WINDOW_MS }, now);
  return { max, count: state.count, until: state.lockedUntil, succeeded: () => clearLockout(key) };
}

/**
 * The nonce of the request's device cookie when this app signed it for this account at its current session version;
 * else the client is untrusted.
 */
function trustedDevice(request: RequestMeta, account: PasswordAccount): string | null {
  const cookie = verifyDeviceCookie(request.deviceCookie, env().AUTH_SECRET);
  return cookie &&
    account.userId &&
    cookie.userId === account.userId &&
    cookie.sessionVersion === account.sessionVersion
    ? cookie.nonce
    : null;
}

/** Whose password is being tried: an unknown email has no user id and no session version. */
export interface PasswordAccount {
  email: string;
  userId: string | null;
  sessionVersion: number | null;
}

function latest(counted: Counted[]): Date {
  return new Date(Math.max(...counted.map((c) => c.until?.getTime() ?? 0)));
}

/**
 * Counts the attempt at the account (`userId` null for an unknown email); a refusal message when a limit is already
 * used up (the password is then not checked).
 */
export async function beginPasswordAttempt(
  account: PasswordAccount,
  request: RequestMeta,
): Promise<{ attempt: PasswordAttempt } | { refused: string }> {
  const now = new Date();
  const { email } = account;
  const device = trustedDevice(request, account);
  const address = request.ip ? rateLimitAddress(request.ip) : null;
  const window = SIGN_IN_WINDOW_MS;
  const counting = device
    ? [
        countSliding(`signin:device:${device}`, DEVICE_FAILURE_LIMIT, now),
        ...(address
          ? [
              countFixed(
                {
                  key: `signin:account-address:${address}:${email}`,
                  max: ACCOUNT_ADDRESS_FAILURE_LIMIT,
                  windowMs: window,
                },
                now,
              ),
            ]
          : []),
      ]
    : [
        countSliding(`signin:account:${email}`, ACCOUNT_FAILURE_LIMIT, now),
        countFixed({ key: `signin:account-day:${email}`, max: ACCOUNT_DAILY_LIMIT, windowMs: DAY_MS }, now),
        ...(address
          ? [countFixed({ key: `signin:address:${address}`, max: ADDRESS_FAILURE_LIMIT, windowMs: window }, now)]
          : []),
      ];
  const counted = await Promise.all(counting);
  const exceeded = counted.filter((c) => c.count > c.max);
  if (exceeded.length > 0) return { refused: lockedOutMessage(latest(exceeded), now) };
  return { attempt: { email, request, counted } };
}

/** The password was right: the account's (or the device's) failures are forgotten, other counts given back. */
export async function passwordAttemptSucceeded(attempt: PasswordAttempt): Promise<void> {
  await Promise.all(attempt.counted.map((c) => c.succeeded()));
}

/**
 * The password was wrong (or the account unknown or inactive): audited, and the message to show. The same writes
 * happen for an unknown email as for a known one (a platform audit row; company rows only exist for members).
 */
export async function passwordAttemptFailed(attempt: PasswordAttempt, userId: string | null): Promise<string> {
  // This failure used up a limit: the lock-out starts now (audited once, on the attempt that caused it).
  const lockedNow = attempt.counted.filter((c) => c.count === c.max);
  const action = lockedNow.length > 0 ? "auth.locked_out" : "auth.login_failed";
  const companies = userId ? await companiesToTell(systemPrisma(), userId) : [];
  await withSystemTx(async (tx) => {
    await tx.platformAuditLog.create({
      data: { actorId: userId, email: attempt.email, action, ...requestColumns(attempt.request) },
      select: { id: true },
    });
    for (const companyId of companies) {
      await recordCompanyAudit(
        tx,
        { companyId, userId: userId!, request: attempt.request },
        { action, entityType: "user", entityId: userId },
      );
    }
  });
  return lockedNow.length > 0 ? lockedOutMessage(latest(lockedNow)) : WRONG_CREDENTIALS;
}
