// Withdraws a pending invitation: its link stops working at once (the token is marked used, so the accept page
// says only that the link is no longer valid).
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { recordAudit } from "../audit/record-audit";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { invitationIdSchema } from "./member-fields";

export const revokeInvitationSchema = z.object({ invitationId: invitationIdSchema }).strict();

export interface RevokedInvitation {
  invitationId: string;
  email: string;
}

export async function revokeInvitation(ctx: TenantContext, input: unknown): Promise<RevokedInvitation> {
  const { invitationId } = parseInput(revokeInvitationSchema, input);
  if (!can(ctx.role, "users.manage")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const invitation = await tx.oneTimeToken.findFirst({
      where: { id: invitationId, purpose: "INVITATION" },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    if (!invitation) throw AppError.notFound("That invitation");
    // Conditional: an accept racing this revoke leaves exactly one of them done.
    const { count } = await tx.oneTimeToken.updateMany({
      where: { id: invitation.id, purpose: "INVITATION", usedAt: null },
      data: { usedAt: new Date() },
    });
    if (count === 0) throw new AppError("CONFLICT", "That invitation was already accepted or revoked.");
    await recordAudit(tx, ctx, {
      action: "invitation.revoked",
      entityType: "invitation",
      entityId: invitation.id,
      before: { email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt, status: "pending" },
      after: { status: "revoked" },
    });
    return { invitationId: invitation.id, email: invitation.email };
  });
}
