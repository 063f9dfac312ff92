// The company's stocktakes, newest first, in keyset pages by number (docs/architecture.md §3 "Lists"): all, the open
// ones (counting or counted), or one status; each with its location, who started it and its progress.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { decodeKeyset, encodeKeyset } from "../list/keyset-cursor";
import { cursorTextShape, decodeCursors, keysetPage } from "../list/keyset-page";
import { knownNameSql } from "../users/known-name-sql";
import { STOCKTAKE_PAGE_SIZE, STOCKTAKE_STATUSES, stocktakeStatus, type StocktakeStatus } from "./stocktake-fields";

export const STOCKTAKE_LIST_FILTERS = ["open", ...STOCKTAKE_STATUSES] as const;
export type StocktakeListFilter = (typeof STOCKTAKE_LIST_FILTERS)[number];

/** A list cursor: the number of the stocktake a page starts after (or before). */
export function decodeStocktakeListCursor(text: string): number | null {
  const parts = decodeKeyset(text, 2);
  if (!parts) return null;
  const [kind, number] = parts;
  return kind === "stocktakes" && typeof number === "number" && Number.isSafeInteger(number) && number > 0
    ? number
    : null;
}

const encodeCursor = (number: number) => encodeKeyset(["stocktakes", number]);

export const listStocktakesSchema = z
  .object({
    status: z.enum(STOCKTAKE_LIST_FILTERS, { error: "Choose a status from the list." }).optional(),
    ...cursorTextShape,
    limit: z.number().int().min(1).max(100).default(STOCKTAKE_PAGE_SIZE),
  })
  .strict()
  .transform(decodeCursors(decodeStocktakeListCursor));

export interface StocktakeListRow {
  id: string;
  number: number;
  status: StocktakeStatus;
  blind: boolean;
  locationName: string;
  createdBy: string;
  createdAt: Date;
  bookedAt: Date | null;
  lines: number;
  counted: number;
  recountRequested: number;
}

export interface StocktakeListPage {
  rows: StocktakeListRow[];
  /** The company's time zone, which the page shows times in. */
  timeZone: string;
  nextCursor: string | null;
  previousCursor: string | null;
}

interface Row {
  id: string;
  number: number;
  status: string;
  blind: boolean;
  location_name: string;
  created_by: string;
  created_at: Date;
  booked_at: Date | null;
  lines: number;
  counted: number;
  recount_requested: number;
}

export async function listStocktakes(ctx: TenantContext, input: unknown): Promise<StocktakeListPage> {
  const { status, after, before, limit } = parseInput(listStocktakesSchema, input);
  if (!can(ctx.role, "stock.view")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const company = Prisma.sql`${ctx.companyId}::uuid`;
    const where: Prisma.Sql[] = [Prisma.sql`s.company_id = ${company}`];
    if (status === "open") where.push(Prisma.sql`s.status IN ('STARTED', 'COUNTED')`);
    else if (status) where.push(Prisma.sql`s.status = ${status}`);
    if (after !== undefined) where.push(Prisma.sql`s.number < ${after}`);
    if (before !== undefined) where.push(Prisma.sql`s.number > ${before}`);
    // The page by the (company_id, number) index, newest first (a page before the cursor is read the other way);
    // the progress of its rows only.
    const read = await tx.$queryRaw<Row[]>`
      SELECT page.id::text, page.number, page.status, page.blind, l.name AS location_name,
             ${knownNameSql(company, Prisma.sql`page.created_by`, Prisma.sql`coalesce(nullif(u.name, ''), u.email)`)} AS created_by,
             page.created_at, page.booked_at, progress.lines, progress.counted, progress.recount_requested
        FROM (SELECT s.* FROM stocktakes s
               WHERE ${Prisma.join(where, " AND ")}
               ORDER BY s.number ${before !== undefined ? Prisma.sql`ASC` : Prisma.sql`DESC`}
               LIMIT ${limit + 1}) page
        JOIN locations l ON l.company_id = page.company_id AND l.id = page.location_id
        JOIN users u ON u.id = page.created_by
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS lines, count(x.counted)::int AS counted,
                 count(*) FILTER (WHERE x.recount = 'REQUESTED')::int AS recount_requested
            FROM stocktake_lines x
           WHERE x.company_id = page.company_id AND x.stocktake_id = page.id) progress
       ORDER BY page.number ${before !== undefined ? Prisma.sql`ASC` : Prisma.sql`DESC`}`;
    const page = keysetPage(before !== undefined ? read.reverse() : read, { limit, after, before }, (row) =>
      encodeCursor(row.number),
    );
    const settings = await tx.company.findFirst({ select: { timeZone: true } });
    return {
      timeZone: settings?.timeZone ?? "UTC",
      rows: page.rows.map((row) => ({
        id: row.id,
        number: row.number,
        status: stocktakeStatus(row.status),
        blind: row.blind,
        locationName: row.location_name,
        createdBy: row.created_by,
        createdAt: row.created_at,
        bookedAt: row.booked_at,
        lines: row.lines,
        counted: row.counted,
        recountRequested: row.recount_requested,
      })),
      nextCursor: page.nextCursor,
      previousCursor: page.previousCursor,
    };
  });
}
