// Sends a pending (or expired, unanswered) invitation again: a new link with a fresh 72 hours; the old link stops
// working. An invitation that was accepted or revoked is not pending any more and cannot be resent.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { recordAudit } from "../audit/record-audit";
import { withTenantTx } from "../db/tenant";
import { kickOutbox } from "../email/outbox-runner";
import { AppError, parseInput } from "../errors";
import { issueInvitation } from "./issue-invitation";
import type { InvitedMember } from "./invite-member";
import { invitationIdSchema } from "./member-fields";

export const resendInvitationSchema = z.object({ invitationId: invitationIdSchema }).strict();

export async function resendInvitation(ctx: TenantContext, input: unknown): Promise<InvitedMember> {
  const { invitationId } = parseInput(resendInvitationSchema, input);
  if (!can(ctx.role, "users.manage")) throw AppError.forbidden();
  const issued = await withTenantTx(ctx, async (tx) => {
    const previous = await tx.oneTimeToken.findFirst({
      where: { id: invitationId, purpose: "INVITATION" },
      select: { id: true, email: true, role: true, usedAt: true },
    });
    if (!previous) throw AppError.notFound("That invitation");
    if (previous.usedAt || !previous.role) {
      throw new AppError(
        "CONFLICT",
        "That invitation was already accepted or revoked. Invite the person again instead.",
      );
    }
    const member = await tx.membership.findFirst({
      where: { active: true, user: { email: previous.email } },
      select: { id: true },
    });
    if (member) throw new AppError("CONFLICT", "This person is already an active member of your company.");
    const invitation = await issueInvitation(tx, ctx, { email: previous.email, role: previous.role });
    await recordAudit(tx, ctx, {
      action: "invitation.resent",
      entityType: "invitation",
      entityId: invitation.invitationId,
      before: { invitationId: previous.id },
      after: { email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt },
    });
    return invitation;
  });
  kickOutbox();
  const { replacedInvitationIds, ...invited } = issued;
  return { ...invited, replacedPending: replacedInvitationIds.length > 0 };
}
