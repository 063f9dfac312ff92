// A person's own profile: their name, and their email (re-confirmed with the password, then by a link to the new
// address; the old address is told when it changes).
// These change the global user, which the app role may not write for someone's other companies: the system client does it (lib/db/system-client-importers.mjs).
import "server-only";
import { z } from "zod";
import { emailAddressSchema } from "./email-address";
import { singleLineText } from "../fields";
import type { RequestMeta } from "../context";
import { withSystemTx } from "../db/system";
import { AppError, parseInput } from "../errors";
import { enqueuePlatformEmail } from "../email/outbox-enqueue-platform";
import { kickOutbox } from "../email/outbox-runner";
import { accountChangedMeanwhile, unchangedSince, verifyCurrentPassword } from "./current-password";
import { currentPasswordSchema } from "../auth/password-policy";
import { ADDRESS_TAKEN_MESSAGE } from "./email-confirmation";
import { issueEmailConfirmation } from "./email-confirmation-link";
import { recordUserAudit } from "../auth/user-audit";

export interface ProfileOwner {
  userId: string;
  request: RequestMeta;
}

const nameSchema = singleLineText({ missing: "Enter your name.", max: 120 });

export const nameInput = z.object({ name: nameSchema }).strict();

export const emailInput = z
  .object({
    email: emailAddressSchema,
    currentPassword: currentPasswordSchema,
  })
  .strict();

export async function updateProfileName(owner: ProfileOwner, input: unknown): Promise<{ name: string }> {
  const { name } = parseInput(nameInput, input);
  return withSystemTx(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: owner.userId }, select: { name: true, email: true } });
    if (!before) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
    const after = await tx.user.update({ where: { id: owner.userId }, data: { name }, select: { name: true } });
    await recordUserAudit(
      tx,
      { userId: owner.userId, email: before.email, action: "user.name_changed", before: { name: before.name }, after },
      owner.request,
    );
    return after;
  });
}

/**
 * Asks for a new address: a link goes to it (EMAIL_CHANGE), and the address changes only when that link is opened
 * (lib/accounts/email-confirmation.ts), which also tells the old address. Until then the old address stays in use.
 */
export async function changeEmail(owner: ProfileOwner, input: unknown): Promise<{ pendingEmail: string }> {
  const { email, currentPassword } = parseInput(emailInput, input);
  const user = await verifyCurrentPassword(owner.userId, currentPassword, owner.request);
  if (email === user.email) throw AppError.validation({ email: ["That is already your email address."] });
  const result = await withSystemTx(async (tx) => {
    const taken = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (taken) throw AppError.validation({ email: [ADDRESS_TAKEN_MESSAGE] });
    // One request at a time per account (the newer link retires the older), against the account as it was verified:
    // a password or email change that slipped in between is not overridden.
    await tx.$executeRaw`SELECT 1 FROM users WHERE id = ${owner.userId}::uuid FOR UPDATE`;
    const current = await tx.user.findFirst({ where: unchangedSince(user), select: { id: true } });
    if (!current) throw accountChangedMeanwhile();
    const { expiresAt } = await issueEmailConfirmation(tx, {
      userId: owner.userId,
      name: user.name,
      email,
      change: true,
    });
    await recordUserAudit(
      tx,
      {
        userId: owner.userId,
        email: user.email,
        action: "user.email_change_requested",
        before: { email: user.email },
        after: { pendingEmail: email, expiresAt: expiresAt.toISOString() },
      },
      owner.request,
    );
    // The current address hears of it now, while the change can still be stopped (retireAccountLinks).
    await enqueuePlatformEmail(tx, {
      template: "email-change-requested",
      to: user.email,
      props: { name: user.name, oldEmail: user.email, newEmail: email, requestedAt: new Date().toISOString() },
    });
    return { pendingEmail: email };
  });
  kickOutbox();
  return result;
}
