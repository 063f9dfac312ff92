// The caller's company settings as the settings page shows them. Admins only, like changing them: the settings
// other features need (time zone, currency, the second-approver rule) they read inside their own transactions.
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError } from "../errors";
import type { CompanySettings } from "./company-settings-fields";

export const companySettingsSelect = {
  name: true,
  timeZone: true,
  currency: true,
  requireSecondApprover: true,
  lowStockAlerts: true,
  staffSeeMoney: true,
  updatedAt: true,
} as const;

/** The settings row of the transaction's company, read through the tenant scope (the extension adds the id). */
export async function readCompanySettings(tx: TenantTx, ctx: TenantContext): Promise<CompanySettings> {
  const row = await tx.company.findUnique({ where: { id: ctx.companyId }, select: companySettingsSelect });
  if (!row) throw AppError.notFound("Your company");
  return { ...row, updatedAt: row.updatedAt.toISOString() };
}

export async function getCompanySettings(ctx: TenantContext): Promise<CompanySettings> {
  if (!can(ctx.role, "company.settings")) throw AppError.forbidden("Only admins see and change company settings.");
  return withTenantTx(ctx, (tx) => readCompanySettings(tx, ctx));
}
