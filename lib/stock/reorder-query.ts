// The "to reorder" list (issue 15, item 3; docs/architecture.md §5 "Restock suggestions"): every active product that is
// low by the one definition (./low-stock.ts) — one row for a product low in total, to be received at the default
// location, and one per location low by its own point — with what open restocks already bring there and what to
// order now (./reorder-quantity.ts), grouped by each product's preferred supplier (products without one last).
//
// Shaped for 100k products: the low rows come from the two partial indexes that hold exactly them
// (product_stock_totals_low_idx, stock_levels_low_idx), are joined to their products and preferred suppliers, sorted
// by (group, product name, product, scope, location) and cut to a page after a keyset cursor; only the page's rows
// then look up what open restocks bring. This module is the SQL and its reading, pure of the server (bench/reorder.ts
// runs the same SQL); ./reorder-suggestions.ts is the lib function.
import { z } from "zod";
import { Prisma } from "../db/generated/client";
import { idSchema, locationIdSchema } from "../fields";
import { OPEN_STATUSES_SQL } from "../orders/open-statuses-sql";
import { atLocationPointCondition, lowInTotalCondition, lowTotalsCondition } from "./low-stock";
import { decodeKeyset, encodeKeyset, STALE_CURSOR_MESSAGE } from "../list/keyset-cursor";
import { describeBasis, suggestReorder, type ReorderBasis, type ReorderScope } from "./reorder-quantity";

export const REORDER_PAGE_SIZE = 50;
/** The group of products with no preferred supplier. */
export const NO_SUPPLIER = "none";

const NIL_UUID = "00000000-0000-0000-0000-000000000000";

interface ReorderCursor {
  noSupplier: boolean;
  supplierKey: string;
  supplierId: string;
  nameKey: string;
  productId: string;
  scope: 0 | 1;
  locationId: string;
}

function decodeReorderCursor(text: string): ReorderCursor | null {
  const parts = decodeKeyset(text, 7);
  if (!parts) return null;
  const [noSupplier, supplierKey, supplierId, nameKey, productId, scope, locationId] = parts;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  if (
    typeof noSupplier !== "boolean" ||
    typeof supplierKey !== "string" ||
    typeof supplierId !== "string" ||
    !uuid.test(supplierId) ||
    typeof nameKey !== "string" ||
    typeof productId !== "string" ||
    !uuid.test(productId) ||
    (scope !== 0 && scope !== 1) ||
    typeof locationId !== "string" ||
    !uuid.test(locationId)
  ) {
    return null;
  }
  return { noSupplier, supplierKey, supplierId, nameKey, productId, scope, locationId };
}

export const reorderListSchema = z
  .object({
    /** One supplier's group, or "none" for the products without a preferred supplier. */
    supplierId: z.union([z.literal(NO_SUPPLIER), idSchema("That supplier")]).optional(),
    locationId: locationIdSchema.optional(),
    after: z.string().optional(),
    limit: z.number().int().min(1).max(200).default(REORDER_PAGE_SIZE),
  })
  .strict()
  .transform((input, ctx) => {
    if (input.after === undefined) return { ...input, after: undefined };
    const after = decodeReorderCursor(input.after);
    if (!after) {
      ctx.addIssue({ code: "custom", path: ["after"], message: STALE_CURSOR_MESSAGE });
      return z.NEVER;
    }
    return { ...input, after };
  });

export type ReorderListInput = z.output<typeof reorderListSchema>;

export interface ReorderRow {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  packSize: number | null;
  scope: ReorderScope;
  locationId: string;
  locationName: string;
  onHand: number;
  reorderPoint: number;
  /** What open restocks already bring (to this location, for a location's row). */
  incoming: number;
  need: number;
  basis: ReorderBasis;
  /** "up to the target level of 50" */
  basisText: string;
  suggested: number;
  supplier: {
    id: string;
    name: string;
    archived: boolean;
    supplierSku: string | null;
    leadTimeDays: number | null;
    /** Absent for whoever may not see money; null when no purchase price is on record. */
    purchasePrice?: string | null;
  } | null;
  /** The product's cost price, the estimate when the supplier has no price; absent with money. */
  costPrice?: string;
  /**
   * What the suggested quantity costs (estimateCost): at the preferred supplier's purchase price, else at the cost
   * price; absent with money.
   */
  estimate?: { amount: string; at: "purchase" | "cost" };
}

