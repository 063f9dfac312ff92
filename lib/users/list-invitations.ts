// The caller's company's pending invitations (not accepted, not revoked), newest first, with those that expired
// unanswered marked so the admin can resend them. Keyset pages (docs/architecture.md §3 "Lists"): a page is the
// invitations after (or before) the cursor's (created_at, id), read along the index on
// (company_id, purpose, created_at).
import "server-only";
import { z } from "zod";
import { can, type Role } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { decodeTimeCursor, encodeTimeCursor } from "../list/keyset-cursor";
import { cursorTextShape, decodeCursors, keysetPage } from "../list/keyset-page";
import { INVITATIONS_CURSOR, pageLimitSchema } from "./member-fields";

/** An invitations cursor from a URL or a caller, or null for one this list did not make. */
export const decodeInvitationCursor = (text: string) => decodeTimeCursor(INVITATIONS_CURSOR, text);

export const listInvitationsSchema = z
  .object({ ...cursorTextShape, limit: pageLimitSchema })
  .strict()
  .transform(decodeCursors(decodeInvitationCursor));

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
  /** Every pending invitation, on any page. */
  total: number;
  nextCursor: string | null;
  previousCursor: string | null;
}

export async function listInvitations(ctx: TenantContext, input: unknown): Promise<InvitationPage> {
  const { after, before, limit } = parseInput(listInvitationsSchema, input);
  if (!can(ctx.role, "users.manage")) throw AppError.forbidden();
  const cursor = after ?? before;
  // Newest first; a page before the cursor is read backwards (oldest first) from it, then shown newest first.
  const scan = before ? "asc" : "desc";
  const [past, upTo] = before ? (["gt", "gte"] as const) : (["lt", "lte"] as const);
  return withTenantTx(ctx, async (tx) => {
    const pending = { purpose: "INVITATION" as const, usedAt: null };
    // One query at a time: a transaction is one connection.
    const read = await tx.oneTimeToken.findMany({
      where: cursor
        ? {
            ...pending,
            // The range is one the index can start its scan at; the OR keeps, of the cursor's own moment, only the
            // invitations past the cursor's id.
            createdAt: { [upTo]: new Date(cursor.createdAt) },
            OR: [
              { createdAt: { [past]: new Date(cursor.createdAt) } },
              { createdAt: new Date(cursor.createdAt), id: { [past]: cursor.id } },
            ],
          }
        : pending,
      select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, createdById: true },
      orderBy: [{ createdAt: scan }, { id: scan }],
      take: limit + 1,
    });
    const total = await tx.oneTimeToken.count({ where: pending });
    const { rows, nextCursor, previousCursor } = keysetPage(
      before ? read.reverse() : read,
      { limit, after, before },
      (row) => encodeTimeCursor(INVITATIONS_CURSOR, { createdAt: row.createdAt.toISOString(), id: row.id }),
    );
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
      total,
      nextCursor,
      previousCursor,
    };
  });
}
