// The caller's own email preferences in the active company, as the profile page shows them: every kind their role
// receives, required ones included (always on), each optional one on unless they turned it off here.
import "server-only";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { notificationKindsFor, type NotificationPreference } from "./notification-kinds";

/** The caller's stored choices in the transaction's company (the tenant scope adds the company). */
async function storedChoices(tx: TenantTx, ctx: TenantContext): Promise<Map<string, boolean>> {
  const rows = await tx.notificationPreference.findMany({
    where: { userId: ctx.userId },
    select: { kind: true, enabled: true },
  });
  return new Map(rows.map((row) => [row.kind, row.enabled]));
}

/** The preferences of `ctx`'s user for `ctx`'s role, read in the caller's transaction. */
export async function readNotificationPreferences(tx: TenantTx, ctx: TenantContext): Promise<NotificationPreference[]> {
  const stored = await storedChoices(tx, ctx);
  return notificationKindsFor(ctx.role).map((info) => ({
    kind: info.kind,
    label: info.label,
    description: info.description,
    required: info.required,
    enabled: info.required || (stored.get(info.kind) ?? true),
  }));
}

export async function getNotificationPreferences(ctx: TenantContext): Promise<NotificationPreference[]> {
  return withTenantTx(ctx, (tx) => readNotificationPreferences(tx, ctx));
}
