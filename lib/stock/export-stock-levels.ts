// Stock per product and location as a CSV download (issue "Inventory", part 8): sku, name, location, on hand,
// reserved and available, active products by SKU and their active locations by name (an archived location holds
// nothing and takes no stock, so it is left out). Streams like the product export:
// 1,000 products per page by keyset (sku > the last one), each page with its stock rows in one short transaction.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { pagedCsvStream, type CsvDownload } from "../csv/csv-stream";
import { exportFileName, STOCK_EXPORT_HEADER } from "../csv/file-formats";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { requestLogger } from "../logger";

export const inputSchema = z
  .object({
    /** Products per page (per query); smaller only in tests that cross page boundaries. */
    pageSize: z.number().int().min(1).max(1_000).default(1_000),
  })
  .strict();

export type ExportStockLevelsInput = z.input<typeof inputSchema>;

interface StockLine {
  sku: string;
  name: string;
  location: string | null;
  on_hand: number | null;
  reserved: number | null;
}

export async function exportStockLevels(ctx: TenantContext, input: ExportStockLevelsInput = {}): Promise<CsvDownload> {
  const { pageSize } = parseInput(inputSchema, input);
  if (!can(ctx.role, "stock.export")) throw AppError.forbidden("Only managers and admins export stock levels.");
  const company = await withTenantTx(ctx, (tx) => tx.company.findFirst({ select: { slug: true, timeZone: true } }));
  if (!company) throw AppError.notFound("Your company");
  const fileName = exportFileName("stock", company.slug, company.timeZone);

  const stream = pagedCsvStream<string>({
    header: STOCK_EXPORT_HEADER,
    fetchPage: async (after) => {
      // One page of products (the keyset), then their stock rows; a product with no stock row yields a row with
      // no location, so the page's last SKU is known even when it holds nothing.
      const lines = await withTenantTx(
        ctx,
        (tx) =>
          tx.$queryRaw<StockLine[]>`
          WITH page AS (
            SELECT p.id, p.sku, p.name
              FROM products p
             WHERE p.company_id = ${ctx.companyId}::uuid AND NOT p.archived
               AND (${after}::text IS NULL OR p.sku > ${after}::text)
             ORDER BY p.sku
             LIMIT ${pageSize})
          SELECT page.sku, page.name, l.name AS location, s.on_hand, s.reserved
            FROM page
            LEFT JOIN (stock_levels s
                       JOIN locations l ON l.company_id = s.company_id AND l.id = s.location_id AND l.archived_at IS NULL)
                   ON s.company_id = ${ctx.companyId}::uuid AND s.product_id = page.id
           ORDER BY page.sku, l.name`,
      );
      const skus = new Set(lines.map((line) => line.sku));
      return {
        rows: lines
          .filter((line) => line.location !== null)
          .map((line) => [
            line.sku,
            line.name,
            line.location,
            line.on_hand,
            line.reserved,
            Math.max(0, line.on_hand! - line.reserved!),
          ]),
        next: skus.size === pageSize ? lines[lines.length - 1]!.sku : null,
      };
    },
    onError: (error) =>
      requestLogger({ requestId: ctx.request?.requestId, userId: ctx.userId, companyId: ctx.companyId }).error(
        { err: error },
        "stock export failed",
      ),
  });
  return { fileName, stream };
}
