// The members of the caller's company, by name, one page at a time (a company can have thousands).
import "server-only";
import { z } from "zod";
import { can, type Role } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { MEMBERS_PAGE_SIZE, pageSchema } from "./member-fields";
import { memberAsKnown } from "./member-summary";

export const listMembersSchema = z.object({ page: pageSchema }).strict();

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
  page: number;
  pageSize: number;
  total: number;
  hasNextPage: boolean;
}

export async function listMembers(ctx: TenantContext, input: unknown): Promise<MemberPage> {
  const { page } = parseInput(listMembersSchema, input);
  if (!can(ctx.role, "users.manage")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    // One query at a time: a transaction is one connection.
    const rows = await tx.membership.findMany({
      where: {},
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
      orderBy: [{ user: { name: "asc" } }, { id: "asc" }],
      skip: (page - 1) * MEMBERS_PAGE_SIZE,
      take: MEMBERS_PAGE_SIZE,
    });
    const total = await tx.membership.count({ where: {} });
    return {
      members: rows.map((row) => ({
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
      page,
      pageSize: MEMBERS_PAGE_SIZE,
      total,
      hasNextPage: page * MEMBERS_PAGE_SIZE < total,
    };
  });
}
