// The stock valuation on a chosen day (issue 15 item 7; docs/architecture.md §8 "Reports"): per product (at one
// location, or over all) the quantity held at the end of that day in the company's time zone, the moving-average cost
// of then — or today's cost price where no receipt at a cost had set one yet, said on the line — and the value, in
// keyset pages of 50 by name, with the value of all of it. Managers and admins; money only for those who see it.
import "server-only";
import type { TenantContext } from "../context";
import { pagedCsvStream, type CsvDownload } from "../csv/csv-stream";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { encodeTextCursor, type TextCursor } from "../list/keyset-cursor";
import { requestLogger } from "../logger";
import {
  assertMayViewReports,
  readReportCompany,
  reportFilterTargets,
  reportLocationOptions,
  requireReportFilterTargets,
  type ReportCompany,
} from "./report-company";
import {
  REPORT_PAGE_SIZE,
  VALUATION_CURSOR,
  valuationFilterSchema,
  valuationInputSchema,
  type ValuationFilters,
} from "./report-params";
import type { ValuationLine } from "./report-types";
import { ledgerValuationTotalSql, valuationPageSql, valuationTotalSql, type ValuationSqlRow } from "./valuation-query";

export type { ValuationLine };

export interface Valuation {
  date: string;
  today: string;
  timeZone: string;
  currency: string;
  seesMoney: boolean;
  location: { id: string; name: string } | null;
  /** Why a filter of the link was dropped (it named no location of the company's), to show. */
  dropped: string[];
  /** The location filter's choices. */
  locationOptions: { id: string; name: string }[];
  lines: ValuationLine[];
  nextCursor: string | null;
}

function toLine(row: ValuationSqlRow, seesMoney: boolean): ValuationLine {
  return {
    productId: row.product_id,
    name: row.name,
    sku: row.sku,
    unit: row.unit,
    archived: row.archived,
    quantity: Number(row.quantity),
    atCurrentCost: row.average_cost === null,
    ...(seesMoney && {
      unitCost: Number(row.unit_cost)
        .toFixed(4)
        .replace(/(\.\d\d)00$/, "$1"),
      value: row.value,
    }),
  };
}

/** The day asked for (today when none), refused when it is still to come in the company's time zone. */
function dayOf(filters: ValuationFilters, company: ReportCompany): string {
  const date = filters.date ?? company.today;
  if (date > company.today) {
    throw AppError.validation({ date: [`Date: choose today (${company.today}) or a day before.`] });
  }
  return date;
}

async function readPage(
  tx: TenantTx,
  ctx: TenantContext,
  company: ReportCompany,
  filters: ValuationFilters,
  after: TextCursor | undefined,
  limit: number,
) {
  const date = dayOf(filters, company);
  const rows = await tx.$queryRaw<ValuationSqlRow[]>(
    valuationPageSql({
      companyId: ctx.companyId,
      date,
      timeZone: company.timeZone,
      locationId: filters.locationId,
      after,
      limit: limit + 1,
    }),
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    date,
    rows: page,
    next: rows.length > limit && last ? { keys: [last.name], id: last.product_id } : null,
  };
}

export async function getValuation(ctx: TenantContext, input: unknown): Promise<Valuation> {
  const { after, ...filters } = parseInput(valuationInputSchema, input);
  assertMayViewReports(ctx);
  return withTenantTx(ctx, async (tx) => {
    const company = await readReportCompany(tx, ctx);
    const { location, dropped } = await reportFilterTargets(tx, { locationId: filters.locationId });
    const page = await readPage(tx, ctx, company, { ...filters, locationId: location?.id }, after, REPORT_PAGE_SIZE);
    return {
      date: page.date,
      today: company.today,
      timeZone: company.timeZone,
      currency: company.currency,
      seesMoney: company.seesMoney,
      location,
      dropped,
      locationOptions: await reportLocationOptions(tx),
      lines: page.rows.map((row) => toLine(row, company.seesMoney)),
      nextCursor: page.next ? encodeTextCursor(VALUATION_CURSOR, page.next) : null,
    };
  });
}

/**
 * The value of everything held at the end of the day (at the location, with one), as decimal text; null for a
 * caller who does not see money. Its own call, so the page shows its lines without waiting for it. Over all locations
 * it is the value now less the day rollups after the day (./valuation-query.ts valuationTotalSql: ~constant time),
 * from the ledger when those cannot answer; at a location from the ledger, what it reads growing with the movements
 * since that day (bench/README.md "Reports").
 */
export async function getValuationTotal(ctx: TenantContext, input: unknown): Promise<string | null> {
  const filters = parseInput(valuationFilterSchema, input);
  assertMayViewReports(ctx);
  return withTenantTx(ctx, async (tx) => {
    const company = await readReportCompany(tx, ctx);
    await requireReportFilterTargets(tx, { locationId: filters.locationId });
    if (!company.seesMoney) return null;
    const day = { companyId: ctx.companyId, date: dayOf(filters, company), timeZone: company.timeZone };
    if (!filters.locationId) {
      const [fast] = await tx.$queryRaw<{ total: string }[]>(valuationTotalSql(day));
      if (fast) return fast.total;
    }
    const [row] = await tx.$queryRaw<{ total: string }[]>(
      ledgerValuationTotalSql({ ...day, locationId: filters.locationId }),
    );
    return row!.total;
  });
}

export const VALUATION_EXPORT_HEADER = ["sku", "product", "unit", "quantity", "unit_cost", "cost_basis", "value"];

/** Every line of the valuation as CSV, 1,000 a page, each page its own short transaction (lib/csv/csv-stream.ts). */
export async function exportValuation(
  ctx: TenantContext,
  input: unknown,
  { pageSize = 1_000 }: { pageSize?: number } = {},
): Promise<CsvDownload> {
  const filters = parseInput(valuationFilterSchema, input);
  assertMayViewReports(ctx);
  const { company, slug, date } = await withTenantTx(ctx, async (tx) => {
    const found = await readReportCompany(tx, ctx);
    await requireReportFilterTargets(tx, { locationId: filters.locationId });
    const row = await tx.company.findFirst({ select: { slug: true } });
    return { company: found, slug: row?.slug ?? "company", date: dayOf(filters, found) };
  });
  const stream = pagedCsvStream<TextCursor>({
    header: company.seesMoney ? VALUATION_EXPORT_HEADER : VALUATION_EXPORT_HEADER.slice(0, 4),
    fetchPage: async (after) => {
      const page = await withTenantTx(ctx, (tx) =>
        readPage(tx, ctx, company, { ...filters, date }, after ?? undefined, pageSize),
      );
      return {
        rows: page.rows.map((row) => {
          const line = toLine(row, company.seesMoney);
          const base = [line.sku, line.name, line.unit, line.quantity];
          return company.seesMoney
            ? [...base, line.unitCost!, line.atCurrentCost ? "current cost" : "moving average", line.value!]
            : base;
        }),
        next: page.next,
      };
    },
    onError: (error) =>
      requestLogger({ requestId: ctx.request?.requestId, userId: ctx.userId, companyId: ctx.companyId }).error(
        { err: error },
        "valuation export failed",
      ),
  });
  return { fileName: `stock-valuation-${slug}-${date}.csv`, stream };
}