export interface ReorderPage {
  rows: ReorderRow[];
  /** The cursor of the next page, or null after the last. */
  next: string | null;
  seesMoney: boolean;
}

export interface ReorderSqlRow {
  product_id: string;
  sku: string;
  name: string;
  unit: string;
  pack_size: number | null;
  reorder_quantity: number | null;
  target_level: number | null;
  cost_price: string;
  scope: 0 | 1;
  location_id: string;
  location_name: string;
  on_hand: number;
  point: number;
  no_supplier: boolean;
  supplier_key: string;
  supplier_id: string;
  supplier_name: string | null;
  supplier_archived: boolean | null;
  supplier_sku: string | null;
  purchase_price: string | null;
  lead_time_days: number | null;
  name_key: string;
  incoming: bigint;
}

/**
 * The low rows as CTEs `low` and `r` (each row with its product, location and preferred supplier), for the page and
 * the groups' summary alike. A location filter narrows the low rows themselves, before anything is joined to them.
 */
function lowRowsCtes(company: Prisma.Sql, locationId: string | undefined): Prisma.Sql {
  const atTotal = locationId ? Prisma.sql`AND d.id = ${locationId}::uuid` : Prisma.empty;
  const atLocation = locationId ? Prisma.sql`AND l.location_id = ${locationId}::uuid` : Prisma.empty;
  return Prisma.sql`
    low AS MATERIALIZED (
      -- Low in total (the product's own point), from the partial index of low totals rows (its predicate is written
      -- out so the planner sees the index applies): received at the default location.
      SELECT t.product_id, 0 AS scope, d.id AS location_id, t.on_hand::int AS on_hand, t.reorder_point AS point
        FROM product_stock_totals t
        JOIN locations d ON d.company_id = ${company} AND d.is_default ${atTotal}
       WHERE t.company_id = ${company} AND NOT t.archived AND ${lowTotalsCondition("t")}
         AND ${lowInTotalCondition(Prisma.sql`t.on_hand`, Prisma.sql`t.reorder_point`)}
      UNION ALL
      -- Low at a location (its own point), from the partial index of low stock rows; archived products leave at r's
      -- join to products.
      SELECT l.product_id, 1, l.location_id, l.on_hand, l.reorder_point
        FROM stock_levels l
       WHERE l.company_id = ${company} AND ${atLocationPointCondition("l")} ${atLocation}
    ), r AS (
      SELECT low.product_id, low.scope, low.location_id, low.on_hand, low.point, loc.name AS location_name,
             p.sku, p.name, p.unit, p.pack_size, p.reorder_quantity, p.target_level, p.cost_price::text AS cost_price,
             lower(p.name) AS name_key,
             ps.supplier_id IS NULL AS no_supplier, coalesce(s.name_key, '') AS supplier_key,
             coalesce(ps.supplier_id, ${NIL_UUID}::uuid) AS supplier_id, s.name AS supplier_name,
             s.archived_at IS NOT NULL AS supplier_archived, ps.supplier_sku,
             ps.purchase_price::text AS purchase_price, ps.lead_time_days
        FROM low
        JOIN products p ON p.company_id = ${company} AND p.id = low.product_id AND NOT p.archived
        JOIN locations loc ON loc.company_id = ${company} AND loc.id = low.location_id AND loc.archived_at IS NULL
        LEFT JOIN product_suppliers ps ON ps.company_id = ${company} AND ps.product_id = p.id AND ps.preferred
        LEFT JOIN suppliers s ON s.company_id = ${company} AND s.id = ps.supplier_id
    )`;
}

