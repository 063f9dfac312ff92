// Changes the company's own settings (admins only). The form sends back the `updatedAt` it loaded, and the row is
// written only if it is still at that moment: one conditional UPDATE, never check-then-write by id, so of two
// admins saving at once the second gets a CONFLICT and overwrites nothing. Without `updatedAt` the write is still
// conditional on the row this transaction read, so the audit's "before" is always what the change replaced. The
// app role may update only these columns (migration 20261124071500_tighten_app_grants): status and slug belong to
// platform administrators, and the strict schema refuses them (and any companyId) as unknown keys; nor may it touch
// rollup_time_zone, which the background rebuild moves along once the history is re-bucketed.
import "server-only";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { formatMoment } from "../format-moment";
import { kickRollupRebuilds } from "../jobs/rollup-rebuilds";
import {
  companySettingsFieldsSchema,
  SETTINGS_FIELD_NAMES,
  type CompanySettings,
  type CompanySettingsFields,
} from "./company-settings-fields";
import { readCompanySettings } from "./get-company-settings";

/** The moment the form loaded the settings (ISO 8601, as getCompanySettings gave it). */
const loadedAtSchema = z.iso
  .datetime({ offset: true, error: "Reload the page: the form does not say which version of the settings it shows." })
  .transform((value) => new Date(value));

export const updateCompanySettingsSchema = companySettingsFieldsSchema
  .extend({ updatedAt: loadedAtSchema.optional() })
  .strict();

type SettingName = keyof CompanySettingsFields;

function pick(settings: CompanySettingsFields, names: SettingName[]): Partial<CompanySettingsFields> {
  return Object.fromEntries(names.map((name) => [name, settings[name]]));
}

function changedByOthers(current: CompanySettings): AppError {
  const at = formatMoment(new Date(current.updatedAt), current.timeZone);
  return new AppError("CONFLICT", `These settings were changed by someone else at ${at}; reload to see them.`);
}

/**
 * The row's next version: now, but always later than the one it replaces, so that two saves within one
 * millisecond (or a clock behind the last writer's) still give the second form's check something to catch.
 */
function nextUpdatedAt(current: Date): Date {
  return new Date(Math.max(Date.now(), current.getTime() + 1));
}

export async function updateCompanySettings(ctx: TenantContext, input: unknown): Promise<CompanySettings> {
  const { updatedAt: loadedAt, ...fields } = parseInput(updateCompanySettingsSchema, input);
  if (!can(ctx.role, "company.settings")) throw AppError.forbidden("Only admins change company settings.");
  const { before, after } = await withTenantTx(ctx, async (tx) => {
    const before = await readCompanySettings(tx, ctx);
    const readAt = new Date(before.updatedAt);
    if (loadedAt && loadedAt.getTime() !== readAt.getTime()) throw changedByOthers(before);
    const changed = SETTINGS_FIELD_NAMES.filter((name) => fields[name] !== before[name]);
    if (changed.length === 0) return { before, after: before };
    const { count } = await tx.company.updateMany({
      where: { id: ctx.companyId, updatedAt: readAt },
      data: { ...pick(fields, changed), updatedAt: nextUpdatedAt(readAt) },
    });
    // Another save committed between the read above and this write: the UPDATE re-checked and matched nothing.
    if (count === 0) throw changedByOthers(await readCompanySettings(tx, ctx));
    const after = await readCompanySettings(tx, ctx);
    await recordAudit(tx, ctx, {
      action: "company.settings_changed",
      entityType: "company",
      entityId: ctx.companyId,
      before: pick(before, changed),
      after: pick(after, changed),
    });
    return { before, after };
  });
  // A new time zone re-buckets the dashboard's history in the background (lib/jobs/rollup-rebuilds.ts); until that
  // swaps in, the dashboard shows the days of the old one.
  if (after.timeZone !== before.timeZone) kickRollupRebuilds();
  return after;
}
