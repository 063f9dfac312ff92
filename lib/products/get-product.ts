// One product as its detail page shows it: its fields (its cost price only to whoever may see money), its stock per
// location (only where it has a stock row, with that location's own reorder point) and in total with the low-stock
// state, the active locations it is not stocked at, and its movements newest first, 20 at a time with an "older"
// cursor.
// An unknown id and another company's id are the same NOT_FOUND.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import type { MovementReason } from "../db/generated/enums";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
import { callerSeesMoney } from "../companies/money-visibility";
import { AppError, parseInput } from "../errors";
import { isUuid } from "../fields";
import { decodeKeyset, encodeKeyset, isIsoTime } from "../list/keyset-cursor";
import { lowHereCondition, lowInTotalCondition, lowTotalsCondition } from "../stock/low-stock";
import { knownNameSql } from "../users/known-name-sql";
import { shortBy } from "../stock/shortage";
import { availableOf } from "./product-list-query";
import {
  companyDisplay,
  productIdFrom,
  productIdInput,
  productSelect,
  toProductRecord,
  type ProductRecord,
} from "./product-record";

export const MOVEMENTS_PAGE_SIZE = 20;

export const getProductSchema = z
  .object({
    id: productIdInput,
    /**
     * The cursor of the "older movements" link, straight from the URL; a stale, tampered or overlong one shows
     * the newest (decodeKeyset refuses text over 600 characters before reading it).
     */
    movementsBefore: z.string().optional(),
  })
  .strict();

export interface StockAtLocation {
  locationId: string;
  locationName: string;
  locationArchived: boolean;
  onHand: number;
  reserved: number;
  available: number;
  /** The location's own reorder point for the product, or null (then it is never "low here"). */
  reorderPoint: number | null;
  /** At or below the location's own reorder point (lib/stock/low-stock.ts). */
  low: boolean;
  /** Units approved orders reserve here beyond what is on hand (a stocktake counted fewer); 0 when not short. */
  shortBy: number;
}

export interface MovementRow {
  id: string;
  at: Date;
  reason: MovementReason;
  /** Signed: + in, − out. */
  quantity: number;
  /** On hand at that location after this movement. */
  balanceAfter: number;
  locationName: string;
  /** Who booked it; null for system work or someone no longer in the company. */
  actorName: string | null;
  note: string | null;
  /** The request that moved it (a fulfilment); `visible` when the viewer may open it (staff: their own). */
  order: { id: string; number: number; visible: boolean } | null;
}

/** A product as a viewer sees it: without its cost price when they may not see money (lib/auth/permissions.ts). */
export type ProductView = Omit<ProductRecord, "costPrice"> & { costPrice?: string };

export interface ProductDetail {
  product: ProductView;
  stock: {
    locations: StockAtLocation[];
    onHand: number;
    reserved: number;
    available: number;
    /** Low in total or at some location (lib/stock/low-stock.ts). */
    low: boolean;
    /** Low in total: the total on hand at or below the product's own reorder point. */
    lowInTotal: boolean;
    /** Short for approved orders at any location (lib/stock/shortage.ts). */
    short: boolean;
  };
  movements: { rows: MovementRow[]; olderCursor: string | null; isFirstPage: boolean };
  /**
   * Active locations where the product has no stock row, default first: where a manager may still set a reorder point
   * of its own (which makes the product stocked there, lib/stock/set-location-reorder-point.ts).
   */
  unstockedLocations: { id: string; name: string }[];
  /** The company's time zone, in which movement times are shown. */
  timeZone: string;
  /** The company's currency, in which prices are shown. */
  currency: string;
}

/** The movement an "older" link starts after, or null (the first page) for anything that is not a real one. */
function decodeMovementCursor(text: string | undefined): { at: string; id: string } | null {
  const parts = text ? decodeKeyset(text, 2) : null;
  if (!parts) return null;
  const [at, id] = parts;
  // A well-shaped but impossible time ("2024-13-45T99:99:99.000Z", "2024-02-30…") would make PostgreSQL refuse
  // the query: it is no cursor.
  return isIsoTime(at) && isUuid(id) ? { at, id: id.toLowerCase() } : null;
}

