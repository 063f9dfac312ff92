// Accepting an invitation (the public page /invite/<token>). The token is claimed with one conditional UPDATE
// (unused and unexpired), so of two accepts at once exactly one wins; whatever refuses afterwards rolls the claim
// back with everything else. Both ways return the claims of the session to start, with the invitation's company
// active; starting it (a cookie) is the caller's job.
//  - a new person: the account and the membership are created in the same transaction;
//  - an existing account: the person is signed in as the invited address, or proves it with the account's
//    password here (checked like a sign-in: same limits and audit); the membership is added, or a deactivated
//    one comes back with the invited role. The password route is what lets a former member come back: with no
//    active company they cannot sign in first.
// Either way the link proved the address: accepting confirms it (issue 12, item 3). An invitation whose sender may no
// longer invite is not claimed.
import "server-only";
import { z } from "zod";
import type { RequestMeta } from "../context";
import { withSystemTx, type SystemTx } from "../db/system";
import { AppError, isUniqueViolation, parseInput } from "../errors";
import { memberNameSchema } from "../users/member-fields";
import { recordCompanyAudit } from "../auth/company-audit";
import { confirmEmailByInvitation } from "./email-confirmation";
import { hashToken, isWellFormedToken } from "./one-time-token";
import { hashPassword } from "../auth/passwords";
import { currentPasswordSchema, newPasswordSchema } from "../auth/password-policy";
import { readInvitation, senderMayStillInvite } from "./invitation-preview";
import { limitClientAddress } from "../auth/rate-limit";
import { authenticate } from "../auth/sign-in";
import type { Role } from "../auth/permissions";
import type { IdentityClaims } from "../auth/session-token";

export const INVALID_INVITATION_MESSAGE =
  "This invitation link is not valid any more. Ask your company's admin to send you a new one.";

export const newAccountSchema = z
  .object({ name: memberNameSchema, password: newPasswordSchema, confirmPassword: z.string() })
  .strict()
  .refine((input) => input.password === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });

interface ClaimedInvitation {
  id: string;
  companyId: string;
  email: string;
  role: Role;
}

async function claimInvitation(tx: SystemTx, token: string): Promise<ClaimedInvitation> {
  const [claimed] = await tx.$queryRaw<ClaimedInvitation[]>`
    UPDATE one_time_tokens
       SET used_at = now()
     WHERE token_hash = ${hashToken(token)}
       AND purpose = 'INVITATION'
       AND used_at IS NULL
       AND expires_at > now()
       AND company_id IS NOT NULL
       AND role IS NOT NULL
       AND ${senderMayStillInvite}
    RETURNING id::text AS id, company_id::text AS "companyId", email, role::text AS role`;
  if (!claimed) throw invalid();
  return claimed;
}

function invalid(): AppError {
  return new AppError("NOT_FOUND", INVALID_INVITATION_MESSAGE);
}

/** Submits of the public invitation forms per client address per hour. */
export const INVITATION_SUBMITS_PER_ADDRESS_PER_HOUR = 20;

/** Counted before anything else, so probing links or the form's rules costs attempts too. */
function limitInvitationSubmits(request: RequestMeta): Promise<void> {
  return limitClientAddress(request, {
    form: "invitation",
    max: INVITATION_SUBMITS_PER_ADDRESS_PER_HOUR,
    windowMs: 60 * 60 * 1000,
    refusal: "Too many invitation attempts from your network.",
  });
}