/** The supplier filter on `r`: one supplier's group, or none's (the location's is in lowRowsCtes). */
function groupFilters(input: Pick<ReorderListInput, "supplierId">): Prisma.Sql[] {
  const filters: Prisma.Sql[] = [];
  if (input.supplierId === NO_SUPPLIER) filters.push(Prisma.sql`r.no_supplier`);
  else if (input.supplierId) filters.push(Prisma.sql`r.supplier_id = ${input.supplierId}::uuid`);
  return filters;
}

/** The page's SQL: one more row than `limit`, after the cursor, with what open restocks bring. */
export function reorderSql(companyId: string, input: ReorderListInput): Prisma.Sql {
  const company = Prisma.sql`${companyId}::uuid`;
  const filters = groupFilters(input);
  const after = input.after;
  if (after) {
    filters.push(Prisma.sql`(r.no_supplier, r.supplier_key, r.supplier_id, r.name_key, r.product_id, r.scope, r.location_id)
      > (${after.noSupplier}, ${after.supplierKey}, ${after.supplierId}::uuid, ${after.nameKey}, ${after.productId}::uuid,
         ${after.scope}::int, ${after.locationId}::uuid)`);
  }
  return Prisma.sql`
    WITH ${lowRowsCtes(company, input.locationId)}
    SELECT page.*, incoming.quantity AS incoming
      FROM (SELECT r.* FROM r
             ${filters.length > 0 ? Prisma.sql`WHERE ${Prisma.join(filters, " AND ")}` : Prisma.empty}
             ORDER BY r.no_supplier, r.supplier_key, r.supplier_id, r.name_key, r.product_id, r.scope, r.location_id
             LIMIT ${input.limit + 1}) page
      CROSS JOIN LATERAL (
        SELECT coalesce(sum(CASE WHEN o.status = 'PENDING' THEN ol.quantity
                                 ELSE ol.approved_quantity - ol.fulfilled_quantity END), 0)::bigint AS quantity
          FROM order_lines ol
          JOIN order_requests o ON o.company_id = ${company} AND o.id = ol.order_id
         WHERE ol.company_id = ${company} AND ol.product_id = page.product_id AND o.type = 'RESTOCK'
           AND o.status IN ${OPEN_STATUSES_SQL}
           AND (page.scope = 0 OR o.location_id = page.location_id)) incoming
     ORDER BY page.no_supplier, page.supplier_key, page.supplier_id, page.name_key, page.product_id, page.scope,
              page.location_id`;
}

function cursorOf(row: ReorderSqlRow): string {
  return encodeKeyset([
    row.no_supplier,
    row.supplier_key,
    row.supplier_id,
    row.name_key,
    row.product_id,
    row.scope,
    row.location_id,
  ]);
}

