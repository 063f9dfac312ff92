// Slow movers (issue 15 item 7; docs/architecture.md §8 "Reports"): active products with stock on hand from which
// no stock has left in the last N days (90 unless chosen), with what they hold, its value at the moving-average cost
// (or today's cost price without one, said on the line), when stock last left and when it last moved; keyset pages of
// 50 by name and a CSV of all of them. Managers and admins; money only for those who see it.
import "server-only";
import type { TenantContext } from "../context";
import { pagedCsvStream, type CsvDownload } from "../csv/csv-stream";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { parseInput } from "../errors";
import { encodeTextCursor, type TextCursor } from "../list/keyset-cursor";
import { requestLogger } from "../logger";
import { assertMayViewReports, readReportCompany } from "./report-company";
import { REPORT_PAGE_SIZE, SLOW_MOVERS_CURSOR, slowMoversFilterSchema, slowMoversInputSchema } from "./report-params";
import { slowMoversSql, type SlowMoverSqlRow } from "./slow-movers-query";

export interface SlowMover {
  productId: string;
  name: string;
  sku: string;
  unit: string;
  onHand: number;
  unitCost?: string;
  atCurrentCost: boolean;
  value?: string;
  /** When stock last left (null: never). */
  lastOut: Date | null;
  lastMovement: Date | null;
}

export interface SlowMovers {
  days: number;
  timeZone: string;
  currency: string;
  seesMoney: boolean;
  products: SlowMover[];
  nextCursor: string | null;
}

function toSlowMover(row: SlowMoverSqlRow, seesMoney: boolean): SlowMover {
  return {
    productId: row.product_id,
    name: row.name,
    sku: row.sku,
    unit: row.unit,
    onHand: Number(row.on_hand),
    atCurrentCost: row.at_current_cost,
    lastOut: row.last_out,
    lastMovement: row.last_movement,
    ...(seesMoney && {
      unitCost: Number(row.unit_cost)
        .toFixed(4)
        .replace(/(\.\d\d)00$/, "$1"),
      value: row.value,
    }),
  };
}

async function readPage(tx: TenantTx, ctx: TenantContext, days: number, after: TextCursor | undefined, limit: number) {
  const rows = await tx.$queryRaw<SlowMoverSqlRow[]>(slowMoversSql(ctx.companyId, days, after, limit + 1));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { keys: [last.name], id: last.product_id } : null };
}

export async function getSlowMovers(ctx: TenantContext, input: unknown): Promise<SlowMovers> {
  const { days, after } = parseInput(slowMoversInputSchema, input);
  assertMayViewReports(ctx);
  return withTenantTx(ctx, async (tx) => {
    const company = await readReportCompany(tx, ctx);
    const page = await readPage(tx, ctx, days, after, REPORT_PAGE_SIZE);
    return {
      days,
      timeZone: company.timeZone,
      currency: company.currency,
      seesMoney: company.seesMoney,
      products: page.rows.map((row) => toSlowMover(row, company.seesMoney)),
      nextCursor: page.next ? encodeTextCursor(SLOW_MOVERS_CURSOR, page.next) : null,
    };
  });
}

export const SLOW_MOVERS_EXPORT_HEADER = [
  "sku",
  "product",
  "unit",
  "on_hand",
  "last_out_utc",
  "last_movement_utc",
  "unit_cost",
  "cost_basis",
  "value",
];

export async function exportSlowMovers(
  ctx: TenantContext,
  input: unknown,
  { pageSize = 1_000 }: { pageSize?: number } = {},
): Promise<CsvDownload> {
  const { days } = parseInput(slowMoversFilterSchema, input);
  assertMayViewReports(ctx);
  const { company, slug } = await withTenantTx(ctx, async (tx) => {
    const found = await readReportCompany(tx, ctx);
    const row = await tx.company.findFirst({ select: { slug: true } });
    return { company: found, slug: row?.slug ?? "company" };
  });
  const stream = pagedCsvStream<TextCursor>({
    header: company.seesMoney ? SLOW_MOVERS_EXPORT_HEADER : SLOW_MOVERS_EXPORT_HEADER.slice(0, 6),
    fetchPage: async (after) => {
      const page = await withTenantTx(ctx, (tx) => readPage(tx, ctx, days, after ?? undefined, pageSize));
      return {
        rows: page.rows.map((row) => {
          const item = toSlowMover(row, company.seesMoney);
          const base = [
            item.sku,
            item.name,
            item.unit,
            item.onHand,
            item.lastOut?.toISOString() ?? null,
            item.lastMovement?.toISOString() ?? null,
          ];
          return company.seesMoney
            ? [...base, item.unitCost!, item.atCurrentCost ? "current cost" : "moving average", item.value!]
            : base;
        }),
        next: page.next,
      };
    },
    onError: (error) =>
      requestLogger({ requestId: ctx.request?.requestId, userId: ctx.userId, companyId: ctx.companyId }).error(
        { err: error },
        "slow movers export failed",
      ),
  });
  return { fileName: `slow-movers-${days}-days-${slug}-${company.today}.csv`, stream };
}
