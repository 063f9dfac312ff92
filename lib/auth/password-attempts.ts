// Every check of a password someone typed (sign-in, accepting an invitation with an existing account, the
// current password before a change) is one attempt against the same limits: per account (known or not) and per
// client address, in PostgreSQL. The attempt is counted BEFORE the password is checked, so attempts that arrive
// together each get their own number and a burst cannot slip under a limit; a success gives its count back.
// A failure is audited (platform log, and each company where a known user is an active member); the failure that
// uses up a limit starts the lock-out and is audited as such.
import "server-only";
import { requestColumns } from "../audit/record-audit";
import type { RequestMeta } from "../context";
import { systemPrisma, withSystemTx } from "../db/system";
import { rateLimitAddress } from "../http/client-address";
import { recordCompanyAudit } from "./company-audit";
import { clearRateLimit, hitRateLimit, releaseRateLimitHit, type RateLimit, type RateLimitState } from "./rate-limit";
import { companiesToTell } from "./user-audit";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Failed attempts per account (known or not) per window before it is locked for the rest of the window. */
export const ACCOUNT_FAILURE_LIMIT = 5;
/** Failed attempts per client address per window (an office shares one address: higher than per account). */
export const ADDRESS_FAILURE_LIMIT = 30;

export const WRONG_CREDENTIALS = "That email and password do not match an account.";

export function lockedOutMessage(resetAt: Date, now = new Date()): string {
  const minutes = Math.max(1, Math.ceil((resetAt.getTime() - now.getTime()) / 60_000));
  return `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

export interface PasswordAttempt {
  email: string;
  request: RequestMeta;
  limits: RateLimit[];
  states: RateLimitState[];
}

const accountLimit = (email: string): RateLimit => ({
  key: `signin:account:${email}`,
  max: ACCOUNT_FAILURE_LIMIT,
  windowMs: SIGN_IN_WINDOW_MS,
});
const addressLimit = (ip: string): RateLimit => ({
  key: `signin:address:${rateLimitAddress(ip)}`,
  max: ADDRESS_FAILURE_LIMIT,
  windowMs: SIGN_IN_WINDOW_MS,
});

/** Counts the attempt; a refusal message when a limit is already used up (the password is then not checked). */
export async function beginPasswordAttempt(
  email: string,
  request: RequestMeta,
): Promise<{ attempt: PasswordAttempt } | { refused: string }> {
  const limits = [accountLimit(email), ...(request.ip ? [addressLimit(request.ip)] : [])];
  const states = await Promise.all(limits.map((limit) => hitRateLimit(limit)));
  const exceeded = states.find((state) => state.exceeded);
  if (exceeded) return { refused: lockedOutMessage(exceeded.resetAt) };
  return { attempt: { email, request, limits, states } };
}

/** The password was right: the account's failures are forgotten and the address gets its count back. */
export async function passwordAttemptSucceeded(attempt: PasswordAttempt): Promise<void> {
  await clearRateLimit(attempt.limits[0]!.key);
  const [, address] = attempt.limits;
  if (address) await releaseRateLimitHit(address, attempt.states[1]!);
}

/**
 * The password was wrong (or the account unknown or inactive): audited, and the message to show. The same writes
 * happen for an unknown email as for a known one (a platform audit row; company rows only exist for members).
 */
export async function passwordAttemptFailed(attempt: PasswordAttempt, userId: string | null): Promise<string> {
  // This failure used up a limit: the lock-out starts now (audited once, on the attempt that caused it).
  const lockedNow = attempt.states.find((state, i) => state.count === attempt.limits[i]!.max);
  const action = lockedNow ? "auth.locked_out" : "auth.login_failed";
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
  return lockedNow ? lockedOutMessage(lockedNow.resetAt) : WRONG_CREDENTIALS;
}
