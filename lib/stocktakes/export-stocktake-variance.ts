// A stocktake's variance report as a CSV download (./stocktake-variance.ts): every counted line by product name, with
// its expected and counted quantities, the difference, what was booked, the recount and who counted it when; the unit
// cost and value columns only for those who see money (the file has no such columns otherwise). Refused, like the
// report, while a blind stocktake is not booked. Streams in keyset pages of lines, each in one short transaction.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import { callerSeesMoney } from "../companies/money-visibility";
import type { TenantContext } from "../context";
import { pagedCsvStream, type CsvDownload } from "../csv/csv-stream";
import { exportFileName } from "../csv/file-formats";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { requestLogger } from "../logger";
import { formatStocktakeNumber, stocktakeIdSchema } from "./stocktake-fields";
import {
  varianceColumns,
  varianceFrom,
  varianceLine,
  varianceStocktake,
  type VarianceSqlRow,
} from "./stocktake-variance";

export const exportStocktakeVarianceSchema = z
  .object({
    stocktakeId: stocktakeIdSchema,
    /** Lines per page (per query); smaller only in tests that cross page boundaries. */
    pageSize: z.number().int().min(1).max(1_000).default(1_000),
  })
  .strict();

export const VARIANCE_CSV_HEADER = [
  "sku",
  "name",
  "unit",
  "expected",
  "counted",
  "difference",
  "booked",
  "recount",
  "first_count",
  "counted_by",
  "counted_at",
] as const;
export const VARIANCE_CSV_MONEY = ["unit_cost", "value"] as const;

type Cursor = { sortName: string; sku: string; id: string };

export async function exportStocktakeVariance(ctx: TenantContext, input: unknown): Promise<CsvDownload> {
  const { stocktakeId, pageSize } = parseInput(exportStocktakeVarianceSchema, input);
  if (!can(ctx.role, "stock.view")) throw AppError.forbidden();
  const { stocktake, money } = await withTenantTx(ctx, async (tx) => ({
    stocktake: await varianceStocktake(tx, ctx, stocktakeId),
    money: await callerSeesMoney(tx, ctx),
  }));
  const fileName = exportFileName(
    `stocktake-${formatStocktakeNumber(stocktake.number)}`,
    stocktake.slug,
    stocktake.timeZone,
  );
  const stream = pagedCsvStream<Cursor>({
    header: money ? [...VARIANCE_CSV_HEADER, ...VARIANCE_CSV_MONEY] : VARIANCE_CSV_HEADER,
    fetchPage: async (after) => {
      const rows = await withTenantTx(
        ctx,
        (tx) =>
          tx.$queryRaw<VarianceSqlRow[]>`
          SELECT ${varianceColumns(ctx)}
          ${varianceFrom(ctx, stocktakeId)}
            AND ${after ? Prisma.sql`(lower(p.name), p.sku, p.id) > (${after.sortName}, ${after.sku}, ${after.id}::uuid)` : Prisma.sql`TRUE`}
          ORDER BY lower(p.name), p.sku, p.id
          LIMIT ${pageSize}`,
      );
      const last = rows.at(-1);
      return {
        rows: rows.map((row) => {
          const line = varianceLine(row, stocktake.threshold, money);
          return [
            line.sku,
            line.name,
            line.unit,
            line.expected,
            line.counted,
            line.difference,
            line.booked,
            line.recount === "NONE" ? "" : line.recount.toLowerCase(),
            line.firstCount,
            line.countedBy,
            line.countedAt.toISOString(),
            // As numbers, as quantities are: a spreadsheet sums them, and a loss (−7.50) needs no formula guard.
            ...(money ? [Number(line.unitCost), Number(line.value)] : []),
          ];
        }),
        next: rows.length === pageSize && last ? { sortName: last.sort_name, sku: last.sku, id: last.id } : null,
      };
    },
    onError: (error) =>
      requestLogger({ requestId: ctx.request?.requestId, userId: ctx.userId, companyId: ctx.companyId }).error(
        { err: error },
        "stocktake variance export failed",
      ),
  });
  return { fileName, stream };
}
