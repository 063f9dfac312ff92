// "Short for approved orders" (issue 11, item 9), defined once: a stock row is short when approved customer orders
// reserve more there than is on hand. Only a stocktake gets it there — a count is the truth, so it books below the
// reservations rather than being refused (no CHECK) — and receiving stock or a higher count clears it. The product
// page, the product list's filter, the dashboard's count and the request page (and the fulfilment's refusal) all
// use the condition and wording below. Short rows are few, and a partial index holds exactly them
// (stock_levels_short_idx): counting them never reads the company's other stock rows.
// Not marked server-only: the dashboard benchmark (bench/dashboard.ts) runs the same SQL.
import { Prisma } from "../db/generated/client";
import { formatMoment } from "../format-moment";

/** The rule, over a row `alias` of stock_levels. Written as the partial index's predicate, so the planner uses it. */
export function shortCondition(alias = "s"): Prisma.Sql {
  const row = Prisma.raw(alias);
  return Prisma.sql`(${row}.reserved > ${row}.on_hand)`;
}

/** How many units approved orders reserve beyond what is on hand (0 when the row is not short). */
export function shortBy(level: { onHand: number; reserved: number }): number {
  return Math.max(0, level.reserved - level.onHand);
}

/** Whether product `productId` (an SQL expression) is short at any location, or at `locationId`. */
export function isShortProduct(companyId: string, productId: Prisma.Sql, locationId?: string): Prisma.Sql {
  return Prisma.sql`EXISTS (
    SELECT 1 FROM stock_levels s
     WHERE s.company_id = ${companyId}::uuid AND s.product_id = ${productId} AND ${shortCondition()}
       ${locationId ? Prisma.sql`AND s.location_id = ${locationId}::uuid` : Prisma.empty})`;
}

export interface ShortProductRow {
  id: string;
  sku: string;
  name: string;
  /** Units reserved beyond what is on hand, over its short locations. */
  short_by: bigint;
  /** Products short in all (the same on every row). */
  total: number;
}

/**
 * The company's short products, at most `limit` (most short first; a tie at the cut decided by product id, one on
 * the list by name), each row also carrying how many there are. The short rows come from the partial index, and only
 * the products listed are looked up, by key: the planner cannot tell how few rows `reserved > on_hand` keeps, and
 * joined to every product (or JIT-compiled a plan costed for thousands) when the lookup came before the limit.
 */
export function shortProductsSql(companyId: string, limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT t.product_id::text AS id, p.sku, p.name, t.short_by, t.total
      FROM (
        SELECT s.product_id, sum(s.reserved - s.on_hand)::bigint AS short_by, (count(*) OVER ())::int AS total
          FROM stock_levels s
         WHERE s.company_id = ${companyId}::uuid AND ${shortCondition()}
         GROUP BY s.product_id
         ORDER BY short_by DESC, s.product_id
         LIMIT ${limit}) t
     CROSS JOIN LATERAL (
        SELECT p.sku, p.name FROM products p
         WHERE p.company_id = ${companyId}::uuid AND p.id = t.product_id
         LIMIT 1) p
     ORDER BY t.short_by DESC, p.name, t.product_id`;
}

/** The last stocktake that counted a product at a location, as a LATERAL relation `(counted_at)` (NULL: never). */
export function lastCountOf(companyId: string, productId: Prisma.Sql, locationId: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`LEFT JOIN LATERAL (
    SELECT m.created_at AS counted_at FROM stock_movements m
     WHERE m.company_id = ${companyId}::uuid AND m.product_id = ${productId} AND m.location_id = ${locationId}
       AND m.reason = 'STOCKTAKE'
     ORDER BY m.created_at DESC
     LIMIT 1) last_count ON true`;
}

export interface Shortfall {
  productName: string;
  sku: string;
  locationName: string;
  onHand: number;
  reserved: number;
  /** The last stocktake of the product there; null if none is on record. */
  countedAt: Date | null;
}

/** "a stocktake on 6 Dec 2026, 14:05 (UTC) found fewer than approved orders reserve (8 reserved)". */
function cause(shortfall: Shortfall, timeZone: string): string {
  const when = shortfall.countedAt ? `a stocktake on ${formatMoment(shortfall.countedAt, timeZone)}` : "a stocktake";
  return `${when} found fewer than approved orders reserve (${shortfall.reserved} reserved)`;
}

/** A line of an approved order at a short location: what the request page says under it. */
export function shortLineText(shortfall: Shortfall, quantity: number, timeZone: string): string {
  const ships =
    shortfall.onHand >= quantity
      ? `this order's ${quantity} can still ship`
      : shortfall.onHand > 0
        ? `${quantity} needed: ship the ${shortfall.onHand} on hand and keep the rest on backorder, or wait until stock is received or recounted`
        : `${quantity} needed: nothing can ship until stock is received or recounted`;
  return `Short for approved orders at ${shortfall.locationName}: only ${shortfall.onHand} on hand, ${ships}. ${capitalised(cause(shortfall, timeZone))}.`;
}

/** Why a fulfilment is refused when the location is short for approved orders. */
export function shortFulfilmentMessage(shortfall: Shortfall, quantity: number, timeZone: string): string {
  const now =
    shortfall.onHand > 0 ? `, or fulfil the ${shortfall.onHand} on hand now and keep the rest on backorder` : "";
  return `Only ${shortfall.onHand} ${shortfall.productName} (${shortfall.sku}) on hand at ${shortfall.locationName}, ${quantity} needed: ${cause(shortfall, timeZone)}. Receive or recount the stock, then fulfil${now}.`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

type RawQuery = Pick<Prisma.TransactionClient, "$queryRaw">;

/**
 * The short stock rows of `productIds` at `locationId`, by product id, each with its last stocktake. Read under the
 * caller's row locks where a decision follows (a fulfilment), so it describes the stock the decision is about.
 */
export async function findShortfalls(
  tx: RawQuery,
  companyId: string,
  locationId: string,
  productIds: string[],
): Promise<Map<string, Shortfall>> {
  if (productIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<
    {
      product_id: string;
      name: string;
      sku: string;
      location_name: string;
      on_hand: number;
      reserved: number;
      counted_at: Date | null;
    }[]
  >`
    SELECT s.product_id::text, p.name, p.sku, l.name AS location_name, s.on_hand, s.reserved, last_count.counted_at
      FROM stock_levels s
      JOIN products p ON p.company_id = s.company_id AND p.id = s.product_id
      JOIN locations l ON l.company_id = s.company_id AND l.id = s.location_id
      ${lastCountOf(companyId, Prisma.sql`s.product_id`, Prisma.sql`s.location_id`)}
     WHERE s.company_id = ${companyId}::uuid AND s.location_id = ${locationId}::uuid
       AND s.product_id = ANY(${productIds}::uuid[]) AND ${shortCondition()}`;
  return new Map(
    rows.map((row) => [
      row.product_id,
      {
        productName: row.name,
        sku: row.sku,
        locationName: row.location_name,
        onHand: row.on_hand,
        reserved: row.reserved,
        countedAt: row.counted_at,
      },
    ]),
  );
}
