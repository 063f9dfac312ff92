// Pending invitations for a person stop working when an admin decides about that person's access directly
// (deactivating or reactivating the membership): a 72-hour link must not undo the decision later, perhaps with a
// higher role. Retired links are marked used (the schema has no separate revoked state). Likewise the invitations a
// person sent die when they lose the right to invite (role lowered below admin, membership deactivated); acceptance
// checks the sender again in case that happens some other way.
import "server-only";
import type { TenantTx } from "../db/tenant";

export async function retirePendingInvitations(tx: TenantTx, email: string): Promise<number> {
  const { count } = await tx.oneTimeToken.updateMany({
    where: { purpose: "INVITATION", email, usedAt: null },
    data: { usedAt: new Date() },
  });
  return count;
}

/** The pending invitations `userId` sent in the transaction's company, retired: their sender may no longer invite. */
export async function retireInvitationsSentBy(tx: TenantTx, userId: string): Promise<number> {
  const { count } = await tx.oneTimeToken.updateMany({
    where: { purpose: "INVITATION", createdById: userId, usedAt: null },
    data: { usedAt: new Date() },
  });
  return count;
}
