// A person turns optional emails on or off for themselves in the active company. Input:
// `{ preferences: { "order.created": false, ... } }` — only the kinds named change. A kind that is required,
// unknown, or not one the caller's role receives is a VALIDATION error on `preferences.<kind>` and nothing is
// written. The rows are always the caller's own: the user comes from the context, the company from the tenant
// scope; the strict schema refuses any other key (userId, companyId, ...).
// Storage: the explicit choice is upserted (enabled true or false); no row means the default (on). Only kinds
// whose effective value changes are written, and one audit row `notifications.changed` records them.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { Role } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput, type FieldErrors } from "../errors";
import { readNotificationPreferences } from "./get-notification-preferences";
import { NOTIFICATION_KIND_MAX_LENGTH, preferenceRefusal, type NotificationPreference } from "./notification-kinds";

export const updateSchema = z
  .object({
    preferences: z.record(
      z.string().max(NOTIFICATION_KIND_MAX_LENGTH, "There is no such email to turn on or off."),
      z.boolean({ error: "Choose whether to receive this email." }),
      { error: "Choose which emails to receive." },
    ),
  })
  .strict();

export const NOTIFICATIONS_AUDIT_ACTION = "notifications.changed";

/**
 * Locks the caller's own membership (FOR NO KEY UPDATE: two saves by one person run one after the other, so the
 * audit's "before" is what the change replaced; foreign-key checks on the row are not blocked) and returns its
 * current role: the kinds the caller may change follow the role as it is now, not as the session began.
 */
async function lockOwnMembership(tx: TenantTx, ctx: TenantContext): Promise<{ id: string; role: Role }> {
  const [row] = await tx.$queryRaw<{ id: string; role: Role }[]>`
    SELECT id::text, role::text AS role
      FROM memberships
     WHERE company_id = ${ctx.companyId}::uuid AND user_id = ${ctx.userId}::uuid AND active
       FOR NO KEY UPDATE`;
  if (!row) throw AppError.forbidden("You are no longer a member of this company.");
  return row;
}

function refusals(kinds: string[], role: Role): FieldErrors {
  const errors: FieldErrors = {};
  for (const kind of kinds) {
    const refusal = preferenceRefusal(kind, role);
    if (refusal) errors[`preferences.${kind}`] = [refusal];
  }
  return errors;
}

const choices = (list: NotificationPreference[]) => Object.fromEntries(list.map((p) => [p.kind, p.enabled]));

export async function updateNotificationPreferences(
  ctx: TenantContext,
  input: unknown,
): Promise<NotificationPreference[]> {
  const { preferences } = parseInput(updateSchema, input);
  const requested = new Map(Object.entries(preferences));
  return withTenantTx(ctx, async (tx) => {
    const membership = await lockOwnMembership(tx, ctx);
    const errors = refusals([...requested.keys()], membership.role);
    if (Object.keys(errors).length > 0) throw AppError.validation(errors);

    const self: TenantContext = { ...ctx, role: membership.role };
    const before = await readNotificationPreferences(tx, self);
    const changed = before.filter((p) => requested.has(p.kind) && requested.get(p.kind) !== p.enabled);
    if (changed.length === 0) return before;

    for (const { kind } of changed) {
      const enabled = requested.get(kind)!;
      await tx.notificationPreference.upsert({
        where: { companyId_userId_kind: { companyId: ctx.companyId, userId: ctx.userId, kind } },
        create: { companyId: ctx.companyId, userId: ctx.userId, kind, enabled },
        update: { enabled },
        select: { kind: true },
      });
    }
    const after = await readNotificationPreferences(tx, self);
    const changedKinds = new Set(changed.map((p) => p.kind));
    await recordAudit(tx, ctx, {
      action: NOTIFICATIONS_AUDIT_ACTION,
      entityType: "membership",
      entityId: membership.id,
      before: choices(before.filter((p) => changedKinds.has(p.kind))),
      after: choices(after.filter((p) => changedKinds.has(p.kind))),
    });
    return after;
  });
}