export async function getProduct(ctx: TenantContext, input: unknown): Promise<ProductDetail> {
  const { id: rawId, movementsBefore } = parseInput(getProductSchema, input);
  if (!can(ctx.role, "products.view")) throw AppError.forbidden();
  const id = productIdFrom(rawId);
  const before = decodeMovementCursor(movementsBefore);
  const company = Prisma.sql`${ctx.companyId}::uuid`;

  return withTenantTx(ctx, async (tx) => {
    const found = await tx.product.findUnique({ where: { id }, select: productSelect });
    if (!found) throw AppError.notFound("That product");

    // One query at a time: a transaction is one connection.
    const locations = await tx.$queryRaw<
      {
        location_id: string;
        location_name: string;
        location_archived: boolean;
        on_hand: number;
        reserved: number;
        reorder_point: number | null;
        low: boolean;
      }[]
    >`
        SELECT l.location_id::text, loc.name AS location_name, loc.archived_at IS NOT NULL AS location_archived,
               l.on_hand, l.reserved, l.reorder_point, ${lowHereCondition("l", Prisma.sql`p.archived`)} AS low
          FROM stock_levels l
          JOIN products p ON p.company_id = ${company} AND p.id = l.product_id
          JOIN locations loc ON loc.company_id = ${company} AND loc.id = l.location_id
         WHERE l.company_id = ${company} AND l.product_id = ${id}::uuid
         ORDER BY loc.is_default DESC, loc.name, loc.id`;
    const [totals] = await tx.$queryRaw<{ on_hand: bigint; reserved: bigint; low: boolean; low_in_total: boolean }[]>`
        SELECT t.on_hand, t.reserved, NOT t.archived AND ${lowTotalsCondition("t")} AS low,
               NOT t.archived AND ${lowInTotalCondition(Prisma.sql`t.on_hand`, Prisma.sql`t.reorder_point`)} AS low_in_total
          FROM product_stock_totals t
         WHERE t.company_id = ${company} AND t.product_id = ${id}::uuid`;
    const movements = await tx.$queryRaw<
      {
        id: string;
        created_at: Date;
        reason: MovementReason;
        quantity: number;
        balance_after: number;
        location_name: string;
        actor_name: string | null;
        note: string | null;
        order_id: string | null;
        order_number: number | null;
        order_visible: boolean | null;
      }[]
    >`
        SELECT m.id::text, m.created_at, m.reason::text AS reason, m.quantity, m.balance_after, loc.name AS location_name,
               ${knownNameSql(company, Prisma.sql`m.actor_id`, Prisma.sql`u.name`)} AS actor_name, m.note, o.id::text AS order_id, o.number AS order_number,
               (${can(ctx.role, "requests.viewAll")} OR o.requester_id = ${ctx.userId}::uuid) AS order_visible
          FROM stock_movements m
          JOIN locations loc ON loc.company_id = ${company} AND loc.id = m.location_id
          LEFT JOIN users u ON u.id = m.actor_id
          LEFT JOIN order_requests o ON o.company_id = ${company} AND o.id = m.order_id
         WHERE m.company_id = ${company} AND m.product_id = ${id}::uuid
           ${before ? Prisma.sql`AND (m.created_at, m.id) < (${before.at}::timestamptz, ${before.id}::uuid)` : Prisma.empty}
         ORDER BY m.created_at DESC, m.id DESC
         LIMIT ${MOVEMENTS_PAGE_SIZE + 1}`;
    const unstocked = await tx.$queryRaw<{ id: string; name: string }[]>`
        SELECT loc.id::text, loc.name
          FROM locations loc
         WHERE loc.company_id = ${company} AND loc.archived_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM stock_levels l
                            WHERE l.company_id = ${company} AND l.product_id = ${id}::uuid AND l.location_id = loc.id)
         ORDER BY loc.is_default DESC, loc.name, loc.id`;
    const display = await companyDisplay(tx);
    const seesMoney = await callerSeesMoney(tx, ctx);
    const { costPrice, ...product } = toProductRecord(found);

    const onHand = Number(totals?.on_hand ?? 0);
    const reserved = Number(totals?.reserved ?? 0);
    const page = movements.slice(0, MOVEMENTS_PAGE_SIZE);
    const last = page[page.length - 1];
    return {
      product: seesMoney ? { ...product, costPrice } : product,
      stock: {
        locations: locations.map((l) => ({
          locationId: l.location_id,
          locationName: l.location_name,
          locationArchived: l.location_archived,
          onHand: l.on_hand,
          reserved: l.reserved,
          available: availableOf(l.on_hand, l.reserved),
          reorderPoint: l.reorder_point,
          low: l.low,
          shortBy: shortBy({ onHand: l.on_hand, reserved: l.reserved }),
        })),
        onHand,
        reserved,
        available: availableOf(onHand, reserved),
        low: totals?.low ?? false,
        lowInTotal: totals?.low_in_total ?? false,
        short: locations.some((l) => shortBy({ onHand: l.on_hand, reserved: l.reserved }) > 0),
      },
      movements: {
        rows: page.map((m) => ({
          id: m.id,
          at: m.created_at,
          reason: m.reason,
          quantity: m.quantity,
          balanceAfter: m.balance_after,
          locationName: m.location_name,
          actorName: m.actor_name,
          note: m.note,
          order:
            m.order_id && m.order_number !== null
              ? { id: m.order_id, number: m.order_number, visible: m.order_visible === true }
              : null,
        })),
        olderCursor:
          movements.length > MOVEMENTS_PAGE_SIZE && last
            ? encodeKeyset([last.created_at.toISOString(), last.id])
            : null,
        isFirstPage: !before,
      },
      unstockedLocations: unstocked,
      ...display,
    };
  });
}
