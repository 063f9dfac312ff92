// "Forgot your password?": the same answer and the same work whether or not the email has an account (no
// enumeration, by content or by timing). For an active account, a single-use link valid for an hour goes out
// through the outbox; only its hash is stored, and an earlier unused link stops working. Any other address gets
// a notice without a link. Requests are limited per email and per client address.
import "server-only";
import { requestColumns } from "../audit/record-audit";
import { z } from "zod";
import { emailAddressSchema } from "./email-address";
import type { RequestMeta } from "../context";
import { withSystemTx, type SystemTx } from "../db/system";
import { parseInput } from "../errors";
import { absoluteUrl } from "../email/links";
import { enqueuePlatformEmail } from "../email/outbox-enqueue-platform";
import type { EmailMessage } from "../email/outbox-row";
import { kickOutbox } from "../email/outbox-runner";
import { createOneTimeToken, PASSWORD_RESET_TTL_MS } from "./one-time-token";
import { hitRateLimit, limitClientAddress } from "../auth/rate-limit";

const HOUR_MS = 60 * 60 * 1000;
/** Reset emails per address per hour, and requests per client address per hour. */
export const RESET_EMAIL_LIMIT = 3;
export const RESET_ADDRESS_LIMIT = 20;

export const requestSchema = z.object({ email: emailAddressSchema }).strict();

/**
 * Unused links that could take a person's account over stop working: reset links (a newer link replaces them, and so
 * does any change of password or email: a link sent to an old, perhaps compromised, mailbox must not outlive the
 * change) and pending email changes (whoever asked for one with a password that has since been changed or reset
 * must not complete it).
 */
export async function retireAccountLinks(tx: SystemTx, userId: string): Promise<void> {
  await tx.oneTimeToken.updateMany({
    where: { userId, purpose: { in: ["PASSWORD_RESET", "EMAIL_CHANGE"] }, usedAt: null },
    data: { usedAt: new Date() },
  });
}

/**
 * The email a request sends: the link for an active account, a notice (no link) for any other address. Chosen by
 * data, not by a different path: see requestPasswordReset.
 */
function resetEmail(email: string, account: { name: string } | null, token: string, now: Date): EmailMessage {
  if (!account) return { template: "password-reset-no-account", to: email, props: { requestedAt: now.toISOString() } };
  return {
    template: "password-reset",
    to: email,
    props: {
      name: account.name,
      resetUrl: absoluteUrl(`/reset-password/${token}`),
      expiresInMinutes: PASSWORD_RESET_TTL_MS / 60_000,
    },
  };
}

/**
 * One request does the same work whatever the address: the same limits, then one transaction with the same
 * statements — look the account up, retire the address's unused links, store a new link (one that names no
 * account, so it opens nothing, when there is none), one audit row, one outbox row — and the same answer. The
 * email goes out from the outbox after the commit, never while the person waits (kickOutbox only schedules it).
 */
export async function requestPasswordReset(input: unknown, request: RequestMeta): Promise<void> {
  await limitClientAddress(request, {
    form: "reset",
    max: RESET_ADDRESS_LIMIT,
    windowMs: HOUR_MS,
    refusal: "Too many password reset requests from your network.",
  });
  const { email } = parseInput(requestSchema, input);
  // Over the email's limit: say nothing different, send nothing more.
  const byEmail = await hitRateLimit({ key: `reset:email:${email}`, max: RESET_EMAIL_LIMIT, windowMs: HOUR_MS });
  if (byEmail.exceeded) return;

  await withSystemTx(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, active: true } });
    const account = user?.active ? user : null;
    const now = new Date();
    // A newer link replaces the address's unused ones.
    await tx.oneTimeToken.updateMany({
      where: { email, purpose: "PASSWORD_RESET", usedAt: null },
      data: { usedAt: now },
    });
    const { token, tokenHash } = createOneTimeToken();
    await tx.oneTimeToken.create({
      data: {
        purpose: "PASSWORD_RESET",
        tokenHash,
        email,
        userId: account?.id ?? null,
        expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS),
      },
      select: { id: true },
    });
    await tx.platformAuditLog.create({
      data: {
        actorId: account?.id ?? null,
        email,
        action: "auth.password_reset_requested",
        details: { account: account !== null },
        ...requestColumns(request),
      },
      select: { id: true },
    });
    await enqueuePlatformEmail(tx, resetEmail(email, account, token, now));
  });
  kickOutbox();
}
