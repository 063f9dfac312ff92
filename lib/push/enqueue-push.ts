// The push side of the transactional outbox (docs/architecture.md §8, "Push notifications"): in the transaction of
// the change that causes it, one push_outbox row per subscription of each recipient who has not turned the kind off
// in this company (the same per-kind switches as email: withKindOn). Delivery happens after commit
// (lib/push/push-outbox-worker.ts), so a push service that is slow or down never holds or rolls back the change.
// With push off on this server (no VAPID keys) nothing is written: rows nobody can send would only pile up.
import "server-only";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { env } from "../env";
import type { NotificationKind } from "../notifications/notification-kinds";
import { withKindOn } from "../notifications/recipients";
import { pushPayload, type PushPayload } from "./push-payload";

/** Enqueues `payload` for every device of `userIds` that wants `kind`; returns how many rows were written. */
export async function enqueuePush(
  tx: TenantTx,
  ctx: TenantContext,
  kind: NotificationKind,
  userIds: readonly string[],
  payload: PushPayload,
): Promise<number> {
  if (!env().VAPID || userIds.length === 0) return 0;
  const wanted = await withKindOn(tx, kind, userIds);
  if (wanted.size === 0) return 0;
  // FOR KEY SHARE: a subscription the worker prunes (or its owner removes) meanwhile is skipped, never left for the
  // outbox row's foreign key to fail on — which would roll back the change this push is only about.
  const subscriptions = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM push_subscriptions
     WHERE company_id = ${ctx.companyId}::uuid AND user_id = ANY(${[...wanted]}::uuid[])
       FOR KEY SHARE`;
  if (subscriptions.length === 0) return 0;
  const data = { ...pushPayload(payload) };
  const { count } = await tx.pushOutbox.createMany({
    data: subscriptions.map((subscription) => ({
      companyId: ctx.companyId,
      subscriptionId: subscription.id,
      payload: data,
    })),
  });
  return count;
}
