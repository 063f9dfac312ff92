// Ends a person's access to this company: the membership is switched off (their sessions here end on the next
// request, docs/architecture.md §3) while their account and other companies stay as they are. The last active admin, oneself
// included, cannot be deactivated.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { recordAudit } from "../audit/record-audit";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import { assertAnotherAdminRemains, lockActiveAdmins } from "./active-admins";
import { membershipIdSchema } from "./member-fields";
import { retireInvitationsSentBy, retirePendingInvitations } from "./retire-invitations";
import { memberSummarySelect, toMemberSummary, type MemberSummary } from "./member-summary";

export const deactivateMemberSchema = z.object({ membershipId: membershipIdSchema }).strict();

export async function deactivateMember(ctx: TenantContext, input: unknown): Promise<MemberSummary> {
  const { membershipId } = parseInput(deactivateMemberSchema, input);
  if (!can(ctx.role, "users.manage")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const admins = await lockActiveAdmins(tx, ctx);
    const member = await tx.membership.findUnique({ where: { id: membershipId }, select: memberSummarySelect });
    if (!member) throw AppError.notFound("That member");
    if (!member.active) return toMemberSummary(member);
    if (member.role === "ADMIN") assertAnotherAdminRemains(admins, member.id);
    const updated = await tx.membership.update({
      where: { id: member.id },
      data: { active: false },
      select: memberSummarySelect,
    });
    const invitationsRetired = await retirePendingInvitations(tx, member.user.email);
    const sentInvitationsRetired = await retireInvitationsSentBy(tx, member.user.id);
    await recordAudit(tx, ctx, {
      action: "membership.deactivated",
      entityType: "membership",
      entityId: member.id,
      before: { userId: member.user.id, email: member.user.email, role: member.role, active: true },
      after: {
        userId: member.user.id,
        email: member.user.email,
        role: member.role,
        active: false,
        invitationsRetired,
        sentInvitationsRetired,
      },
    });
    // Their open pages stop receiving this company's events now, not when their stream next reconnects.
    await publishEvent(tx, ctx, { type: "membership.changed", userId: member.user.id });
    return toMemberSummary(updated);
  });
}
