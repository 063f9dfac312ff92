// The product list's SQL, built from a parsed ProductListInput: one statement for any search, filter, sort and
// page. Shaped to stay fast at 100k products per company:
// - keyset pagination: a page is the rows after (or before) the cursor's (sort key, id), read in index order and
//   stopped after one page — never an OFFSET over the whole table;
// - per-product stock totals are read from their stored row (product_stock_totals, kept by triggers in the
//   transaction of every stock change: docs/architecture.md §5 "Stock totals"), for the page's rows, and for the
//   candidates where the page itself depends on them (sorting by on hand, along its index; the low-stock filter
//   without a location);
// - search is the one product search condition (./product-search.ts), resolved by the caller in its transaction: the
//   ids search_product_ids() finds by the trigram index when they are few, else (common terms, text without a
//   trigram) the plain LIKE, which the index-ordered walk meets often enough to stop after a page;
// - every table is filtered by company_id explicitly (raw SQL is scoped by row-level security alone otherwise).
// Not marked server-only: bench/products-list.ts runs this same SQL from plain Node.
import { Prisma } from "../db/generated/client";
import { keysetPage } from "../list/keyset-page";
import { lowHereCondition, lowTotalsCondition } from "../stock/low-stock";
import { isShortProduct } from "../stock/shortage";
import { encodeCursor, type ProductListInput, type ProductSort } from "./product-list-params";

export interface ProductListRow {
  id: string;
  sku: string;
  name: string;
  category: string | null;
  unit: string;
  reorderPoint: number;
  archived: boolean;
  updatedAt: Date;
  /** Totals over all locations. */
  onHand: number;
  reserved: number;
  available: number;
  low: boolean;
  /** With a location filter: the product's stock there (it has a stock row there, or it is not listed). */
  atLocation: { onHand: number; reserved: number; available: number; low: boolean } | null;
}

export interface ProductListPage {
  rows: ProductListRow[];
  /** The cursor of the next page (`after`), if there is one. */
  nextCursor: string | null;
  /** The cursor of the previous page (`before`), if there is one. */
  previousCursor: string | null;
}

export interface ProductListSqlRow {
  id: string;
  sku: string;
  name: string;
  category: string | null;
  unit: string;
  reorder_point: number;
  archived: boolean;
  updated_at: Date;
  location_on_hand: number | null;
  location_reserved: number | null;
  location_low: boolean | null;
  sort_key: string | Date | bigint | number;
  on_hand: bigint | number;
  reserved: bigint | number;
  low: boolean;
}

/**
 * What can still be promised: on hand less reserved, never below 0. A stocktake may count fewer than are reserved
 * (by design: the count is the truth), and "-3 available" reads as a fault, not as "none".
 */
export function availableOf(onHand: number, reserved: number): number {
  return Math.max(0, onHand - reserved);
}

/**
 * `byCategory`: within a category (a fortieth of a catalogue, say) sorting by on hand reads the category's products
 * by their index and sorts them; written `t.on_hand + 0` so that no index on on_hand offers its order, which the
 * planner would walk hoping to meet the category soon (130 ms for the low products of one category at 100k products,
 * against 10–15 ms: bench/README.md, "Product list").
 */
function sortKey(sort: ProductSort, byCategory: boolean): Prisma.Sql {
  switch (sort) {
    case "name":
      return Prisma.sql`p.name`;
    case "sku":
      return Prisma.sql`p.sku`;
    case "updated":
      return Prisma.sql`p.updated_at`;
    case "onHand":
      return byCategory ? Prisma.sql`(t.on_hand + 0)` : Prisma.sql`t.on_hand`;
  }
}

function cursorValue(sort: ProductSort, value: string | number): Prisma.Sql {
  if (sort === "onHand") return Prisma.sql`${value}::bigint`;
  if (sort === "updated") return Prisma.sql`${value}::timestamptz`;
  return Prisma.sql`${value}::text`;
}

/** A page before the cursor is read backwards from it, then shown in the list's order. */
export function readsAscending(input: ProductListInput): boolean {
  return (input.dir === "asc") !== Boolean(input.before);
}

/**
 * One more row than a page: whether it came back says whether there is a further page that way. `search` is the
 * condition for `input.q`, resolved by productSearchCondition (./product-search.ts) in the transaction that runs this
 * SQL (undefined without `q`); bench/products-list.ts also passes the plain condition, for the system role.
 */
