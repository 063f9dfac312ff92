// For the email senders: of the people a sender picked (by role, active membership, ...), those who still want
// this kind of email in the transaction's company. One query for all of them, in the sender's transaction, so the
// choice and the email it governs are read in one snapshot. No row means the default (on); required kinds are
// never filtered.
import "server-only";
import type { TenantTx } from "../db/tenant";
import { notificationKind, type NotificationKind } from "./notification-kinds";

/** The ids of `userIds` who have not turned `kind` off in the transaction's company. */
export async function withNotificationsOn(
  tx: TenantTx,
  kind: NotificationKind,
  userIds: readonly string[],
): Promise<Set<string>> {
  const wanted = new Set(userIds);
  if (wanted.size === 0 || notificationKind(kind)?.required) return wanted;
  const off = await tx.notificationPreference.findMany({
    where: { kind, enabled: false, userId: { in: [...wanted] } },
    select: { userId: true },
  });
  for (const { userId } of off) wanted.delete(userId);
  return wanted;
}
