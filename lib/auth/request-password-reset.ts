// "Forgot your password?": the same answer whether or not the email has an account (no enumeration). For an
// active account, a single-use link valid for an hour goes out through the outbox; only its hash is stored, and
// an earlier unused link stops working. Requests are limited per email and per client address.
import "server-only";
import { rateLimitAddress } from "../http/client-address";
import { requestColumns } from "../audit/record-audit";
import { z } from "zod";
import { emailAddressSchema } from "./email-address";
import type { RequestMeta } from "../context";
import { withSystemTx, type SystemTx } from "../db/system";
import { parseInput } from "../errors";
import { absoluteUrl } from "../email/links";
import { enqueuePlatformEmail } from "../email/outbox-enqueue-platform";
import { kickOutbox } from "../email/outbox-runner";
import { createOneTimeToken, PASSWORD_RESET_TTL_MS } from "./one-time-token";
import { hitRateLimit } from "./rate-limit";

const HOUR_MS = 60 * 60 * 1000;
/** Reset emails per address per hour, and requests per client address per hour. */
export const RESET_EMAIL_LIMIT = 3;
export const RESET_ADDRESS_LIMIT = 20;

export const requestSchema = z.object({ email: emailAddressSchema }).strict();

/**
 * Unused reset links of a person stop working: a newer link replaces them, and so does any change of password or
 * email (a link sent to an old, perhaps compromised, mailbox must not outlive the change).
 */
export async function retirePasswordResetLinks(tx: SystemTx, userId: string): Promise<void> {
  await tx.oneTimeToken.updateMany({
    where: { userId, purpose: "PASSWORD_RESET", usedAt: null },
    data: { usedAt: new Date() },
  });
}

export async function requestPasswordReset(input: unknown, request: RequestMeta): Promise<void> {
  const { email } = parseInput(requestSchema, input);
  const byEmail = await hitRateLimit({ key: `reset:email:${email}`, max: RESET_EMAIL_LIMIT, windowMs: HOUR_MS });
  const byAddress = request.ip
    ? await hitRateLimit({
        key: `reset:address:${rateLimitAddress(request.ip)}`,
        max: RESET_ADDRESS_LIMIT,
        windowMs: HOUR_MS,
      })
    : undefined;
  // Over a limit: say nothing different, send nothing more.
  if (byEmail.count > RESET_EMAIL_LIMIT || (byAddress && byAddress.count > RESET_ADDRESS_LIMIT)) return;

  const sent = await withSystemTx(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, active: true } });
    if (!user?.active) return false;
    const now = new Date();
    await retirePasswordResetLinks(tx, user.id);
    const { token, tokenHash } = createOneTimeToken();
    await tx.oneTimeToken.create({
      data: {
        purpose: "PASSWORD_RESET",
        tokenHash,
        email,
        userId: user.id,
        expiresAt: new Date(now.getTime() + PASSWORD_RESET_TTL_MS),
      },
      select: { id: true },
    });
    await tx.platformAuditLog.create({
      data: {
        actorId: user.id,
        email,
        action: "auth.password_reset_requested",
        ...requestColumns(request),
      },
      select: { id: true },
    });
    await enqueuePlatformEmail(tx, {
      template: "password-reset",
      to: email,
      props: {
        name: user.name,
        resetUrl: absoluteUrl(`/reset-password/${token}`),
        expiresInMinutes: PASSWORD_RESET_TTL_MS / 60_000,
      },
    });
    return true;
  });
  if (sent) kickOutbox();
}