/** A price (a decimal string, at most two decimals) times a whole quantity, exactly: "1.20" × 40 → "48.00". */
export function estimateCost(price: string, quantity: number): string {
  const [whole = "0", fraction = ""] = price.split(".");
  const cents = (BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0").slice(0, 2))) * BigInt(quantity);
  return `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
}

/** The rows as the page shows them, each with its suggestion. */
export function toReorderPage(input: ReorderListInput, sqlRows: ReorderSqlRow[], seesMoney: boolean): ReorderPage {
  const more = sqlRows.length > input.limit;
  const rows = sqlRows.slice(0, input.limit);
  return {
    rows: rows.map((row) => {
      const scope: ReorderScope = row.scope === 0 ? "total" : "location";
      const inputs = {
        scope,
        onHand: row.on_hand,
        reorderPoint: row.point,
        reorderQuantity: row.reorder_quantity,
        targetLevel: row.target_level,
        incoming: Number(row.incoming),
        packSize: row.pack_size,
      };
      const suggestion = suggestReorder(inputs);
      return {
        productId: row.product_id,
        sku: row.sku,
        name: row.name,
        unit: row.unit,
        packSize: row.pack_size,
        scope,
        locationId: row.location_id,
        locationName: row.location_name,
        onHand: row.on_hand,
        reorderPoint: row.point,
        incoming: inputs.incoming,
        ...suggestion,
        basisText: describeBasis(suggestion.basis, inputs),
        supplier: row.no_supplier
          ? null
          : {
              id: row.supplier_id,
              name: row.supplier_name ?? "",
              archived: row.supplier_archived ?? false,
              supplierSku: row.supplier_sku,
              leadTimeDays: row.lead_time_days,
              ...(seesMoney && { purchasePrice: row.purchase_price }),
            },
        ...(seesMoney && {
          costPrice: row.cost_price,
          estimate:
            !row.no_supplier && row.purchase_price !== null
              ? { amount: estimateCost(row.purchase_price, suggestion.suggested), at: "purchase" as const }
              : { amount: estimateCost(row.cost_price, suggestion.suggested), at: "cost" as const },
        }),
      };
    }),
    next: more && rows.length > 0 ? cursorOf(rows[rows.length - 1]!) : null,
    seesMoney,
  };
}

/** A supplier's group (or the group of products without one) as a whole, beyond the page in view. */
export interface ReorderGroup {
  /** The supplier, or null for the products without a preferred supplier. */
  supplier: { id: string; name: string; archived: boolean } | null;
  /** Products low in the group (a product low in total and at a location counts once). */
  products: number;
  /** Where the group's rows are received, each a request of its own: the default location first, then by name. */
  locations: { id: string; name: string; isDefault: boolean; products: number }[];
}

export interface ReorderGroupSqlRow {
  no_supplier: boolean;
  supplier_id: string;
  supplier_name: string | null;
  supplier_archived: boolean | null;
  /** Null on the group's own row (grouping set without the location). */
  location_id: string | null;
  location_name: string | null;
  location_default: boolean | null;
  products: number;
}

/**
 * Every group of the list, filtered like it, with how many products are low in it and at each location it receives
 * at: one pass over the low rows (few: the two partial indexes hold exactly them), grouped twice.
 */
export function reorderGroupsSql(
  companyId: string,
  input: Pick<ReorderListInput, "supplierId" | "locationId">,
): Prisma.Sql {
  const company = Prisma.sql`${companyId}::uuid`;
  const filters = groupFilters(input);
  return Prisma.sql`
    WITH ${lowRowsCtes(company, input.locationId)}
    SELECT r.no_supplier, r.supplier_id::text, min(r.supplier_name) AS supplier_name,
           bool_or(r.supplier_archived) AS supplier_archived, r.location_id::text,
           min(r.location_name) AS location_name, bool_or(d.is_default) AS location_default,
           count(DISTINCT r.product_id)::int AS products
      FROM r
      JOIN locations d ON d.company_id = ${company} AND d.id = r.location_id
     ${filters.length > 0 ? Prisma.sql`WHERE ${Prisma.join(filters, " AND ")}` : Prisma.empty}
     GROUP BY GROUPING SETS ((r.no_supplier, r.supplier_key, r.supplier_id),
                             (r.no_supplier, r.supplier_key, r.supplier_id, r.location_id))
     ORDER BY r.no_supplier, r.supplier_key, r.supplier_id, r.location_id IS NOT NULL,
              bool_or(d.is_default) DESC, min(r.location_name), r.location_id`;
}

/** The groups in the list's order, each with its locations. */
export function toReorderGroups(rows: ReorderGroupSqlRow[]): ReorderGroup[] {
  const groups: ReorderGroup[] = [];
  for (const row of rows) {
    if (row.location_id === null) {
      groups.push({
        supplier: row.no_supplier
          ? null
          : { id: row.supplier_id, name: row.supplier_name ?? "", archived: row.supplier_archived ?? false },
        products: row.products,
        locations: [],
      });
    } else {
      groups[groups.length - 1]!.locations.push({
        id: row.location_id,
        name: row.location_name ?? "",
        isDefault: row.location_default ?? false,
        products: row.products,
      });
    }
  }
  return groups;
}
