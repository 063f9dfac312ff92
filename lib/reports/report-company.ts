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

type ReportLocation = { id: string; name: string };
type ReportProduct = { id: string; name: string; sku: string };

/**
 * The product and location a report's filters name, read through the tenant scope. A filter naming neither one of
 * the company's (another company's id and an unknown one alike, §3: a link from another company or a hand-edited one)
 * is dropped, with a sentence saying so for the page to show: the report then covers every product or location, so
 * it is never the error page and never another company's rows (report-params.ts drops what cannot be a filter at
 * all the same way).
 */
export async function reportFilterTargets(
  tx: TenantTx,
  filters: { productId?: string; locationId?: string },
): Promise<{ product: ReportProduct | null; location: ReportLocation | null; dropped: string[] }> {
  const product = filters.productId
    ? await tx.product.findFirst({ where: { id: filters.productId }, select: { id: true, name: true, sku: true } })
    : null;
  const location = filters.locationId
    ? await tx.location.findFirst({ where: { id: filters.locationId }, select: { id: true, name: true } })
    : null;
  const dropped = [
    ...(filters.productId && !product ? [DROPPED_PRODUCT_MESSAGE] : []),
    ...(filters.locationId && !location ? [DROPPED_LOCATION_MESSAGE] : []),
  ];
  return { product, location, dropped };
}

export const DROPPED_PRODUCT_MESSAGE =
  "The product in this link is not one of this company's (the link may be from another company): showing every product.";
export const DROPPED_LOCATION_MESSAGE =
  "The location in this link is not one of this company's (the link may be from another company): showing every location.";

/**
 * The same for a CSV export or a total, which the page links with the filters it showed: a filter naming nothing of
 * the company's is NOT_FOUND there (§3), since a download that silently covered everything would be mistaken for the
 * filtered one.
 */
export async function requireReportFilterTargets(
  tx: TenantTx,
  filters: { productId?: string; locationId?: string },
): Promise<void> {
  const { product, location } = await reportFilterTargets(tx, filters);
  if (filters.productId && !product) throw AppError.notFound("That product");
  if (filters.locationId && !location) throw AppError.notFound("That location");
}

/** Every location, by name, for the location filter (archived ones too: they hold history). */
export async function reportLocationOptions(tx: TenantTx): Promise<{ id: string; name: string }[]> {
  return tx.location.findMany({
    where: {},
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