export function productListSql(companyId: string, input: ProductListInput, search: Prisma.Sql | undefined): Prisma.Sql {
  const company = Prisma.sql`${companyId}::uuid`;
  const cursor = input.after ?? input.before;
  const readAscending = readsAscending(input);
  const scan = readAscending ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const shown = input.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const key = sortKey(input.sort, Boolean(input.category));

  const joins: Prisma.Sql[] = [];
  const where: Prisma.Sql[] = [Prisma.sql`p.company_id = ${company}`];
  if (input.locationId) {
    joins.push(
      Prisma.sql`JOIN stock_levels l ON l.company_id = ${company} AND l.product_id = p.id AND l.location_id = ${input.locationId}::uuid`,
    );
  }
  // Where the page depends on the totals (sorting by on hand; the low-stock filter without a location), the
  // candidates are judged by their stored totals row (docs/architecture.md §5 "Stock totals"), which carries copies
  // of the product's reorder point and archived state: sorted by on hand, the walk follows
  // (company_id, on_hand, product_id) and stops after a page.
  const judgesTotals = input.sort === "onHand" || (input.stock === "low" && !input.locationId);
  if (judgesTotals) {
    joins.push(Prisma.sql`JOIN product_stock_totals t ON t.company_id = ${company} AND t.product_id = p.id`);
  }
  const id = input.sort === "onHand" ? Prisma.sql`t.product_id` : Prisma.sql`p.id`;
  const archived = judgesTotals ? Prisma.sql`t.archived` : Prisma.sql`p.archived`;

  if (input.status === "active") where.push(Prisma.sql`NOT ${archived}`);
  if (input.status === "archived") where.push(archived);
  if (input.category) where.push(Prisma.sql`p.category = ${input.category}`);
  if (search) where.push(search);
  if (input.stock === "low") {
    // Archived products are never low, whatever the status filter (the totals' form is the partial index's predicate).
    where.push(
      input.locationId ? lowHereCondition("l", archived) : Prisma.sql`NOT t.archived AND ${lowTotalsCondition("t")}`,
    );
  }
  if (input.stock === "short") where.push(isShortProduct(companyId, Prisma.sql`p.id`, input.locationId));
  if (cursor) {
    const after = readAscending ? Prisma.sql`>` : Prisma.sql`<`;
    where.push(Prisma.sql`(${key}, ${id}) ${after} (${cursorValue(input.sort, cursor.value)}, ${cursor.id}::uuid)`);
  }

  const location = input.locationId
    ? Prisma.sql`l.on_hand AS location_on_hand, l.reserved AS location_reserved, ${lowHereCondition("l", archived)} AS location_low`
    : Prisma.sql`NULL::int AS location_on_hand, NULL::int AS location_reserved, NULL::boolean AS location_low`;

  return Prisma.sql`
    SELECT page.id::text, page.sku, page.name, page.category, page.unit, page.reorder_point, page.archived,
           page.updated_at, page.location_on_hand, page.location_reserved, page.location_low, page.sort_key,
           totals.on_hand, totals.reserved, NOT page.archived AND ${lowTotalsCondition("totals")} AS low
      FROM (
        SELECT p.id, p.sku, p.name, p.category, p.unit, p.reorder_point, p.archived, p.updated_at,
               ${location}, ${key} AS sort_key
          FROM products p
          ${joins.length > 0 ? Prisma.join(joins, " ") : Prisma.empty}
         WHERE ${Prisma.join(where, " AND ")}
         ORDER BY ${key} ${scan}, ${id} ${scan}
         LIMIT ${input.limit + 1}
      ) page
      JOIN product_stock_totals totals ON totals.company_id = ${company} AND totals.product_id = page.id
     ORDER BY page.sort_key ${shown}, page.id ${shown}`;
}

function cursorOf(sort: ProductSort, row: ProductListSqlRow): string {
  const key = row.sort_key;
  const value = key instanceof Date ? key.toISOString() : typeof key === "bigint" ? Number(key) : key;
  return encodeCursor(sort, { value, id: row.id });
}

/** The page the SQL's rows make: the extra row dropped, the cursors of the neighbouring pages (lib/list/keyset-page.ts). */
export function toProductListPage(input: ProductListInput, sqlRows: ProductListSqlRow[]): ProductListPage {
  const page = keysetPage(sqlRows, input, (row) => cursorOf(input.sort, row));
  return {
    rows: page.rows.map((row) => {
      const onHand = Number(row.on_hand);
      const reserved = Number(row.reserved);
      return {
        id: row.id,
        sku: row.sku,
        name: row.name,
        category: row.category,
        unit: row.unit,
        reorderPoint: row.reorder_point,
        archived: row.archived,
        updatedAt: row.updated_at,
        onHand,
        reserved,
        available: availableOf(onHand, reserved),
        low: row.low,
        atLocation:
          row.location_on_hand === null
            ? null
            : {
                onHand: row.location_on_hand,
                reserved: row.location_reserved ?? 0,
                available: availableOf(row.location_on_hand, row.location_reserved ?? 0),
                low: row.location_low ?? false,
              },
      };
    }),
    nextCursor: page.nextCursor,
    previousCursor: page.previousCursor,
  };
}
