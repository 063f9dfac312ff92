// What the public invitation page shows before anyone accepts: the company, the role and who invited. A link that
// is unknown, expired, used, revoked or whose sender may no longer invite gives null, with no detail on which (the
// page says only "not valid").
import "server-only";
import { Prisma } from "../db/generated/client";
import { systemPrisma } from "../db/system";
import { hashToken, isWellFormedToken, tokenState } from "./one-time-token";
import type { Role } from "../auth/permissions";

/**
 * An invitation dies with its sender's right to invite: the company is active (not suspended, not waiting for
 * approval), and the sender is still an active admin of it, with an active account. Lowering the role or
 * deactivating retires the links too (lib/users); this covers any other way. An invitation with no recorded sender
 * is judged by its company and token alone. A condition on a row of one_time_tokens: the preview reads it, and
 * accepting claims the invitation only while it holds.
 */
export const senderMayStillInvite = Prisma.sql`(
  EXISTS (SELECT 1 FROM companies c WHERE c.id = one_time_tokens.company_id AND c.status = 'ACTIVE')
  AND (created_by_id IS NULL OR EXISTS (
  SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id
   WHERE m.company_id = one_time_tokens.company_id AND m.user_id = one_time_tokens.created_by_id
     AND m.active AND m.role = 'ADMIN' AND u.active)))`;

export interface InvitationPreview {
  companyName: string;
  role: Role;
  inviterName: string | null;
  /** The address the invitation was sent to: the account that may accept it. */
  email: string;
  expiresAt: Date;
  /** Whether an account already has that email (its password accepts) or one is created on accepting. */
  accountExists: boolean;
}

export async function readInvitation(token: string): Promise<InvitationPreview | null> {
  if (!isWellFormedToken(token)) return null;
  const db = systemPrisma();
  const invitation = await db.oneTimeToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      purpose: true,
      email: true,
      role: true,
      expiresAt: true,
      usedAt: true,
      createdById: true,
      company: { select: { name: true } },
    },
  });
  if (!invitation || invitation.purpose !== "INVITATION" || !invitation.company || !invitation.role) return null;
  if (tokenState(invitation) !== "valid") return null;
  const [[sender], inviter, account] = await Promise.all([
    db.$queryRaw<{ mayInvite: boolean }[]>`
      SELECT ${senderMayStillInvite} AS "mayInvite" FROM one_time_tokens WHERE token_hash = ${hashToken(token)}`,
    invitation.createdById
      ? db.user.findUnique({ where: { id: invitation.createdById }, select: { name: true } })
      : null,
    db.user.findUnique({ where: { email: invitation.email }, select: { id: true } }),
  ]);
  if (!sender?.mayInvite) return null;
  return {
    companyName: invitation.company.name,
    role: invitation.role,
    inviterName: inviter?.name ?? null,
    email: invitation.email,
    expiresAt: invitation.expiresAt,
    accountExists: account !== null,
  };
}
