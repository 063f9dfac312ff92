// A person's own profile: their name, and their email (re-confirmed with the password; the old address is told).
// These change the global user, which the app role may not write for someone's other companies: lib/auth does it.
import "server-only";
import { z } from "zod";
import { emailAddressSchema } from "./email-address";
import { singleLineText } from "../fields";
import type { RequestMeta } from "../context";
import { withSystemTx } from "../db/system";
import { AppError, isUniqueViolation, parseInput } from "../errors";
import { enqueuePlatformEmail } from "../email/outbox-enqueue-platform";
import { kickOutbox } from "../email/outbox-runner";
import { accountChangedMeanwhile, unchangedSince, verifyCurrentPassword } from "./current-password";
import { currentPasswordSchema } from "./password-policy";
import { retirePasswordResetLinks } from "./request-password-reset";
import { recordUserAudit } from "./user-audit";

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

export async function changeEmail(owner: ProfileOwner, input: unknown): Promise<{ email: string }> {
  const { email, currentPassword } = parseInput(emailInput, input);
  const user = await verifyCurrentPassword(owner.userId, currentPassword, owner.request);
  if (email === user.email) throw AppError.validation({ email: ["That is already your email address."] });
  const result = await withSystemTx(async (tx) => {
    const taken = await tx.user.findUnique({ where: { email }, select: { id: true } });
    if (taken) throw AppError.validation({ email: ["Another account uses that email address."] });
    const { count } = await tx.user
      .updateMany({ where: unchangedSince(user), data: { email } })
      .catch((error: unknown) => {
        // Taken between the check and the write: the unique index decides.
        if (isUniqueViolation(error)) {
          throw AppError.validation({ email: ["Another account uses that email address."] });
        }
        throw error;
      });
    if (count === 0) throw accountChangedMeanwhile();
    await retirePasswordResetLinks(tx, owner.userId);
    await recordUserAudit(
      tx,
      { userId: owner.userId, email, action: "user.email_changed", before: { email: user.email }, after: { email } },
      owner.request,
    );
    await enqueuePlatformEmail(tx, {
      template: "email-changed",
      to: user.email,
      props: { name: user.name, oldEmail: user.email, newEmail: email, changedAt: new Date().toISOString() },
    });
    return { email };
  });
  kickOutbox();
  return result;
}
