// The caller's company's pending invitations (not accepted, not revoked), newest first, with those that expired
// unanswered marked so the admin can resend them.
import "server-only";
import { z } from "zod";
import { can, type Role } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { MEMBERS_PAGE_SIZE, pageSchema } from "./member-fields";

export const listInvitationsSchema = z.object({ page: pageSchema }).strict();

export interface InvitationRow {
  invitationId: string;
  email: string;
  role: Role;
  invitedAt: Date;
  expiresAt: Date;
  expired: boolean;
  /** Null when the inviter is no longer a member of the company. */
  invitedBy: string | null;
}

export interface InvitationPage {
  invitations: InvitationRow[];
  page: number;
  pageSize: number;
  total: number;
  hasNextPage: boolean;
}

export async function listInvitations(ctx: TenantContext, input: unknown): Promise<InvitationPage> {
  const { page } = parseInput(listInvitationsSchema, input);
  if (!can(ctx.role, "users.manage")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const pending = { purpose: "INVITATION" as const, usedAt: null };
    // One query at a time: a transaction is one connection.
    const rows = await tx.oneTimeToken.findMany({
      where: pending,
      select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, createdById: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * MEMBERS_PAGE_SIZE,
      take: MEMBERS_PAGE_SIZE,
    });
    const total = await tx.oneTimeToken.count({ where: pending });
    const inviterIds = [...new Set(rows.flatMap((row) => (row.createdById ? [row.createdById] : [])))];
    const inviters = inviterIds.length
      ? await tx.user.findMany({ where: { id: { in: inviterIds } }, select: { id: true, name: true } })
      : [];
    const names = new Map(inviters.map((inviter) => [inviter.id, inviter.name]));
    const now = Date.now();
    return {
      invitations: rows.map((row) => ({
        invitationId: row.id,
        email: row.email,
        // Invitations always carry a role (inviteMember writes one); STAFF is the least it could grant.
        role: row.role ?? "STAFF",
        invitedAt: row.createdAt,
        expiresAt: row.expiresAt,
        expired: row.expiresAt.getTime() <= now,
        invitedBy: row.createdById ? (names.get(row.createdById) ?? null) : null,
      })),
      page,
      pageSize: MEMBERS_PAGE_SIZE,
      total,
      hasNextPage: page * MEMBERS_PAGE_SIZE < total,
    };
  });
}