/** A new person accepts: name and password chosen here; returns the claims of their first session. */
export async function acceptInvitationAsNewUser(
  token: string,
  input: unknown,
  request: RequestMeta,
): Promise<IdentityClaims> {
  await limitInvitationSubmits(request);
  const { name, password } = parseInput(newAccountSchema, input);
  // A dead link costs no argon2; the claim below still decides, for a link spent meanwhile.
  if (!(await readInvitation(token))) throw invalid();
  const passwordHash = await hashPassword(password);
  return withSystemTx(async (tx) => {
    const invitation = await claimInvitation(tx, token);
    if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) {
      throw new AppError("CONFLICT", "An account with this email already exists: enter its password to accept.");
    }
    const user = await tx.user
      .create({ data: { email: invitation.email, name, passwordHash }, select: { id: true, sessionVersion: true } })
      .catch((error: unknown) => {
        // Registered under this email a moment ago: the unique index decides, and says so in words.
        if (isUniqueViolation(error))
          throw new AppError("CONFLICT", "An account with this email already exists: enter its password to accept.");
        throw error;
      });
    const membership = await tx.membership.create({
      data: { companyId: invitation.companyId, userId: user.id, role: invitation.role },
      select: { id: true },
    });
    await confirmEmailByInvitation(tx, { userId: user.id, name, email: invitation.email }, request);
    await recordCompanyAudit(
      tx,
      { companyId: invitation.companyId, userId: user.id, request },
      {
        action: "invitation.accepted",
        entityType: "invitation",
        entityId: invitation.id,
        after: {
          userId: user.id,
          name,
          email: invitation.email,
          role: invitation.role,
          membershipId: membership.id,
          accountCreated: true,
        },
      },
    );
    return { sub: user.id, companyId: invitation.companyId, sv: user.sessionVersion, mcp: false };
  });
}

/** The signed-in owner of the invited address accepts; returns the claims with the new company active. */
export async function acceptInvitationAsMember(
  token: string,
  person: { userId: string },
  request: RequestMeta,
): Promise<IdentityClaims> {
  if (!isWellFormedToken(token)) throw invalid();
  return withSystemTx(async (tx) => {
    const invitation = await claimInvitation(tx, token);
    const user = await tx.user.findUnique({
      where: { id: person.userId },
      select: { id: true, name: true, email: true, active: true, sessionVersion: true, mustChangePassword: true },
    });
    if (!user?.active) throw new AppError("UNAUTHENTICATED", "Your session has ended. Please sign in again.");
    // A temporary password was set by some company's admin, who still knows it: it must not open another company.
    if (user.mustChangePassword) {
      throw AppError.forbidden(
        "Choose your own password first: sign in, change it, then open this invitation link again.",
      );
    }
    if (user.email !== invitation.email) {
      throw AppError.forbidden(
        "This invitation was sent to another email address. Sign out, then open the link again and sign in as the invited address.",
      );
    }
    const existing = await tx.membership.findUnique({
      where: { companyId_userId: { companyId: invitation.companyId, userId: user.id } },
      select: { id: true, role: true, active: true },
    });
    let membership: { id: string; role: Role; active: boolean };
    if (!existing) {
      membership = await tx.membership.create({
        data: { companyId: invitation.companyId, userId: user.id, role: invitation.role },
        select: { id: true, role: true, active: true },
      });
    } else if (!existing.active) {
      membership = await tx.membership.update({
        where: { id: existing.id },
        data: { active: true, role: invitation.role },
        select: { id: true, role: true, active: true },
      });
    } else {
      // Already an active member (they joined another way meanwhile): the invitation is spent, nothing changes —
      // in particular not their role, which only an admin changes, under the last-admin guard.
      membership = existing;
    }
    await confirmEmailByInvitation(tx, { userId: user.id, name: user.name, email: user.email }, request);
    await recordCompanyAudit(
      tx,
      { companyId: invitation.companyId, userId: user.id, request },
      {
        action: "invitation.accepted",
        entityType: "invitation",
        entityId: invitation.id,
        before: existing ? { membershipId: existing.id, role: existing.role, active: existing.active } : null,
        after: {
          userId: user.id,
          email: user.email,
          membershipId: membership.id,
          role: membership.role,
          active: true,
          accountCreated: false,
        },
      },
    );
    return { sub: user.id, companyId: invitation.companyId, sv: user.sessionVersion, mcp: user.mustChangePassword };
  });
}

export const passwordSchema = z.object({ password: currentPasswordSchema }).strict();

/** The owner of an existing account accepts without signing in first: the account's password proves who they are. */
export async function acceptInvitationWithPassword(
  token: string,
  input: unknown,
  request: RequestMeta,
): Promise<IdentityClaims> {
  await limitInvitationSubmits(request);
  const { password } = parseInput(passwordSchema, input);
  const invitation = await readInvitation(token);
  if (!invitation) throw invalid();
  const result = await authenticate({ email: invitation.email, password }, request);
  if (!result.ok) throw AppError.validation({ password: [result.message] });
  return acceptInvitationAsMember(token, { userId: result.user.id }, request);
}
