// What a stocktake at one location lists, one keyset page of STOCK_PAGE_SIZE at a time (a location can hold
// thousands; lib/stock/product-name-keyset.ts):
// without a search, the products with a stock row there, by name; with one, every product matching it by name,
// SKU or barcode (so a product found on the shelf but not yet listed can be counted too), with its stock there.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { cursorTextShape, decodeCursors, keysetPage } from "../list/keyset-page";
import {
  afterProductName,
  decodeProductNameCursor,
  encodeProductNameCursor,
  productNameOrder,
  SORT_NAME,
} from "./product-name-keyset";
import { productSearchCondition } from "../products/product-search";
import { locationIdSchema, pageLimitSchema, searchTextSchema } from "./stock-fields";

/** A stocktake cursor from a URL or a caller, or null for one this list did not make. */
export const decodeStocktakeCursor = decodeProductNameCursor("stocktake");

export const listStocktakeProductsSchema = z
  .object({ locationId: locationIdSchema, search: searchTextSchema, ...cursorTextShape, limit: pageLimitSchema })
  .strict()
  .transform(decodeCursors(decodeStocktakeCursor));

export interface StocktakeProductRow {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  /** How many units one pack holds, or null: said beside the count box. */
  packSize: number | null;
  barcode: string | null;
  onHand: number;
  reserved: number;
}

export interface StocktakeProductPage {
  products: StocktakeProductRow[];
  /** Every product the stocktake lists, on any page. */
  total: number;
  nextCursor: string | null;
  previousCursor: string | null;
}

interface Row {
  id: string;
  sku: string;
  name: string;
  sort_name: string;
  unit: string;
  pack_size: number | null;
  barcode: string | null;
  on_hand: number | null;
  reserved: number | null;
}

export async function listStocktakeProducts(ctx: TenantContext, input: unknown): Promise<StocktakeProductPage> {
  const { locationId, search, after, before, limit } = parseInput(listStocktakeProductsSchema, input);
  if (!can(ctx.role, "stock.stocktake")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const found = await tx.location.findUnique({ where: { id: locationId }, select: { id: true } });
    if (!found) throw AppError.notFound("That location");
    const company = Prisma.sql`${ctx.companyId}::uuid`;
    const matching = search ? await productSearchCondition(tx, search) : undefined;
    const from = matching
      ? Prisma.sql`
          FROM products p
          LEFT JOIN stock_levels s ON s.company_id = p.company_id AND s.product_id = p.id AND s.location_id = ${locationId}::uuid
         WHERE p.company_id = ${company} AND ${matching} AND (NOT p.archived OR s.id IS NOT NULL)`
      : Prisma.sql`
          FROM stock_levels s
          JOIN products p ON p.company_id = s.company_id AND p.id = s.product_id
         WHERE s.company_id = ${company} AND s.location_id = ${locationId}::uuid`;
    // One query at a time: a transaction is one connection.
    // Without a search, the location's stock rows (index on (company_id, location_id)) are sorted by their
    // products' names: another table's column, which no index of stock_levels orders by.
    const read = await tx.$queryRaw<Row[]>`
        SELECT p.id::text, p.sku, p.name, ${SORT_NAME}, p.unit, p.pack_size, p.barcode, s.on_hand, s.reserved
        ${from} AND ${afterProductName({ after, before })}
         ${productNameOrder(before)}
         LIMIT ${limit + 1}`;
    const [count] = await tx.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${from}`;
    const page = keysetPage(before ? read.reverse() : read, { limit, after, before }, (row) =>
      encodeProductNameCursor("stocktake", row),
    );
    return {
      products: page.rows.map((row) => ({
        productId: row.id,
        sku: row.sku,
        name: row.name,
        unit: row.unit,
        packSize: row.pack_size,
        barcode: row.barcode,
        onHand: row.on_hand ?? 0,
        reserved: row.reserved ?? 0,
      })),
      total: count?.total ?? 0,
      nextCursor: page.nextCursor,
      previousCursor: page.previousCursor,
    };
  });
}
