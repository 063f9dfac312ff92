// The company dashboard (issue 7, docs/architecture.md §7): managers and admins see the whole company — stock value, low stock,
// requests by status, movements per day, top movers, the oldest pending requests; staff see the stock view (low
// stock, movements, top movers) and their own requests, and the stock's value only where their company lets staff
// see money (lib/auth/permissions.ts, canSeeMoney).
// Every figure reads what stays small as the ledger grows (./dashboard-queries.ts), all from one snapshot (one
// REPEATABLE READ transaction), so the numbers on the page agree with each other. Days are calendar days in the
// company's time zone; "today" is the company's today.
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
import { callerSeesMoney } from "../companies/money-visibility";
import { AppError, parseInput } from "../errors";
import type { OrderType } from "../orders/order-fields";
import { ORDER_STATUSES, type OrderStatus } from "../orders/order-state-machine";
import { shortProductsSql, type ShortProductRow } from "../stock/shortage";
import { dashboardInputSchema, type DashboardPeriod } from "./dashboard-params";
import {
  movementsByDaySql,
  oldestPendingSql,
  requestCountsSql,
  stockSummarySql,
  topMoversSql,
  type MovementDayRow,
  type PendingRequestRow,
  type RequestCountRow,
  type StockSummaryRow,
  type TopMoverRow,
} from "./dashboard-queries";

export const TOP_MOVERS = 5;
export const OLDEST_PENDING = 5;
export const SHORT_PRODUCTS = 5;

export interface ShortProduct {
  id: string;
  sku: string;
  name: string;
  /** Units approved orders reserve beyond what is on hand, over its short locations. */
  shortBy: number;
}

export interface MovementDay {
  /** A calendar day in the company's time zone, "YYYY-MM-DD". */
  day: string;
  unitsIn: number;
  unitsOut: number;
}

export interface TopMover {
  id: string;
  sku: string;
  name: string;
  unit: string;
  archived: boolean;
  /** Units shipped or written off over the period. */
  unitsOut: number;
}

export interface PendingRequest {
  id: string;
  number: number;
  type: OrderType;
  createdAt: Date;
  requesterName: string;
  locationName: string;
  lineCount: number;
}

export interface Dashboard {
  /** "company": every request of the company (managers, admins); "own": the caller's requests (staff). */
  scope: "company" | "own";
  days: DashboardPeriod;
  timeZone: string;
  currency: string;
  /** The period's first and last day (today), company calendar days. */
  from: string;
  today: string;
  /** On hand × today's cost and sale prices, as decimal text; null for whoever may not see money. */
  stockValue: { atCost: string; atSale: string } | null;
  lowStock: number;
  /** Products approved orders reserve beyond what is on hand (lib/stock/shortage.ts): how many, the most short first. */
  shortForApproved: { count: number; products: ShortProduct[] };
  requests: { byStatus: Record<OrderStatus, number>; total: number };
  /** One entry per day of the period, oldest first, zeros on quiet days. Transfers are neither in nor out. */
  movements: MovementDay[];
  topMovers: TopMover[];
  oldestPending: PendingRequest[];
}

export async function getDashboard(ctx: TenantContext, input: unknown): Promise<Dashboard> {
  const { days } = parseInput(dashboardInputSchema, input);
  if (!can(ctx.role, "stock.view")) throw AppError.forbidden();
  const ownerId = can(ctx.role, "requests.viewAll") ? null : ctx.userId;
  const companyId = ctx.companyId;

  return withTenantTx(
    ctx,
    async (tx) => {
      // One query at a time: a transaction is one connection.
      // Days in the time zone the rollups are bucketed in: after a change of time zone, the old one until the
      // re-bucketed history is swapped in (lib/jobs/rollup-rebuilds.ts), so the days and their rows always agree.
      const [company] = await tx.$queryRaw<{ time_zone: string; currency: string; today: string; from: string }[]>`
        SELECT rollup_time_zone AS time_zone, currency,
               to_char((now() AT TIME ZONE rollup_time_zone)::date, 'YYYY-MM-DD') AS today,
               to_char((now() AT TIME ZONE rollup_time_zone)::date - ${days - 1}::int, 'YYYY-MM-DD') AS "from"
          FROM companies WHERE id = ${companyId}::uuid`;
      if (!company) throw AppError.notFound("That company");
      const { today, from } = company;
      const seesMoney = await callerSeesMoney(tx, ctx);
      const [stock] = await tx.$queryRaw<StockSummaryRow[]>(stockSummarySql(companyId));
      const short = await tx.$queryRaw<ShortProductRow[]>(shortProductsSql(companyId, SHORT_PRODUCTS));
      const counts = await tx.$queryRaw<RequestCountRow[]>(requestCountsSql(companyId, ownerId));
      const movements = await tx.$queryRaw<MovementDayRow[]>(movementsByDaySql(companyId, from, today));
      const movers = await tx.$queryRaw<TopMoverRow[]>(topMoversSql(companyId, from, today, TOP_MOVERS));
      const pending = await tx.$queryRaw<PendingRequestRow[]>(oldestPendingSql(companyId, ownerId, OLDEST_PENDING));

      const byStatus = Object.fromEntries(ORDER_STATUSES.map((status) => [status, 0])) as Record<OrderStatus, number>;
      for (const row of counts) byStatus[row.status as OrderStatus] = row.count;
      return {
        scope: ownerId ? "own" : "company",
        days,
        timeZone: company.time_zone,
        currency: company.currency,
        from,
        today,
        stockValue: seesMoney && stock ? { atCost: stock.cost_value, atSale: stock.sale_value } : null,
        lowStock: stock?.low_stock ?? 0,
        shortForApproved: {
          count: short[0]?.total ?? 0,
          products: short.map((row) => ({ id: row.id, sku: row.sku, name: row.name, shortBy: Number(row.short_by) })),
        },
        requests: { byStatus, total: counts.reduce((sum, row) => sum + row.count, 0) },
        movements: movements.map((row) => ({
          day: row.day,
          unitsIn: Number(row.units_in),
          unitsOut: Number(row.units_out),
        })),
        topMovers: movers.map((row) => ({
          id: row.id,
          sku: row.sku,
          name: row.name,
          unit: row.unit,
          archived: row.archived,
          unitsOut: Number(row.units_out),
        })),
        oldestPending: pending.map((row) => ({
          id: row.id,
          number: row.number,
          type: row.type as OrderType,
          createdAt: row.created_at,
          requesterName: row.requester_name,
          locationName: row.location_name,
          lineCount: row.line_count,
        })),
      };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
}
