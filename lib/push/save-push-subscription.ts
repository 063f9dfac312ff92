// "Notifications on this device" turned on (docs/architecture.md §8, "Push notifications"): the browser's push
// subscription is stored for the caller in the active company, tied to the session it came from. Exactly once: a
// repeat (double tap, a retry, the same browser turning it on again) finds the row by its endpoint and updates it,
// so one browser is one row per company; a browser that changed hands (someone else signed in on it) now notifies
// its new person only. Audited when a row is made or changes hands, not on a plain repeat.
import "server-only";
import type { TenantContext } from "../context";
import { recordAudit } from "../audit/record-audit";
import { withTenantTx } from "../db/tenant";
import { env } from "../env";
import { AppError, parseInput } from "../errors";
import { pushSubscriptionSchema } from "./push-subscription-fields";

export interface PushDeviceContext extends TenantContext {
  /** The server-side session the subscription belongs to: it goes quiet when that session ends. */
  sessionId: string;
}

export const PUSH_OFF_MESSAGE =
  "Push notifications are not set up on this server (VAPID keys are missing). Email still reaches you.";

export async function savePushSubscription(ctx: PushDeviceContext, input: unknown): Promise<{ endpoint: string }> {
  const { endpoint, keys } = parseInput(pushSubscriptionSchema, input);
  if (!env().VAPID) throw new AppError("CONFLICT", PUSH_OFF_MESSAGE);
  await withTenantTx(ctx, async (tx) => {
    const [before] = await tx.$queryRaw<{ user_id: string }[]>`
      SELECT user_id::text FROM push_subscriptions
       WHERE company_id = ${ctx.companyId}::uuid AND endpoint = ${endpoint}
       FOR UPDATE`;
    // Another person's device now: their subscription goes, and with it (a cascade) whatever was still waiting to be
    // sent to them — the next person on a shared phone must never see it.
    if (before && before.user_id !== ctx.userId) {
      await tx.$executeRaw`
        DELETE FROM push_subscriptions WHERE company_id = ${ctx.companyId}::uuid AND endpoint = ${endpoint}`;
    }
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO push_subscriptions (id, company_id, user_id, session_id, endpoint, p256dh, auth, updated_at)
      VALUES (gen_random_uuid(), ${ctx.companyId}::uuid, ${ctx.userId}::uuid, ${ctx.sessionId}::uuid,
              ${endpoint}, ${keys.p256dh}, ${keys.auth}, now())
      ON CONFLICT (company_id, endpoint) DO UPDATE
        SET user_id = EXCLUDED.user_id, session_id = EXCLUDED.session_id, p256dh = EXCLUDED.p256dh,
            auth = EXCLUDED.auth, updated_at = now()
      RETURNING id::text`;
    if (before?.user_id === ctx.userId) return;
    await recordAudit(tx, ctx, {
      action: "push.subscribed",
      entityType: "push_subscription",
      entityId: row!.id,
      after: { userAgent: ctx.request?.userAgent?.slice(0, 256) ?? null },
    });
  });
  return { endpoint };
}
