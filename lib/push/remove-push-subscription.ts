// "Notifications on this device" turned off: the caller's row for this browser in the active company goes, so
// nothing more is sent to it from this company. The browser keeps its subscription (it may serve the person's other
// companies); a row that is already gone is fine (a repeat changes nothing). Another person's row is never touched.
// The endpoint is only compared with stored ones, never sent to, so it is not held to the push-service allow-list: a
// row stored under a wider rule than today's (push-subscription-fields.ts) can still be turned off.
import "server-only";
import { z } from "zod";
import type { TenantContext } from "../context";
import { recordAudit } from "../audit/record-audit";
import { withTenantTx } from "../db/tenant";
import { parseInput } from "../errors";
import { storedEndpointSchema } from "./push-subscription-fields";

export const unsubscribeSchema = z.object({ endpoint: storedEndpointSchema }).strict();

export async function removePushSubscription(ctx: TenantContext, input: unknown): Promise<{ removed: boolean }> {
  const { endpoint } = parseInput(unsubscribeSchema, input);
  return withTenantTx(ctx, async (tx) => {
    const row = await tx.pushSubscription.findFirst({ where: { endpoint, userId: ctx.userId }, select: { id: true } });
    if (!row) return { removed: false };
    await tx.pushSubscription.deleteMany({ where: { id: row.id, userId: ctx.userId } });
    await recordAudit(tx, ctx, { action: "push.unsubscribed", entityType: "push_subscription", entityId: row.id });
    return { removed: true };
  });
}
