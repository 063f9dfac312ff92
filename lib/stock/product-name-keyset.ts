// The order of the stock pages' product lists (the product picker, a stocktake's products): by name regardless of
// letter case, then SKU, then id, in keyset pages (docs/architecture.md §3 "Lists"). A cursor holds the row's
// lower-cased name as PostgreSQL lower-cased it (sort_name), so the comparison is the order's own.
import "server-only";
import { Prisma } from "../db/generated/client";
import { decodeTextCursor, encodeTextCursor, type TextCursor } from "../list/keyset-cursor";

/** The stock lists' cursor names: a picker cursor is not a stocktake's, nor a one-shot stocktake's a document's. */
export type ProductNameList = "stock-picker" | "stocktake" | "stocktake-lines" | "stocktake-variance";

export const decodeProductNameCursor = (list: ProductNameList) => (text: string) => decodeTextCursor(list, 2, text);

export function encodeProductNameCursor(list: ProductNameList, row: { sort_name: string; sku: string; id: string }) {
  return encodeTextCursor(list, { keys: [row.sort_name, row.sku], id: row.id });
}

/** `lower(p.name) AS sort_name`, the key a cursor is made of. */
export const SORT_NAME = Prisma.sql`lower(p.name) AS sort_name`;

/** The condition of a page after (or before) the cursor, or TRUE on the first page. */
export function afterProductName(cursor: { after?: TextCursor; before?: TextCursor }): Prisma.Sql {
  const at = cursor.after ?? cursor.before;
  if (!at) return Prisma.sql`TRUE`;
  const [name, sku] = at.keys;
  const past = cursor.before ? Prisma.sql`<` : Prisma.sql`>`;
  return Prisma.sql`(lower(p.name), p.sku, p.id) ${past} (${name}::text, ${sku}::text, ${at.id}::uuid)`;
}

/** The order to read a page in: backwards from the cursor for a page before it (its caller reverses the rows). */
export function productNameOrder(before: unknown): Prisma.Sql {
  return before
    ? Prisma.sql`ORDER BY lower(p.name) DESC, p.sku DESC, p.id DESC`
    : Prisma.sql`ORDER BY lower(p.name), p.sku, p.id`;
}
