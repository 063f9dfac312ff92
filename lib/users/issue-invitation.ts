// Issuing an invitation, shared by inviteMember and resendInvitation. Runs inside the caller's tenant transaction,
// so the token, the outbox email and the caller's audit row commit together or not at all. An invitation lives only
// as long as its sender may invite: acceptance checks it (lib/accounts/accept-invitation.ts), and lowering the sender's
// role or deactivating them retires what they sent (retireInvitationsSentBy).
import "server-only";
import { INVITATION_TTL_MS, createOneTimeToken } from "../accounts/one-time-token";
import type { Role } from "../auth/permissions";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { enqueueEmail } from "../email/enqueue-email";
import { absoluteUrl } from "../email/links";
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";

/**
 * People one company may invite (new and resent invitations) or add directly with a temporary password, together,
 * in any 24 hours: each is mail to a stranger. A team growing, not a list being mailed.
 */
export const INVITATIONS_PER_COMPANY_PER_DAY = 50;

export const INVITATION_LIMIT_MESSAGE = `Your company has invited or added ${INVITATIONS_PER_COMPANY_PER_DAY} people in the last 24 hours, the most allowed. Try again tomorrow.`;

/** A client that runs raw SQL: the tenant transaction of an invitation or the system one of a created account. */
interface RawSql {
  $executeRaw(query: Prisma.Sql): Promise<number>;
  $queryRaw<T>(query: Prisma.Sql): Promise<T>;
}

/**
 * The company stays under its daily number of people invited or added: invitations sent (the tokens) and accounts
 * created directly (their `user.created` audit rows) in the last 24 hours. A company-wide lock for this transaction
 * makes the count exact when admins invite or add at the same moment.
 */
export async function assertUnderDailyAdditions(tx: RawSql, companyId: string): Promise<void> {
  await tx.$executeRaw(Prisma.sql`SELECT pg_advisory_xact_lock(hashtextextended(${`invitations:${companyId}`}, 0))`);
  const since = new Date(Date.now() - DAY_MS);
  const [row] = await tx.$queryRaw<{ added: number }[]>(Prisma.sql`
    SELECT (SELECT count(*) FROM one_time_tokens
             WHERE company_id = ${companyId}::uuid AND purpose = 'INVITATION' AND created_at > ${since})::int
         + (SELECT count(*) FROM audit_logs
             WHERE company_id = ${companyId}::uuid AND action = 'user.created' AND created_at > ${since})::int AS added`);
  if ((row?.added ?? 0) >= INVITATIONS_PER_COMPANY_PER_DAY) {
    throw new AppError("RATE_LIMITED", INVITATION_LIMIT_MESSAGE);
  }
}

export const CONFIRM_BEFORE_INVITING_MESSAGE =
  "Confirm your email address before inviting anyone: open the link we emailed you, or send a new one from your profile.";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whoever sends company mail to a stranger must have a confirmed address (so a company whose admin never confirmed
 * sends nothing), and the company stays under its daily number. A company-wide lock for this transaction makes the
 * count exact when admins invite at the same moment.
 */
export async function assertMayInvite(tx: TenantTx, ctx: TenantContext): Promise<void> {
  const sender = await tx.user.findUnique({ where: { id: ctx.userId }, select: { emailVerifiedAt: true } });
  if (!sender?.emailVerifiedAt) throw AppError.forbidden(CONFIRM_BEFORE_INVITING_MESSAGE);
  await assertUnderDailyAdditions(tx, ctx.companyId);
}

const ROLE_NAMES = { ADMIN: "Admin", MANAGER: "Manager", STAFF: "Staff" } as const satisfies Record<Role, string>;

export interface IssuedInvitation {
  invitationId: string;
  email: string;
  role: Role;
  expiresAt: Date;
  /** Ids of the pending invitations for the same email that this one replaced. */
  replacedInvitationIds: string[];
}

/**
 * Serialises invitations to one email in one company (an advisory lock for this transaction), retires the
 * pending ones, stores the new token's hash only and queues the email carrying the raw token in its link.
 */
export async function issueInvitation(
  tx: TenantTx,
  ctx: TenantContext,
  invitee: { email: string; role: Role },
): Promise<IssuedInvitation> {
  await assertMayInvite(tx, ctx);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`invitation:${ctx.companyId}:${invitee.email}`}, 0))`;
  const now = new Date();
  const pending = await tx.oneTimeToken.findMany({
    where: { purpose: "INVITATION", email: invitee.email, usedAt: null },
    select: { id: true },
  });
  if (pending.length > 0) {
    await tx.oneTimeToken.updateMany({
      where: { id: { in: pending.map((row) => row.id) }, usedAt: null },
      data: { usedAt: now },
    });
  }
  const { token, tokenHash } = createOneTimeToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const invitation = await tx.oneTimeToken.create({
    data: {
      companyId: ctx.companyId,
      purpose: "INVITATION",
      tokenHash,
      email: invitee.email,
      role: invitee.role,
      createdById: ctx.userId,
      expiresAt,
    },
    select: { id: true },
  });
  // One query at a time: a transaction is one connection.
  const company = await tx.company.findUniqueOrThrow({ where: { id: ctx.companyId }, select: { name: true } });
  const inviter = await tx.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { name: true } });
  await enqueueEmail(tx, ctx, {
    template: "invitation",
    to: invitee.email,
    props: {
      companyName: company.name,
      inviterName: inviter.name,
      role: ROLE_NAMES[invitee.role],
      acceptUrl: absoluteUrl(`/invite/${token}`),
      expiresAt: expiresAt.toISOString(),
    },
  });
  return {
    invitationId: invitation.id,
    email: invitee.email,
    role: invitee.role,
    expiresAt,
    replacedInvitationIds: pending.map((row) => row.id),
  };
}
