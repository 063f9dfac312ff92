// The system-side half of users administration: the writes the app role may not make (creating a user row,
// setting a password hash, the session version or mustChangePassword, looking an email up across companies).
// Callers (lib/users) check the permission and the target's membership through the tenant client first; each
// function here re-checks its own preconditions inside its transaction (the actor is an active admin of the
// company, the target belongs to it, the account is the company's alone), so it cannot be used for more.
import "server-only";
import type { Role } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withSystemTx, type SystemTx } from "../db/system";
import { AppError, isUniqueViolation } from "../errors";
import { recordCompanyAudit } from "../auth/company-audit";
import { assertUnderDailyAdditions } from "../users/issue-invitation";
import { issueEmailConfirmation } from "./email-confirmation-link";
import { retireAccountLinks } from "./request-password-reset";
import { revokeSessionsOf } from "../auth/sessions";

export const ACCOUNT_EXISTS_MESSAGE = "This person already has an account: invite them instead.";
export const CONFIRM_BEFORE_CREATING_MESSAGE =
  "Confirm your email address before adding anyone: open the link we emailed you, or send a new one from your profile.";
export const SHARED_ACCOUNT_MESSAGE =
  "This person also belongs to another company, so only they can change their password: ask them to use “Forgot your password?” on the sign-in page.";

/** The actor must still be an active admin of an active company when the write happens. */
async function assertActiveAdmin(tx: SystemTx, ctx: TenantContext): Promise<void> {
  const admin = await tx.membership.findFirst({
    where: {
      companyId: ctx.companyId,
      userId: ctx.userId,
      role: "ADMIN",
      active: true,
      user: { active: true },
      company: { status: "ACTIVE" },
    },
    select: { id: true },
  });
  if (!admin) throw AppError.forbidden();
}

export interface NewAccount {
  email: string;
  name: string;
  role: Role;
  /** The argon2id hash of the temporary password (hashed by the caller, outside the transaction). */
  passwordHash: string;
}

/**
 * A new person with a temporary password and a membership in the actor's company, in one transaction with its
 * audit row; pending invitations of the company for that email are retired. Refused when any account already
 * has the email (that person is invited instead), or when the actor's own address is unconfirmed. The new address
 * gets its confirmation link: until it is opened, no company mail goes there.
 */
export async function createAccountWithMembership(
  ctx: TenantContext,
  account: NewAccount,
): Promise<{ userId: string; membershipId: string }> {
  const accountExists = () => AppError.validation({ email: [ACCOUNT_EXISTS_MESSAGE] });
  try {
    return await withSystemTx(async (tx) => {
      await assertActiveAdmin(tx, ctx);
      // Like an invitation, a new account is company mail to a stranger: only from a confirmed sender.
      const actor = await tx.user.findUnique({ where: { id: ctx.userId }, select: { emailVerifiedAt: true } });
      if (!actor?.emailVerifiedAt) throw AppError.forbidden(CONFIRM_BEFORE_CREATING_MESSAGE);
      await assertUnderDailyAdditions(tx, ctx.companyId);
      if (await tx.user.findUnique({ where: { email: account.email }, select: { id: true } })) throw accountExists();
      const user = await tx.user.create({
        data: {
          email: account.email,
          name: account.name,
          passwordHash: account.passwordHash,
          mustChangePassword: true,
        },
        select: { id: true },
      });
      const membership = await tx.membership.create({
        data: { companyId: ctx.companyId, userId: user.id, role: account.role },
        select: { id: true },
      });
      await tx.oneTimeToken.updateMany({
        where: { companyId: ctx.companyId, purpose: "INVITATION", email: account.email, usedAt: null },
        data: { usedAt: new Date() },
      });
      await recordCompanyAudit(tx, ctx, {
        action: "user.created",
        entityType: "user",
        entityId: user.id,
        after: {
          email: account.email,
          name: account.name,
          role: account.role,
          membershipId: membership.id,
          credential: "temporary, to be changed at first sign-in",
        },
      });
      // Nobody has shown that the address reaches this person: no company mail until they open this link.
      await issueEmailConfirmation(tx, { userId: user.id, name: account.name, email: account.email, change: false });
      return { userId: user.id, membershipId: membership.id };
    });
  } catch (error) {
    // Someone took the email between the check and the insert.
    if (isUniqueViolation(error)) throw accountExists();
    throw error;
  }
}

/**
 * Sets a temporary password for the member `membershipId` of the actor's company: they must choose a new one at
 * their next sign-in, and every session they have ends (the session version moves on). Only for an account
 * whose one membership is this company's, never a platform administrator's and never the actor's own.
 */
export async function resetPasswordToTemporary(
  ctx: TenantContext,
  target: { membershipId: string; passwordHash: string },
): Promise<{ userId: string; email: string }> {
  return withSystemTx(async (tx) => {
    await assertActiveAdmin(tx, ctx);
    const membership = await tx.membership.findFirst({
      where: { id: target.membershipId, companyId: ctx.companyId },
      select: { userId: true },
    });
    if (!membership) throw AppError.notFound("That member");
    if (membership.userId === ctx.userId) {
      throw AppError.forbidden("To change your own password, use “Change password” instead.");
    }
    // Locks the account: a membership being added elsewhere meanwhile (its foreign key check needs this row)
    // waits for this transaction, or this one sees it below.
    const [user] = await tx.$queryRaw<{ email: string; isPlatformAdmin: boolean }[]>`
      SELECT email, is_platform_admin AS "isPlatformAdmin" FROM users WHERE id = ${membership.userId}::uuid FOR UPDATE`;
    if (!user) throw AppError.notFound("That member");
    const elsewhere = await tx.membership.count({
      where: { userId: membership.userId, companyId: { not: ctx.companyId } },
    });
    if (elsewhere > 0 || user.isPlatformAdmin) throw AppError.forbidden(SHARED_ACCOUNT_MESSAGE);
    const updated = await tx.user.update({
      where: { id: membership.userId },
      data: {
        passwordHash: target.passwordHash,
        mustChangePassword: true,
        demoPassword: false,
        sessionVersion: { increment: 1 },
      },
      select: { sessionVersion: true },
    });
    await retireAccountLinks(tx, membership.userId);
    await revokeSessionsOf(tx, membership.userId);
    await recordCompanyAudit(tx, ctx, {
      action: "user.password_reset_by_admin",
      entityType: "user",
      entityId: membership.userId,
      before: { email: user.email },
      after: { email: user.email, sessionVersion: updated.sessionVersion, signInRequires: "a new password" },
    });
    return { userId: membership.userId, email: user.email };
  });
}
