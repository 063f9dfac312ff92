// A signed-in person changes their own password (also the forced change after a temporary password). The
// current password is asked again, so a borrowed session cannot lock its owner out. Every other session of the
// person is revoked (and the session version bumped); the caller re-issues this one with the returned claims.
import "server-only";
import { z } from "zod";
import type { RequestMeta } from "../context";
import { withSystemTx } from "../db/system";
import { parseInput } from "../errors";
import { enqueuePlatformEmail } from "../email/outbox-enqueue-platform";
import { absoluteUrl } from "../email/links";
import { kickOutbox } from "../email/outbox-runner";
import { accountChangedMeanwhile, unchangedSince, verifyCurrentPassword } from "./current-password";
import { hashPassword } from "../auth/passwords";
import { currentPasswordSchema, newPasswordSchema } from "../auth/password-policy";
import type { IdentityClaims } from "../auth/session-token";
import { retireAccountLinks } from "./request-password-reset";
import { revokeSessionsOf } from "../auth/sessions";
import { recordUserAudit } from "../auth/user-audit";

export const changePasswordSchema = z
  .object({
    currentPassword: currentPasswordSchema,
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .strict()
  .refine((input) => input.newPassword === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords do not match.",
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one.",
  });

export interface PasswordOwner {
  userId: string;
  /** The session's active company, kept in the re-issued claims. */
  companyId: string | null;
  /** The session that changes the password: the one session kept. */
  sessionId: string;
  request: RequestMeta;
}

export async function changePassword(owner: PasswordOwner, input: unknown): Promise<IdentityClaims> {
  const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
  const user = await verifyCurrentPassword(owner.userId, currentPassword, owner.request);
  const newHash = await hashPassword(newPassword);
  const sessionVersion = await withSystemTx(async (tx) => {
    const [updated] = await tx.user.updateManyAndReturn({
      where: unchangedSince(user),
      data: { passwordHash: newHash, mustChangePassword: false, demoPassword: false, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    if (!updated) throw accountChangedMeanwhile();
    await retireAccountLinks(tx, owner.userId);
    await revokeSessionsOf(tx, owner.userId, { except: owner.sessionId });
    await recordUserAudit(
      tx,
      { userId: owner.userId, email: user.email, action: "user.password_changed" },
      owner.request,
    );
    await enqueuePlatformEmail(tx, {
      template: "password-changed",
      to: user.email,
      props: { name: user.name, changedAt: new Date().toISOString(), signInUrl: absoluteUrl("/login") },
    });
    return updated.sessionVersion;
  });
  kickOutbox();
  return { sub: owner.userId, companyId: owner.companyId, sv: sessionVersion, mcp: false };
}
