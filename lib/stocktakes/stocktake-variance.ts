// A stocktake's variance report (docs/architecture.md §5 "Stocktake documents"): per counted line what was expected
// (the snapshot at its count), what was counted, the difference and, once booked, what the ledger moved; its value
// (cost price × the difference: today's cost price before booking, the cost price at booking after) only for those who
// see money (lib/companies/money-visibility.ts); and totals per unit — quantities of different products are never added
// into one number (lib/products/unit-totals.ts) — and in value. A blind stocktake's report opens once it is booked.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import { callerSeesMoney } from "../companies/money-visibility";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { cursorTextShape, decodeCursors, keysetPage } from "../list/keyset-page";
import {
  afterProductName,
  decodeProductNameCursor,
  encodeProductNameCursor,
  productNameOrder,
  SORT_NAME,
} from "../stock/product-name-keyset";
import { knownNameSql } from "../users/known-name-sql";
import {
  formatStocktakeNumber,
  recountState,
  STOCKTAKE_LINES_PAGE_SIZE,
  stocktakeIdSchema,
  stocktakeStatus,
  type RecountState,
  type StocktakeStatus,
} from "./stocktake-fields";
import { expectedRevealed, needsRecount, type RecountThreshold } from "./stocktake-rules";

/** A report's line cursor from a URL or a caller, or null for one this list did not make. */
export const decodeVarianceCursor = decodeProductNameCursor("stocktake-variance");

export const getStocktakeVarianceSchema = z
  .object({
    stocktakeId: stocktakeIdSchema,
    ...cursorTextShape,
    limit: z.number().int().min(1).max(100).default(STOCKTAKE_LINES_PAGE_SIZE),
  })
  .strict()
  .transform(decodeCursors(decodeVarianceCursor));

export interface VarianceLine {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  expected: number;
  counted: number;
  /** counted − expected. */
  difference: number;
  /** What booking moved (the difference, or less where it would have gone below zero); null until booked. */
  booked: number | null;
  /** The count a recount replaced; null when the line was not recounted. */
  firstCount: number | null;
  recount: RecountState;
  /** Whether the difference is above the stocktake's recount threshold. */
  overThreshold: boolean;
  countedBy: string;
  countedAt: Date;
  /** Money, as decimal strings, only for those who see it: the cost price used and its value (× booked, else × difference). */
  unitCost: string | null;
  value: string | null;
}

export interface UnitVariance {
  unit: string;
  /** Units found above expected, units missing (negative) and the two together, in this unit. */
  gained: number;
  lost: number;
  net: number;
}

export interface VarianceReport {
  stocktake: {
    id: string;
    number: number;
    status: StocktakeStatus;
    blind: boolean;
    locationName: string;
    threshold: RecountThreshold;
  };
  /** Whether the caller sees money: the value columns and totals are null otherwise. */
  money: boolean;
  currency: string;
  lines: { rows: VarianceLine[]; nextCursor: string | null; previousCursor: string | null };
  totals: {
    counted: number;
    notCounted: number;
    withDifference: number;
    byUnit: UnitVariance[];
    value: { gained: string; lost: string; net: string } | null;
  };
}

export interface VarianceStocktake {
  id: string;
  number: number;
  status: StocktakeStatus;
  blind: boolean;
  locationName: string;
  threshold: RecountThreshold;
  currency: string;
  slug: string;
  timeZone: string;
}

/**
 * The stocktake whose report is asked for, refused while it is blind and not booked (expectedRevealed): shared with
 * the CSV export (./export-stocktake-variance.ts).
 */
export async function varianceStocktake(
  tx: TenantTx,
  ctx: TenantContext,
  stocktakeId: string,
): Promise<VarianceStocktake> {
  const [row] = await tx.$queryRaw<
    {
      id: string;
      number: number;
      status: string;
      blind: boolean;
      location_name: string;
      recount_units: number | null;
      recount_percent: number | null;
      currency: string;
      slug: string;
      time_zone: string;
    }[]
  >`
    SELECT s.id::text, s.number, s.status, s.blind, l.name AS location_name, s.recount_units, s.recount_percent,
           c.currency, c.slug, c.time_zone
      FROM stocktakes s
      JOIN locations l ON l.company_id = s.company_id AND l.id = s.location_id
      JOIN companies c ON c.id = s.company_id
     WHERE s.company_id = ${ctx.companyId}::uuid AND s.id = ${stocktakeId}::uuid`;
  if (!row) throw AppError.notFound("That stocktake");
  const status = stocktakeStatus(row.status);
  if (!expectedRevealed({ blind: row.blind, status })) {
    throw new AppError(
      "INVALID_TRANSITION",
      `${formatStocktakeNumber(row.number)} is a blind stocktake: its variance report opens once it is booked.`,
    );
  }
  return {
    id: row.id,
    number: row.number,
    status,
    blind: row.blind,
    locationName: row.location_name,
    threshold: { units: row.recount_units, percent: row.recount_percent },
    currency: row.currency,
    slug: row.slug,
    timeZone: row.time_zone,
  };
}

/** The counted lines of a stocktake, `l` with its product `p`: what the report and its export read. */
export function varianceFrom(ctx: TenantContext, stocktakeId: string): Prisma.Sql {
  return Prisma.sql`
    FROM stocktake_lines l
    JOIN products p ON p.company_id = l.company_id AND p.id = l.product_id
   WHERE l.company_id = ${ctx.companyId}::uuid AND l.stocktake_id = ${stocktakeId}::uuid AND l.counted IS NOT NULL`;
}

