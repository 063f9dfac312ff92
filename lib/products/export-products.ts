// The company's products as a CSV download (issue "Inventory", part 8): the import's columns plus the total on hand,
// active products only, by SKU. A stream that reads 1,000 products at a time by keyset (sku > the last one), each page
// in its own short transaction, so 100k products neither sit in memory nor hold a connection while a slow client
// downloads. The permission is checked before the first byte, so a refusal is a plain 403, not a broken file.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { pagedCsvStream, type CsvDownload } from "../csv/csv-stream";
import { exportFileName, PRODUCT_EXPORT_HEADER } from "../csv/file-formats";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { requestLogger } from "../logger";

export const inputSchema = z
  .object({
    /** Products per page (per query); smaller only in tests that cross page boundaries. */
    pageSize: z.number().int().min(1).max(1_000).default(1_000),
  })
  .strict();

export type ExportProductsInput = z.input<typeof inputSchema>;

interface ProductLine {
  sku: string;
  name: string;
  description: string | null;
  category: string | null;
  unit: string;
  barcode: string | null;
  cost_price: string;
  sale_price: string;
  reorder_point: number;
  pack_size: number | null;
  reorder_quantity: number | null;
  target_level: number | null;
  total_on_hand: bigint;
}

export async function exportProducts(ctx: TenantContext, input: ExportProductsInput = {}): Promise<CsvDownload> {
  const { pageSize } = parseInput(inputSchema, input);
  if (!can(ctx.role, "stock.export")) throw AppError.forbidden("Only managers and admins export products.");
  const company = await withTenantTx(ctx, (tx) => tx.company.findFirst({ select: { slug: true, timeZone: true } }));
  if (!company) throw AppError.notFound("Your company");
  const fileName = exportFileName("products", company.slug, company.timeZone);

  const stream = pagedCsvStream<string>({
    header: PRODUCT_EXPORT_HEADER,
    fetchPage: async (after) => {
      const products = await withTenantTx(
        ctx,
        (tx) =>
          tx.$queryRaw<ProductLine[]>`
          SELECT p.sku, p.name, p.description, p.category, p.unit, p.barcode,
                 p.cost_price::text, p.sale_price::text, p.reorder_point, p.pack_size,
                 p.reorder_quantity, p.target_level,
                 COALESCE((SELECT sum(s.on_hand) FROM stock_levels s
                            WHERE s.company_id = ${ctx.companyId}::uuid AND s.product_id = p.id), 0)::bigint AS total_on_hand
            FROM products p
           WHERE p.company_id = ${ctx.companyId}::uuid AND NOT p.archived
             AND (${after}::text IS NULL OR p.sku > ${after}::text)
           ORDER BY p.sku
           LIMIT ${pageSize}`,
      );
      return {
        rows: products.map((p) => [
          p.sku,
          p.name,
          p.description,
          p.category,
          p.unit,
          p.barcode,
          p.cost_price,
          p.sale_price,
          p.reorder_point,
          p.pack_size,
          p.reorder_quantity,
          p.target_level,
          p.total_on_hand,
        ]),
        next: products.length === pageSize ? products[products.length - 1]!.sku : null,
      };
    },
    onError: (error) =>
      requestLogger({ requestId: ctx.request?.requestId, userId: ctx.userId, companyId: ctx.companyId }).error(
        { err: error },
        "product export failed",
      ),
  });
  return { fileName, stream };
}
