// The company dashboard (issue 7, docs/architecture.md §7): managers and admins see the whole company — stock value, low stock,
// requests by status, movements per day, top movers, the oldest pending requests; staff see the stock view (low
// stock, movements, top movers) and their own requests, and the stock's value only where their company lets staff
// see money (lib/auth/permissions.ts, canSeeMoney).
// Every figure reads what stays small as the ledger grows (./dashboard-queries.ts), all from one snapshot (one
// REPEATABLE READ transaction), so the numbers on the page agree with each other. Days are calendar days in the
// company's time zone; "today" is the company's today.
// Two statements (docs/architecture.md §3 "Cost of a page"): the company row (its days and whether the caller sees
// money), then every figure at once, each builder's rows as a JSON array in one row.
import "server-only";
import { can, canSeeMoney } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
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
  /** Movements that brought stock in (receipts, additions, counts up), and that sent it out, transfers left out. */
  movementsIn: number;
  movementsOut: number;
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

/** A builder's row as json_agg writes it: bigints as JSON numbers, timestamps as ISO 8601 text. */
type AsJson<Row> = { [K in keyof Row]: Row[K] extends bigint ? number : Row[K] extends Date ? string : Row[K] };

/** A query's rows as one JSON array, in the query's order; [] when it has none. */
const rowsAsJson = (query: Prisma.Sql) => Prisma.sql`(SELECT coalesce(json_agg(x), '[]') FROM (${query}) x)`;

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
      // Days in the time zone the rollups are bucketed in: after a change of time zone, the old one until the
      // re-bucketed history is swapped in (lib/jobs/rollup-rebuilds.ts), so the days and their rows always agree.
      // The money setting is read here, in the snapshot of the value it guards (lib/companies/money-visibility.ts).
      const [company] = await tx.$queryRaw<
        { time_zone: string; currency: string; staff_see_money: boolean; today: string; from: string }[]
      >`
        SELECT rollup_time_zone AS time_zone, currency, staff_see_money,
               to_char((now() AT TIME ZONE rollup_time_zone)::date, 'YYYY-MM-DD') AS today,
               to_char((now() AT TIME ZONE rollup_time_zone)::date - ${days - 1}::int, 'YYYY-MM-DD') AS "from"
          FROM companies WHERE id = ${companyId}::uuid`;
      if (!company) throw AppError.notFound("That company");
      const { today, from } = company;
      const seesMoney = canSeeMoney(ctx.role, company.staff_see_money);
      // Every figure in one statement: each statement costs Node a round of Prisma, the driver and a socket write.
      const [figures] = await tx.$queryRaw<
        {
          stock: StockSummaryRow[];
          short: AsJson<ShortProductRow>[];
          counts: RequestCountRow[];
          movements: AsJson<MovementDayRow>[];
          movers: AsJson<TopMoverRow>[];
          pending: AsJson<PendingRequestRow>[];
        }[]
      >`
        SELECT ${rowsAsJson(stockSummarySql(companyId))} AS stock,
               ${rowsAsJson(shortProductsSql(companyId, SHORT_PRODUCTS))} AS short,
               ${rowsAsJson(requestCountsSql(companyId, ownerId))} AS counts,
               ${rowsAsJson(movementsByDaySql(companyId, from, today))} AS movements,
               ${rowsAsJson(topMoversSql(companyId, from, today, TOP_MOVERS))} AS movers,
               ${rowsAsJson(oldestPendingSql(companyId, ownerId, OLDEST_PENDING))} AS pending`;
      // A SELECT of subqueries without FROM: always one row. The stock summary is one row too (sums, a count).
      const { stock: summary, short, counts, movements, movers, pending } = figures!;
      const [stock] = summary;

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
          products: short.map((row) => ({ id: row.id, sku: row.sku, name: row.name, shortBy: row.short_by })),
        },
        requests: { byStatus, total: counts.reduce((sum, row) => sum + row.count, 0) },
        movements: movements.map((row) => ({
          day: row.day,
          movementsIn: row.movements_in,
          movementsOut: row.movements_out,
        })),
        topMovers: movers.map((row) => ({
          id: row.id,
          sku: row.sku,
          name: row.name,
          unit: row.unit,
          archived: row.archived,
          unitsOut: row.units_out,
        })),
        oldestPending: pending.map((row) => ({
          id: row.id,
          number: row.number,
          type: row.type as OrderType,
          createdAt: new Date(row.created_at),
          requesterName: row.requester_name,
          locationName: row.location_name,
          lineCount: row.line_count,
        })),
      };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead },
  );
}
