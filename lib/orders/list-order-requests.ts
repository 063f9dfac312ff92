// The request list: staff see their own requests, managers and admins everyone's (docs/architecture.md §7), newest first, in
// keyset pages of (created_at, id) so a company with years of requests pages as fast as a new one. Filters: status,
// type, requester, a supplier or customer (partial indexes by partner, migration 20261213060000), a day range in the
// company's time zone, and a request number. Each row names its first two products (by name), its supplier or
// customer and its reference, so a phone card says what the request is for, and totals its quantities per
// unit: quantities of different products are never added into one number (docs/architecture.md §5). The "needs my decision" view
// (./decisions.ts) keeps the requests waiting for the caller's decision and lists them oldest first: the one
// waiting longest is decided first.
import "server-only";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
import { parseInput } from "../errors";
import { encodeTimeCursor } from "../list/keyset-cursor";
import { localDayRangeSql } from "../list/local-day-range";
import type { UnitTotal } from "../products/unit-totals";
import { knownNameSql } from "../users/known-name-sql";
import { awaitingDecisionSql } from "./decisions";
import type { OrderType } from "./order-fields";
import { ORDER_CURSOR, orderListInputSchema } from "./order-list-params";
import type { OrderStatus } from "./order-state-machine";

export interface OrderListRow {
  id: string;
  number: number;
  type: OrderType;
  status: OrderStatus;
  createdAt: Date;
  requesterName: string;
  locationName: string;
  lineCount: number;
  /** The quantities per unit, in the order the units first appear on the request's page (its lines by name). */
  unitTotals: UnitTotal[];
  /** The first two products' names, by name as on the request's page; lineCount says how many more there are. */
  productNames: string[];
  /** The supplier a restock names or the customer a customer order names, from the directory. */
  partner: { kind: "supplier" | "customer"; id: string; name: string } | null;
  /** The customer's or supplier's reference, as typed. */
  reference: string | null;
}

export interface OrderList {
  rows: OrderListRow[];
  /** The cursor of the next (older) page, when there is one. */
  nextCursor: string | null;
  /** Who may be picked in the requester filter (managers and admins only; staff see only their own). */
  requesters: { id: string; name: string }[];
  /** The supplier or customer the list is filtered by, by name; null without that filter or for no such entry. */
  partnerFilter: { kind: "supplier" | "customer"; id: string; name: string } | null;
  timeZone: string;
}

