// The product search condition shared by the stock pages' lists: a substring of name, SKU or barcode, written
// with the same expression as the trigram index products_search_trgm_idx (migration product_search), so it stays
// fast at 100k products. LIKE's wildcards in what the person typed are matched literally.
import "server-only";
import { Prisma } from "../db/generated/client";

export function productSearchCondition(alias: "p", text: string): Prisma.Sql {
  const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return Prisma.sql`lower(${Prisma.raw(alias)}.name || ' ' || ${Prisma.raw(alias)}.sku || ' ' || coalesce(${Prisma.raw(alias)}.barcode, '')) LIKE ${pattern}`;
}
