// Pending invitations for a person stop working when an admin decides about that person's access directly
// (deactivating or reactivating the membership): a 72-hour link must not undo the decision later, perhaps with a
// higher role. Retired links are marked used (the schema has no separate revoked state).
import "server-only";
import type { TenantTx } from "../db/tenant";

export async function retirePendingInvitations(tx: TenantTx, email: string): Promise<number> {
  const { count } = await tx.oneTimeToken.updateMany({
    where: { purpose: "INVITATION", email, usedAt: null },
    data: { usedAt: new Date() },
  });
  return count;
}