export async function listOrderRequests(ctx: TenantContext, input: unknown): Promise<OrderList> {
  const filters = parseInput(orderListInputSchema, input);
  const seesAll = can(ctx.role, "requests.viewAll");
  const requesterId = seesAll ? filters.requesterId : ctx.userId;
  return withTenantTx(ctx, async (tx) => {
    const company = await tx.company.findFirst({ select: { timeZone: true } });
    const timeZone = company?.timeZone ?? "UTC";
    const conditions: Prisma.Sql[] = [Prisma.sql`o.company_id = ${ctx.companyId}::uuid`];
    if (requesterId) conditions.push(Prisma.sql`o.requester_id = ${requesterId}::uuid`);
    if (filters.status) conditions.push(Prisma.sql`o.status = ${filters.status}::"OrderStatus"`);
    if (filters.type) conditions.push(Prisma.sql`o.type = ${filters.type}::"OrderType"`);
    if (filters.supplierId) conditions.push(Prisma.sql`o.supplier_id = ${filters.supplierId}::uuid`);
    if (filters.customerId) conditions.push(Prisma.sql`o.customer_id = ${filters.customerId}::uuid`);
    if (filters.number !== undefined) conditions.push(Prisma.sql`o.number = ${filters.number}`);
    conditions.push(...localDayRangeSql(Prisma.sql`o.created_at`, filters, timeZone));
    const oldestFirst = filters.view === "decide";
    if (oldestFirst) conditions.push(awaitingDecisionSql(ctx));
    if (filters.after) {
      const cursor = Prisma.sql`(${filters.after.createdAt}::timestamptz, ${filters.after.id}::uuid)`;
      conditions.push(
        oldestFirst ? Prisma.sql`(o.created_at, o.id) > ${cursor}` : Prisma.sql`(o.created_at, o.id) < ${cursor}`,
      );
    }
    const rows = await tx.$queryRaw<
      (Omit<OrderListRow, "lineCount" | "unitTotals" | "productNames" | "partner"> & {
        line_count: number;
        unit_totals: UnitTotal[];
        product_names: string[] | null;
        supplier_id: string | null;
        customer_id: string | null;
        partner_name: string | null;
      })[]
    >`
      SELECT o.id::text, o.number, o.type::text AS type, o.status::text AS status, o.created_at AS "createdAt",
             ${knownNameSql(Prisma.sql`o.company_id`, Prisma.sql`o.requester_id`, Prisma.sql`coalesce(nullif(u.name, ''), u.email)`)} AS "requesterName",
             l.name AS "locationName", o.reference,
             o.supplier_id::text, o.customer_id::text, coalesce(s.name, c.name) AS partner_name,
             t.line_count, t.product_names, ut.unit_totals
        FROM order_requests o
        JOIN users u ON u.id = o.requester_id
        JOIN locations l ON l.company_id = o.company_id AND l.id = o.location_id
        LEFT JOIN suppliers s ON s.company_id = o.company_id AND s.id = o.supplier_id
        LEFT JOIN customers c ON c.company_id = o.company_id AND c.id = o.customer_id
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS line_count,
                 (array_agg(p.name ORDER BY p.name, p.id))[1:2] AS product_names
            FROM order_lines ol
            JOIN products p ON p.company_id = ol.company_id AND p.id = ol.product_id
           WHERE ol.company_id = o.company_id AND ol.order_id = o.id
        ) t
        CROSS JOIN LATERAL (
          SELECT coalesce(json_agg(json_build_object('unit', g.unit, 'quantity', g.quantity)
                                   ORDER BY g.first_name, g.unit), '[]'::json) AS unit_totals
            FROM (SELECT p.unit, sum(ol.quantity)::bigint AS quantity, min(p.name) AS first_name
                    FROM order_lines ol
                    JOIN products p ON p.company_id = ol.company_id AND p.id = ol.product_id
                   WHERE ol.company_id = o.company_id AND ol.order_id = o.id
                   GROUP BY p.unit) g
        ) ut
       WHERE ${Prisma.join(conditions, " AND ")}
       ORDER BY ${oldestFirst ? Prisma.sql`o.created_at ASC, o.id ASC` : Prisma.sql`o.created_at DESC, o.id DESC`}
       LIMIT ${filters.limit + 1}`;
    const page = rows.slice(0, filters.limit);
    const last = page.at(-1);
    const requesters = seesAll
      ? (
          await tx.membership.findMany({
            where: {},
            select: { user: { select: { id: true, name: true, email: true } } },
            orderBy: { user: { name: "asc" } },
          })
        ).map(({ user }) => ({ id: user.id, name: user.name || user.email }))
      : [];
    const filteredBy = filters.supplierId
      ? { kind: "supplier" as const, id: filters.supplierId }
      : filters.customerId
        ? { kind: "customer" as const, id: filters.customerId }
        : null;
    const filterQuery = { select: { name: true } } as const;
    const filterName = !filteredBy
      ? null
      : filteredBy.kind === "supplier"
        ? await tx.supplier.findFirst({ where: { id: filteredBy.id }, ...filterQuery })
        : await tx.customer.findFirst({ where: { id: filteredBy.id }, ...filterQuery });
    return {
      rows: page.map(({ line_count, unit_totals, product_names, supplier_id, customer_id, partner_name, ...row }) => ({
        ...row,
        lineCount: line_count,
        unitTotals: unit_totals,
        productNames: product_names ?? [],
        partner:
          partner_name === null
            ? null
            : supplier_id
              ? { kind: "supplier" as const, id: supplier_id, name: partner_name }
              : { kind: "customer" as const, id: customer_id!, name: partner_name },
      })),
      nextCursor:
        rows.length > filters.limit && last
          ? encodeTimeCursor(ORDER_CURSOR, { createdAt: last.createdAt.toISOString(), id: last.id })
          : null,
      requesters,
      partnerFilter: filteredBy && filterName ? { ...filteredBy, name: filterName.name } : null,
      timeZone,
    };
  });
}
