// Changes what a member may do in this company (their role here only: other companies are untouched). Demoting
// the last active admin, oneself included, is refused, also when two admins demote each other at the same moment.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { recordAudit } from "../audit/record-audit";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { publishEvent } from "../events/publish-event";
import { assertAnotherAdminRemains, lockActiveAdmins } from "./active-admins";
import { membershipIdSchema, roleSchema } from "./member-fields";
import { retireInvitationsSentBy } from "./retire-invitations";
import { memberSummarySelect, toMemberSummary, type MemberSummary } from "./member-summary";

export const changeMemberRoleSchema = z.object({ membershipId: membershipIdSchema, role: roleSchema }).strict();

export async function changeMemberRole(ctx: TenantContext, input: unknown): Promise<MemberSummary> {
  const { membershipId, role } = parseInput(changeMemberRoleSchema, input);
  if (!can(ctx.role, "users.manage")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const admins = await lockActiveAdmins(tx, ctx);
    const member = await tx.membership.findUnique({ where: { id: membershipId }, select: memberSummarySelect });
    if (!member) throw AppError.notFound("That member");
    if (member.role === role) return toMemberSummary(member);
    if (member.role === "ADMIN" && member.active) assertAnotherAdminRemains(admins, member.id);
    const updated = await tx.membership.update({
      where: { id: member.id },
      data: { role },
      select: memberSummarySelect,
    });
    // Below admin, they may no longer invite: what they sent dies with the right.
    const sentInvitationsRetired = can(role, "users.manage") ? 0 : await retireInvitationsSentBy(tx, member.user.id);
    await recordAudit(tx, ctx, {
      action: "membership.role_changed",
      entityType: "membership",
      entityId: member.id,
      before: { userId: member.user.id, email: member.user.email, role: member.role },
      after: { userId: member.user.id, email: member.user.email, role: updated.role, sentInvitationsRetired },
    });
    // Their open pages reconnect and see what the new role allows (lib/events/event-filter.ts).
    await publishEvent(tx, ctx, { type: "membership.changed", userId: member.user.id });
    return toMemberSummary(updated);
  });
}