/** A line's columns as the report reads them; `unit_cost` is the booked one, else today's. */
export function varianceColumns(ctx: TenantContext): Prisma.Sql {
  return Prisma.sql`
    p.id::text, p.sku, p.name, ${SORT_NAME}, p.unit, l.expected, l.counted, l.booked_quantity, l.flagged_count,
    l.recount, l.counted_at,
    ${knownNameSql(Prisma.sql`${ctx.companyId}::uuid`, Prisma.sql`l.counted_by`, Prisma.sql`(SELECT coalesce(nullif(u.name, ''), u.email) FROM users u WHERE u.id = l.counted_by)`)} AS counted_by,
    coalesce(l.unit_cost, p.cost_price)::text AS unit_cost,
    (coalesce(l.unit_cost, p.cost_price) * coalesce(l.booked_quantity, l.counted - l.expected))::text AS value`;
}

export interface VarianceSqlRow {
  id: string;
  sku: string;
  name: string;
  sort_name: string;
  unit: string;
  expected: number;
  counted: number;
  booked_quantity: number | null;
  flagged_count: number | null;
  recount: string;
  counted_at: Date;
  counted_by: string;
  unit_cost: string;
  value: string;
}

export function varianceLine(row: VarianceSqlRow, threshold: RecountThreshold, money: boolean): VarianceLine {
  const recount = recountState(row.recount);
  return {
    productId: row.id,
    sku: row.sku,
    name: row.name,
    unit: row.unit,
    expected: row.expected,
    counted: row.counted,
    difference: row.counted - row.expected,
    booked: row.booked_quantity,
    firstCount: recount === "DONE" ? row.flagged_count : null,
    recount,
    overThreshold: needsRecount({ counted: row.counted, expected: row.expected }, threshold),
    countedBy: row.counted_by,
    countedAt: row.counted_at,
    unitCost: money ? row.unit_cost : null,
    value: money ? row.value : null,
  };
}

export async function getStocktakeVariance(ctx: TenantContext, input: unknown): Promise<VarianceReport> {
  const { stocktakeId, after, before, limit } = parseInput(getStocktakeVarianceSchema, input);
  if (!can(ctx.role, "stock.view")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const stocktake = await varianceStocktake(tx, ctx, stocktakeId);
    const money = await callerSeesMoney(tx, ctx);
    const from = varianceFrom(ctx, stocktakeId);
    const read = await tx.$queryRaw<VarianceSqlRow[]>`
      SELECT ${varianceColumns(ctx)}
      ${from} AND ${afterProductName({ after, before })}
      ${productNameOrder(before)}
      LIMIT ${limit + 1}`;
    const page = keysetPage(before ? read.reverse() : read, { limit, after, before }, (row) =>
      encodeProductNameCursor("stocktake-variance", row),
    );
    // Totals over every counted line: per unit, and the value once over all of them (money adds up across products).
    const moved = Prisma.sql`coalesce(l.booked_quantity, l.counted - l.expected)`;
    const byUnit = await tx.$queryRaw<{ unit: string; gained: bigint; lost: bigint; net: bigint }[]>`
      SELECT p.unit, sum(greatest(${moved}, 0))::bigint AS gained, sum(least(${moved}, 0))::bigint AS lost,
             sum(${moved})::bigint AS net
      ${from}
      GROUP BY p.unit
      ORDER BY p.unit`;
    const [sums] = await tx.$queryRaw<
      { counted: number; with_difference: number; gained: string; lost: string; net: string }[]
    >`
      SELECT count(*)::int AS counted, count(*) FILTER (WHERE ${moved} <> 0)::int AS with_difference,
             coalesce(sum(greatest(coalesce(l.unit_cost, p.cost_price) * ${moved}, 0)), 0)::numeric(32, 2)::text AS gained,
             coalesce(sum(least(coalesce(l.unit_cost, p.cost_price) * ${moved}, 0)), 0)::numeric(32, 2)::text AS lost,
             coalesce(sum(coalesce(l.unit_cost, p.cost_price) * ${moved}), 0)::numeric(32, 2)::text AS net
      ${from}`;
    const [listed] = await tx.$queryRaw<{ lines: number }[]>`
      SELECT count(*)::int AS lines FROM stocktake_lines
       WHERE company_id = ${ctx.companyId}::uuid AND stocktake_id = ${stocktakeId}::uuid`;
    return {
      stocktake: {
        id: stocktake.id,
        number: stocktake.number,
        status: stocktake.status,
        blind: stocktake.blind,
        locationName: stocktake.locationName,
        threshold: stocktake.threshold,
      },
      money,
      currency: stocktake.currency,
      lines: {
        rows: page.rows.map((row) => varianceLine(row, stocktake.threshold, money)),
        nextCursor: page.nextCursor,
        previousCursor: page.previousCursor,
      },
      totals: {
        counted: sums?.counted ?? 0,
        notCounted: (listed?.lines ?? 0) - (sums?.counted ?? 0),
        withDifference: sums?.with_difference ?? 0,
        // Each line moves at most a billion: a million lines of it still fit a safe integer.
        byUnit: byUnit.map((row) => ({
          unit: row.unit,
          gained: Number(row.gained),
          lost: Number(row.lost),
          net: Number(row.net),
        })),
        value: money && sums ? { gained: sums.gained, lost: sums.lost, net: sums.net } : null,
      },
    };
  });
}
