// A supplier's or customer's page: the partner and the totals of the requests that name it, in one transaction
// (docs/architecture.md §5 "Partners"). The requests themselves are the request list filtered by the partner
// (listOrderRequests). Totals:
// - how many requests are in each status;
// - what their fulfilments moved so far (FULFILLED, and what PARTIALLY_FULFILLED and CLOSED requests delivered), per
//   request type: the units per unit, never added across units (lib/products/unit-totals.ts, §5 "Units"), and the
//   value at the lines' prices — a restock's are cost prices, shown only to those who see money (§7), a customer
//   order's sale prices, which are not hidden.
// Staff see only their own requests (§7), so their totals count only those. The requests are read through the partial
// index of the partner's requests (migration 20261213060000), their lines by the lines' own key.
import "server-only";
import { z } from "zod";
import { can, canSeeMoney } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import type { OrderType } from "../orders/order-fields";
import { ORDER_STATUSES, type OrderStatus } from "../orders/order-state-machine";
import type { UnitTotal } from "../products/unit-totals";
import { partnerIdInput } from "./partner-fields";
import { partnerKindSchema } from "./partner-kinds";
import {
  notFound,
  PARTNER_SQL,
  partnerIdFrom,
  partnerModel,
  partnerSelect,
  toPartnerRecord,
  type PartnerRecord,
} from "./partner-record";

export const getPartnerSummarySchema = z.object({ kind: partnerKindSchema, id: partnerIdInput }).strict();

export interface PartnerFulfilled {
  type: OrderType;
  /** Units moved so far, per unit, in the order each unit first appears among the products by name. */
  units: UnitTotal[];
  /** Their value at the lines' prices as a decimal string ("1234.50"); null when the caller may not see it (§7). */
  value: string | null;
}

export interface PartnerTotals {
  /** Every request naming the partner (staff: their own). */
  requests: number;
  /** Per status, in the state machine's order; statuses without requests left out. */
  byStatus: { status: OrderStatus; count: number }[];
  /** Per request type that moved anything. */
  fulfilled: PartnerFulfilled[];
  /** Whether the totals count the caller's own requests only (staff). */
  ownOnly: boolean;
}

export interface PartnerSummary {
  partner: PartnerRecord;
  totals: PartnerTotals;
  currency: string;
  timeZone: string;
}

export async function getPartnerSummary(ctx: TenantContext, input: unknown): Promise<PartnerSummary> {
  const { kind, id: rawId } = parseInput(getPartnerSummarySchema, input);
  if (!can(ctx.role, "partners.view")) throw AppError.forbidden();
  const id = partnerIdFrom(kind, rawId);
  const { link } = PARTNER_SQL[kind];
  const ownOnly = !can(ctx.role, "requests.viewAll");
  const mine = ownOnly ? Prisma.sql`AND o.requester_id = ${ctx.userId}::uuid` : Prisma.empty;
  const ofPartner = Prisma.sql`o.company_id = ${ctx.companyId}::uuid AND o.${link} = ${id}::uuid ${mine}`;
  return withTenantTx(ctx, async (tx) => {
    // One query at a time: a transaction is one connection.
    const found = await partnerModel(tx, kind).findUnique({ where: { id }, select: partnerSelect });
    if (!found) throw notFound(kind);
    const company = await tx.company.findFirst({
      where: {},
      select: { currency: true, timeZone: true, staffSeeMoney: true },
    });
    const seesMoney = canSeeMoney(ctx.role, company?.staffSeeMoney ?? false);
    const statuses = await tx.$queryRaw<{ status: OrderStatus; count: number }[]>`
      SELECT o.status::text AS status, count(*)::int AS count
        FROM order_requests o
       WHERE ${ofPartner}
       GROUP BY o.status`;
    const moved = await tx.$queryRaw<{ type: OrderType; unit: string; quantity: bigint; value: string }[]>`
      SELECT g.type, g.unit, g.quantity, sum(g.value) OVER (PARTITION BY g.type)::text AS value
        FROM (SELECT o.type::text AS type, p.unit, sum(ol.fulfilled_quantity)::bigint AS quantity,
                     sum(ol.fulfilled_quantity * ol.unit_price) AS value, min(p.name) AS first_name
                FROM order_requests o
                JOIN order_lines ol ON ol.company_id = o.company_id AND ol.order_id = o.id
                JOIN products p ON p.company_id = ol.company_id AND p.id = ol.product_id
               WHERE ${ofPartner} AND ol.fulfilled_quantity > 0
               GROUP BY o.type, p.unit) g
       ORDER BY g.type, g.first_name, g.unit`;
    const counted = new Map(statuses.map((row) => [row.status, row.count]));
    const fulfilled = new Map<OrderType, PartnerFulfilled>();
    for (const row of moved) {
      const entry = fulfilled.get(row.type) ?? {
        type: row.type,
        units: [],
        // A restock's line prices are cost prices (lib/orders/resolve-order-draft.ts); a customer order's, sale prices.
        value: row.type === "RESTOCK" && !seesMoney ? null : row.value,
      };
      entry.units.push({ unit: row.unit, quantity: Number(row.quantity) });
      fulfilled.set(row.type, entry);
    }
    return {
      partner: toPartnerRecord(kind, found),
      totals: {
        requests: statuses.reduce((sum, row) => sum + row.count, 0),
        byStatus: ORDER_STATUSES.flatMap((status) => {
          const count = counted.get(status);
          return count ? [{ status, count }] : [];
        }),
        fulfilled: [...fulfilled.values()],
        ownOnly,
      },
      currency: company?.currency ?? "USD",
      timeZone: company?.timeZone ?? "UTC",
    };
  });
}
