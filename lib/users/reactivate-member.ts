// Gives a deactivated member their access to this company back, with the role they had.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { recordAudit } from "../audit/record-audit";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { membershipIdSchema } from "./member-fields";
import { retirePendingInvitations } from "./retire-invitations";
import { memberSummarySelect, toMemberSummary, type MemberSummary } from "./member-summary";

export const reactivateMemberSchema = z.object({ membershipId: membershipIdSchema }).strict();

export async function reactivateMember(ctx: TenantContext, input: unknown): Promise<MemberSummary> {
  const { membershipId } = parseInput(reactivateMemberSchema, input);
  if (!can(ctx.role, "users.manage")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const member = await tx.membership.findUnique({ where: { id: membershipId }, select: memberSummarySelect });
    if (!member) throw AppError.notFound("That member");
    // Conditional: of two reactivations at once, one writes and audits, the other finds nothing to do.
    const { count } = await tx.membership.updateMany({
      where: { id: member.id, active: false },
      data: { active: true },
    });
    if (count === 0) return toMemberSummary({ ...member, active: true });
    const invitationsRetired = await retirePendingInvitations(tx, member.user.email);
    await recordAudit(tx, ctx, {
      action: "membership.reactivated",
      entityType: "membership",
      entityId: member.id,
      before: { userId: member.user.id, email: member.user.email, role: member.role, active: false },
      after: { userId: member.user.id, email: member.user.email, role: member.role, active: true, invitationsRetired },
    });
    return toMemberSummary({ ...member, active: true });
  });
}
