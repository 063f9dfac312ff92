// The members of the caller's company, by name then id, one keyset page at a time (a company can have thousands;
// docs/architecture.md §3 "Lists"): a page is the members after (or before) the cursor's (name, id).
import "server-only";
import { z } from "zod";
import { can, type Role } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { decodeTextCursor, encodeTextCursor } from "../list/keyset-cursor";
import { cursorTextShape, decodeCursors, keysetPage } from "../list/keyset-page";
import { MEMBERS_CURSOR, pageLimitSchema } from "./member-fields";
import { memberAsKnown } from "./member-summary";

/** A members cursor from a URL or a caller, or null for one this list did not make. */
export const decodeMemberCursor = (text: string) => decodeTextCursor(MEMBERS_CURSOR, 1, text);

export const listMembersSchema = z
  .object({ ...cursorTextShape, limit: pageLimitSchema })
  .strict()
  .transform(decodeCursors(decodeMemberCursor));

/** DEACTIVATED: this company switched the membership off. ACCOUNT_DISABLED: the platform switched the account off. */
export type MemberStatus = "ACTIVE" | "DEACTIVATED" | "ACCOUNT_DISABLED";

export interface MemberRow {
  membershipId: string;
  userId: string;
  /** A deactivated member's as they were when deactivated (memberAsKnown). */
  name: string;
  email: string;
  role: Role;
  status: MemberStatus;
  /** Signed in with a temporary password and has not chosen their own yet. */
  mustChangePassword: boolean;
  joinedAt: Date;
  /** When this company deactivated them; null while active (and for deactivations older than the snapshot). */
  deactivatedAt: Date | null;
  isYou: boolean;
}

export interface MemberPage {
  members: MemberRow[];
  /** Every member of the company, on any page. */
  total: number;
  nextCursor: string | null;
  previousCursor: string | null;
}

export async function listMembers(ctx: TenantContext, input: unknown): Promise<MemberPage> {
  const { after, before, limit } = parseInput(listMembersSchema, input);
  if (!can(ctx.role, "users.manage")) throw AppError.forbidden();
  const cursor = after ?? before;
  // A page before the cursor is read backwards from it, then shown in the list's order.
  const scan = before ? "desc" : "asc";
  const past = before ? "lt" : "gt";
  return withTenantTx(ctx, async (tx) => {
    // One query at a time: a transaction is one connection.
    const read = await tx.membership.findMany({
      where: cursor
        ? {
            OR: [
              { user: { name: { [past]: cursor.keys[0] } } },
              { user: { name: cursor.keys[0] }, id: { [past]: cursor.id } },
            ],
          }
        : {},
      select: {
        id: true,
        role: true,
        active: true,
        deactivatedName: true,
        deactivatedEmail: true,
        deactivatedAt: true,
        createdAt: true,
        user: { select: { id: true, name: true, email: true, active: true, mustChangePassword: true } },
      },
      // The name is another table's (users): no index orders a company's memberships by it, so this sorts the
      // company's members, a few thousand at most (§3 "Lists").
      orderBy: [{ user: { name: scan } }, { id: scan }],
      take: limit + 1,
    });
    const total = await tx.membership.count({ where: {} });
    const page = keysetPage(before ? read.reverse() : read, { limit, after, before }, (row) =>
      encodeTextCursor(MEMBERS_CURSOR, { keys: [row.user.name], id: row.id }),
    );
    return {
      members: page.rows.map((row) => ({
        membershipId: row.id,
        userId: row.user.id,
        ...memberAsKnown(row),
        role: row.role,
        status: !row.active ? "DEACTIVATED" : row.user.active ? "ACTIVE" : "ACCOUNT_DISABLED",
        mustChangePassword: row.user.mustChangePassword,
        joinedAt: row.createdAt,
        deactivatedAt: row.deactivatedAt,
        isYou: row.user.id === ctx.userId,
      })),
      total,
      nextCursor: page.nextCursor,
      previousCursor: page.previousCursor,
    };
  });
}
