// The movements report (issue 15 item 7; docs/architecture.md §8 "Reports"): the ledger filtered by product,
// location, reason and period (whole days in the company's time zone), with its totals in and out per unit and the
// counts, either the movements themselves newest first or grouped by product, location or reason, in keyset pages;
// exportable as CSV as shown. Managers and admins. Quantities only: no money.
import "server-only";
import type { TenantContext } from "../context";
import { pagedCsvStream, type CsvDownload } from "../csv/csv-stream";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { parseInput } from "../errors";
import { encodeTextCursor, encodeTimeCursor, type TextCursor, type TimeCursor } from "../list/keyset-cursor";
import { requestLogger } from "../logger";
import {
  movementGroupsSql,
  movementRowsSql,
  movementTotalsSql,
  type MovementGroupSqlRow,
  type MovementSqlRow,
  type MovementsSqlInput,
  type UnitTotalsSqlRow,
} from "./movements-query";
import {
  assertMayViewReports,
  readReportCompany,
  reportFilterTargets,
  reportLocationOptions,
  requireReportFilterTargets,
} from "./report-company";
import {
  groupCursorName,
  movementFilterSchema,
  movementsInputSchema,
  MOVEMENTS_CURSOR,
  REASON_LABELS,
  REPORT_PAGE_SIZE,
  type MovementFilters,
  type MovementGroup,
  type ReportReason,
} from "./report-params";
import type { UnitMovementTotals } from "./report-types";

export type { UnitMovementTotals };

export interface MovementReportRow {
  id: string;
  at: Date;
  productId: string;
  productName: string;
  sku: string;
  unit: string;
  locationId: string;
  locationName: string;
  reason: ReportReason;
  quantity: number;
  balanceAfter: number;
  note: string | null;
}

export interface MovementReportGroup {
  id: string;
  label: string;
  /** A product's SKU. */
  detail: string | null;
  units: UnitMovementTotals[];
  movementsIn: number;
  movementsOut: number;
}

export interface MovementsReport {
  timeZone: string;
  today: string;
  /** The period shown: the one asked for, or the last 30 days when none was. */
  from: string | undefined;
  to: string | undefined;
  product: { id: string; name: string; sku: string } | null;
  location: { id: string; name: string } | null;
  /** Why a filter of the link was dropped (it named no product or location of the company's), to show. */
  dropped: string[];
  /** The location filter's choices. */
  locationOptions: { id: string; name: string }[];
  totals: { units: UnitMovementTotals[]; movementsIn: number; movementsOut: number };
  groupBy: MovementGroup | null;
  rows: MovementReportRow[];
  groups: MovementReportGroup[];
  nextCursor: string | null;
}

/** Without a period, the last 30 days (today and the 29 before it in the company's time zone). */
export const DEFAULT_PERIOD_DAYS = 30;

function withPeriod<T extends { from?: string; to?: string }>(filters: T, today: string): T {
  if (filters.from || filters.to) return filters;
  const from = new Date(Date.parse(`${today}T00:00:00.000Z`) - (DEFAULT_PERIOD_DAYS - 1) * 86_400_000);
  return { ...filters, from: from.toISOString().slice(0, 10), to: today };
}

const toRow = (row: MovementSqlRow): MovementReportRow => ({
  id: row.id,
  at: row.created_at,
  productId: row.product_id,
  productName: row.product_name,
  sku: row.sku,
  unit: row.unit,
  locationId: row.location_id,
  locationName: row.location_name,
  reason: row.reason as ReportReason,
  quantity: row.quantity,
  balanceAfter: row.balance_after,
  note: row.note,
});

const toGroup = (group: MovementGroup, row: MovementGroupSqlRow): MovementReportGroup => ({
  id: row.group_id,
  label: group === "reason" ? REASON_LABELS[row.group_id as ReportReason] : row.label,
  detail: row.detail,
  units: row.units.map((u) => ({ unit: u.unit, unitsIn: Number(u.units_in), unitsOut: Number(u.units_out) })),
  movementsIn: row.movements_in,
  movementsOut: row.movements_out,
});

async function readRows(tx: TenantTx, sql: MovementsSqlInput, after: TimeCursor | undefined, limit: number) {
  const rows = await tx.$queryRaw<MovementSqlRow[]>(movementRowsSql(sql, after, limit + 1));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page.map(toRow),
    next: rows.length > limit && last ? { createdAt: last.created_at.toISOString(), id: last.id } : null,
  };
}

async function readGroups(
  tx: TenantTx,
  sql: MovementsSqlInput,
  group: MovementGroup,
  after: TextCursor | undefined,
  limit: number,
) {
  const rows = await tx.$queryRaw<MovementGroupSqlRow[]>(movementGroupsSql(sql, group, after, limit + 1));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    groups: page.map((row) => toGroup(group, row)),
    next: rows.length > limit && last ? { keys: [last.label], id: last.group_id } : null,
  };
}

