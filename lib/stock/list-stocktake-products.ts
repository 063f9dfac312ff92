// What a stocktake at one location lists, one page of STOCK_PAGE_SIZE at a time (a location can hold thousands):
// without a search, the products with a stock row there, by name; with one, every product matching it by name,
// SKU or barcode (so a product found on the shelf but not yet listed can be counted too), with its stock there.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { productSearchCondition } from "../products/product-search";
import { locationIdSchema, pageNumberSchema, searchTextSchema, STOCK_PAGE_SIZE } from "./stock-fields";

export const listStocktakeProductsSchema = z
  .object({ locationId: locationIdSchema, search: searchTextSchema, page: pageNumberSchema })
  .strict();

export interface StocktakeProductRow {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  barcode: string | null;
  onHand: number;
  reserved: number;
}

export interface StocktakeProductPage {
  products: StocktakeProductRow[];
  page: number;
  pageSize: number;
  total: number;
  hasNextPage: boolean;
}

interface Row {
  id: string;
  sku: string;
  name: string;
  unit: string;
  barcode: string | null;
  on_hand: number | null;
  reserved: number | null;
}

export async function listStocktakeProducts(ctx: TenantContext, input: unknown): Promise<StocktakeProductPage> {
  const { locationId, search, page } = parseInput(listStocktakeProductsSchema, input);
  if (!can(ctx.role, "stock.stocktake")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const found = await tx.location.findUnique({ where: { id: locationId }, select: { id: true } });
    if (!found) throw AppError.notFound("That location");
    const offset = (page - 1) * STOCK_PAGE_SIZE;
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
    const rows = await tx.$queryRaw<Row[]>`
        SELECT p.id::text, p.sku, p.name, p.unit, p.barcode, s.on_hand, s.reserved
        ${from}
         ORDER BY lower(p.name), p.sku, p.id
         LIMIT ${STOCK_PAGE_SIZE} OFFSET ${offset}`;
    const [count] = await tx.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${from}`;
    const total = count?.total ?? 0;
    return {
      products: rows.map((row) => ({
        productId: row.id,
        sku: row.sku,
        name: row.name,
        unit: row.unit,
        barcode: row.barcode,
        onHand: row.on_hand ?? 0,
        reserved: row.reserved ?? 0,
      })),
      page,
      pageSize: STOCK_PAGE_SIZE,
      total,
      hasNextPage: offset + rows.length < total,
    };
  });
}
