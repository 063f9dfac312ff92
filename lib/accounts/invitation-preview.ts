// What the public invitation page shows before anyone accepts: the company, the role and who invited. A link that
// is unknown, expired, used or revoked gives null, with no detail on which (the page says only "not valid").
import "server-only";
import { systemPrisma } from "../db/system";
import { hashToken, isWellFormedToken, tokenState } from "./one-time-token";
import type { Role } from "../auth/permissions";

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
  const [inviter, account] = await Promise.all([
    invitation.createdById
      ? db.user.findUnique({ where: { id: invitation.createdById }, select: { name: true } })
      : null,
    db.user.findUnique({ where: { email: invitation.email }, select: { id: true } }),
  ]);
  return {
    companyName: invitation.company.name,
    role: invitation.role,
    inviterName: inviter?.name ?? null,
    email: invitation.email,
    expiresAt: invitation.expiresAt,
    accountExists: account !== null,
  };
}