export async function getMovementsReport(
  ctx: TenantContext,
  input: unknown,
  { pageSize = REPORT_PAGE_SIZE }: { pageSize?: number } = {},
): Promise<MovementsReport> {
  const { after, groupBy, ...asked } = parseInput(movementsInputSchema, input);
  assertMayViewReports(ctx);
  return withTenantTx(ctx, async (tx) => {
    const company = await readReportCompany(tx, ctx);
    const { product, location, dropped } = await reportFilterTargets(tx, asked);
    const filters = withPeriod({ ...asked, productId: product?.id, locationId: location?.id }, company.today);
    const sql = { companyId: ctx.companyId, timeZone: company.timeZone, filters };
    const totals = await tx.$queryRaw<UnitTotalsSqlRow[]>(movementTotalsSql(sql));
    const base = {
      timeZone: company.timeZone,
      today: company.today,
      from: filters.from,
      to: filters.to,
      product,
      location,
      dropped,
      locationOptions: await reportLocationOptions(tx),
      totals: {
        units: totals.map((t) => ({ unit: t.unit, unitsIn: Number(t.units_in), unitsOut: Number(t.units_out) })),
        movementsIn: totals.reduce((sum, t) => sum + t.movements_in, 0),
        movementsOut: totals.reduce((sum, t) => sum + t.movements_out, 0),
      },
    };
    if (groupBy) {
      const page = await readGroups(tx, sql, groupBy, after as TextCursor | undefined, pageSize);
      return {
        ...base,
        groupBy,
        rows: [],
        groups: page.groups,
        nextCursor: page.next ? encodeTextCursor(groupCursorName(groupBy), page.next) : null,
      };
    }
    const page = await readRows(tx, sql, after as TimeCursor | undefined, pageSize);
    return {
      ...base,
      groupBy: null,
      rows: page.rows,
      groups: [],
      nextCursor: page.next ? encodeTimeCursor(MOVEMENTS_CURSOR, page.next) : null,
    };
  });
}

export const MOVEMENTS_EXPORT_HEADER = [
  "time_utc",
  "sku",
  "product",
  "unit",
  "location",
  "reason",
  "quantity",
  "balance_after",
  "note",
];
export const MOVEMENT_GROUPS_EXPORT_HEADER = [
  "group",
  "detail",
  "unit",
  "units_in",
  "units_out",
  "movements_in",
  "movements_out",
];

/**
 * The report as CSV, as the page shows it: the movements one per line, or the groups one line per group and unit.
 * 1,000 a page, each page its own short transaction (lib/csv/csv-stream.ts).
 */
export async function exportMovementsReport(
  ctx: TenantContext,
  input: unknown,
  { pageSize = 1_000 }: { pageSize?: number } = {},
): Promise<CsvDownload> {
  const { groupBy, ...asked }: MovementFilters = parseInput(movementFilterSchema, input);
  assertMayViewReports(ctx);
  const { timeZone, today, slug, filters } = await withTenantTx(ctx, async (tx) => {
    const company = await readReportCompany(tx, ctx);
    await requireReportFilterTargets(tx, asked);
    const row = await tx.company.findFirst({ select: { slug: true } });
    return { ...company, slug: row?.slug ?? "company", filters: withPeriod(asked, company.today) };
  });
  const sql = { companyId: ctx.companyId, timeZone, filters };
  const onError = (error: unknown) =>
    requestLogger({ requestId: ctx.request?.requestId, userId: ctx.userId, companyId: ctx.companyId }).error(
      { err: error },
      "movements export failed",
    );
  const fileName = `stock-movements${groupBy ? `-by-${groupBy}` : ""}-${slug}-${today}.csv`;
  if (groupBy) {
    const stream = pagedCsvStream<TextCursor>({
      header: MOVEMENT_GROUPS_EXPORT_HEADER,
      fetchPage: async (after) => {
        const page = await withTenantTx(ctx, (tx) => readGroups(tx, sql, groupBy, after ?? undefined, pageSize));
        return {
          rows: page.groups.flatMap((group) =>
            group.units.map((u, i) => [
              group.label,
              group.detail,
              u.unit,
              u.unitsIn,
              u.unitsOut,
              // A group's counts are of its movements, whatever their units: on its first line only.
              i === 0 ? group.movementsIn : null,
              i === 0 ? group.movementsOut : null,
            ]),
          ),
          next: page.next,
        };
      },
      onError,
    });
    return { fileName, stream };
  }
  const stream = pagedCsvStream<TimeCursor>({
    header: MOVEMENTS_EXPORT_HEADER,
    fetchPage: async (after) => {
      const page = await withTenantTx(ctx, (tx) => readRows(tx, sql, after ?? undefined, pageSize));
      return {
        rows: page.rows.map((row) => [
          row.at.toISOString(),
          row.sku,
          row.productName,
          row.unit,
          row.locationName,
          row.reason,
          row.quantity,
          row.balanceAfter,
          row.note,
        ]),
        next: page.next,
      };
    },
    onError,
  });
  return { fileName, stream };
}
