// The product search of the request form: active products matching what was typed or scanned, with what is
// available at the request's location. A scanned barcode or a typed SKU that matches exactly (letter case aside)
// comes first (a barcode scanner types the code and Enter: the form adds that product at once); then name, SKU or
// barcode substrings. At most a handful: this feeds a picker on a phone, not a list. Given product ids instead, it answers
// for exactly those (the form's lines, when the person picks another location). With `stocked` and a location instead,
// it answers the products on hand there (at most STOCKED_LIMIT, by name): what the offline product cache takes in when
// the request form opens (lib/offline/product-cache.ts).
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { productCodeCandidates } from "../products/product-code";
import { keyMatches } from "../products/product-keys";
import { productSearchCondition } from "../products/product-search";
import { locationIdSchema, productIdSchema, searchTextSchema } from "../stock/stock-fields";
import { MAX_ORDER_LINES } from "./order-fields";

/** The most products one `stocked` answer holds: the offline cache keeps at most 500 in all. */
export const STOCKED_LIMIT = 200;

export const findSchema = z
  .object({
    q: searchTextSchema,
    productIds: z
      .array(productIdSchema)
      .max(MAX_ORDER_LINES, `Ask for at most ${MAX_ORDER_LINES} products at once.`)
      .optional(),
    locationId: locationIdSchema.optional(),
    stocked: z.boolean().optional(),
    limit: z.number().int().min(1).max(20).default(8),
  })
  .strict();

export interface OrderProductMatch {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  /** How many units one pack holds, or null: the form says it beside the line's quantity. */
  packSize: number | null;
  barcode: string | null;
  /** The exact barcode or SKU typed: the one product meant. */
  exact: boolean;
  /** At the location asked about (0 without one). */
  onHand: number;
  available: number;
}

export async function findOrderProducts(ctx: TenantContext, input: unknown): Promise<OrderProductMatch[]> {
  const { q, productIds, locationId, stocked, limit } = parseInput(findSchema, input);
  if (!can(ctx.role, "requests.create")) throw AppError.forbidden();
  const onHandThere = stocked && locationId && !q && !productIds?.length;
  if (!q && !productIds?.length && !onHandThere) return [];
  const codes = productCodeCandidates(q);
  // Exact in any letter case, like the SKU and barcode themselves (lib/products/product-keys.ts): a scanner or a
  // person typing "bolt-m8-40" means BOLT-M8-40; a UPC-A and its EAN-13 spelling are one barcode
  // (lib/products/product-code.ts). A product without a barcode compares as NULL, not false: coalesced, or it would
  // sort first (DESC puts NULLs first) and read as "exact: null".
  const exact = Prisma.sql`(coalesce(p.barcode_key = ANY(ARRAY(SELECT lower(v) FROM unnest(${codes}::text[]) AS v)), false) OR p.sku_key = lower(${q}))`;
  const rows = await withTenantTx(ctx, async (tx) => {
    // The text search is resolved in this transaction: it may ask search_product_ids for ids first.
    const matching = productIds
      ? Prisma.sql`p.id = ANY(${productIds}::uuid[])`
      : onHandThere
        ? Prisma.sql`NOT p.archived AND s.on_hand > 0`
        : Prisma.sql`NOT p.archived AND (${keyMatches("barcode", codes)} OR ${keyMatches("sku", [q])} OR ${await productSearchCondition(tx, q)})`;
    return tx.$queryRaw<
      {
        id: string;
        sku: string;
        name: string;
        unit: string;
        pack_size: number | null;
        barcode: string | null;
        exact: boolean;
        on_hand: number;
        reserved: number;
      }[]
    >`
      SELECT p.id::text, p.sku, p.name, p.unit, p.pack_size, p.barcode,
             ${exact} AS exact,
             coalesce(s.on_hand, 0) AS on_hand, coalesce(s.reserved, 0) AS reserved
        FROM products p
        LEFT JOIN stock_levels s
          ON s.company_id = p.company_id AND s.product_id = p.id AND s.location_id = ${locationId ?? null}::uuid
       WHERE p.company_id = ${ctx.companyId}::uuid AND ${matching}
       ORDER BY ${exact} DESC, lower(p.name), p.sku, p.id
       LIMIT ${productIds?.length ?? (onHandThere ? STOCKED_LIMIT : limit)}`;
  });
  return rows.map((row) => ({
    productId: row.id,
    sku: row.sku,
    name: row.name,
    unit: row.unit,
    packSize: row.pack_size,
    barcode: row.barcode,
    exact: row.exact,
    onHand: row.on_hand,
    available: Math.max(0, row.on_hand - row.reserved),
  }));
}
