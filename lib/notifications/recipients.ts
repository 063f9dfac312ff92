// For the email and push senders: of the people a sender picked (by role, active membership, ...), those who may and
// still want this kind of notification in the transaction's company. One place decides both, in the sender's transaction, so the
// choice and the email it governs are read in one snapshot:
//  - company mail never goes to an address its owner has not confirmed (users.email_verified_at, issue 12, item 3):
//    not even for required kinds. Mail that confirms an address or resets a password is not company mail and does
//    not come through here;
//  - of the rest, those who turned `kind` off in this company are left out. No row means the default (on);
//    required kinds are never filtered by preference. Push (lib/push/enqueue-push.ts) asks only this second
//    question: one switch per kind governs both channels, and the device's own toggle is the push channel's switch.
import "server-only";
import type { TenantTx } from "../db/tenant";
import { notificationKind, type NotificationKind } from "./notification-kinds";

/** The ids of `userIds` whose address is confirmed and who have not turned `kind` off in the transaction's company. */
export async function withNotificationsOn(
  tx: TenantTx,
  kind: NotificationKind,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const verified = await tx.user.findMany({
    where: { id: { in: [...new Set(userIds)] }, emailVerifiedAt: { not: null } },
    select: { id: true },
  });
  return withKindOn(
    tx,
    kind,
    verified.map((user) => user.id),
  );
}

/** The ids of `userIds` who have not turned `kind` off in the transaction's company (their addresses unchecked). */
export async function withKindOn(
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
