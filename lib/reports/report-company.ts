// What every report reads first, in its own transaction: the company's time zone (its days), today there, its
// currency, and whether the caller sees money (lib/companies/money-visibility.ts, the one rule), after the permission
// check (docs/architecture.md §7: managers and admins).
import "server-only";
import { can, canSeeMoney } from "../auth/permissions";
import type { TenantContext } from "../context";
import type { TenantTx } from "../db/tenant";
import { AppError } from "../errors";

export const REPORTS_FORBIDDEN_MESSAGE = "Only managers and admins can see reports.";

export interface ReportCompany {
  timeZone: string;
  currency: string;
  /** Today in the company's time zone, "2026-12-13". */
  today: string;
  seesMoney: boolean;
}

export function assertMayViewReports(ctx: TenantContext): void {
  if (!can(ctx.role, "reports.view")) throw AppError.forbidden(REPORTS_FORBIDDEN_MESSAGE);
}

export async function readReportCompany(tx: TenantTx, ctx: TenantContext): Promise<ReportCompany> {
  const [company] = await tx.$queryRaw<
    { time_zone: string; currency: string; staff_see_money: boolean; today: string }[]
  >`
    SELECT time_zone, currency, staff_see_money, to_char((now() AT TIME ZONE time_zone)::date, 'YYYY-MM-DD') AS today
      FROM companies WHERE id = ${ctx.companyId}::uuid`;
  if (!company) throw AppError.notFound("Your company");
  return {
    timeZone: company.time_zone,
    currency: company.currency,
    today: company.today,
    seesMoney: canSeeMoney(ctx.role, company.staff_see_money),
  };
}

/** A location named by a filter: another company's id and an unknown one are the same NOT_FOUND (§3). */
export async function reportLocation(
  tx: TenantTx,
  locationId: string | undefined,
): Promise<{ id: string; name: string } | null> {
  if (!locationId) return null;
  const location = await tx.location.findFirst({ where: { id: locationId }, select: { id: true, name: true } });
  if (!location) throw AppError.notFound("That location");
  return location;
}

/** A product named by a filter, the same way. */
export async function reportProduct(
  tx: TenantTx,
  productId: string | undefined,
): Promise<{ id: string; name: string; sku: string } | null> {
  if (!productId) return null;
  const product = await tx.product.findFirst({
    where: { id: productId },
    select: { id: true, name: true, sku: true },
  });
  if (!product) throw AppError.notFound("That product");
  return product;
}

/** Every location, by name, for the location filter (archived ones too: they hold history). */
export async function reportLocationOptions(tx: TenantTx): Promise<{ id: string; name: string }[]> {
  return tx.location.findMany({
    where: {},
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
