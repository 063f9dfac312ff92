// An admin invites someone by email: a single-use link (72 h) goes out through the outbox. A re-invitation
// replaces the pending one; someone who is already an active member cannot be invited again.
import "server-only";
import { z } from "zod";
import { emailAddressSchema } from "../accounts/email-address";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { recordAudit } from "../audit/record-audit";
import { withTenantTx } from "../db/tenant";
import { kickOutbox } from "../email/outbox-runner";
import { AppError, parseInput } from "../errors";
import { issueInvitation, type IssuedInvitation } from "./issue-invitation";
import { roleSchema } from "./member-fields";

export const inviteMemberSchema = z.object({ email: emailAddressSchema, role: roleSchema }).strict();

export type InvitedMember = Omit<IssuedInvitation, "replacedInvitationIds"> & { replacedPending: boolean };

export async function inviteMember(ctx: TenantContext, input: unknown): Promise<InvitedMember> {
  const { email, role } = parseInput(inviteMemberSchema, input);
  if (!can(ctx.role, "users.manage")) throw AppError.forbidden();
  const issued = await withTenantTx(ctx, async (tx) => {
    // Users are visible to the tenant only through a membership here: exactly the people this check is about.
    const member = await tx.membership.findFirst({ where: { active: true, user: { email } }, select: { id: true } });
    if (member) {
      throw AppError.validation({ email: ["This person is already an active member of your company."] });
    }
    const invitation = await issueInvitation(tx, ctx, { email, role });
    await recordAudit(tx, ctx, {
      action: "user.invited",
      entityType: "invitation",
      entityId: invitation.invitationId,
      after: {
        email,
        role,
        expiresAt: invitation.expiresAt,
        replacedInvitationIds: invitation.replacedInvitationIds,
      },
    });
    return invitation;
  });
  kickOutbox();
  const { replacedInvitationIds, ...invited } = issued;
  return { ...invited, replacedPending: replacedInvitationIds.length > 0 };
}
