// A stocktake document as its page shows it (docs/architecture.md §5 "Stocktake documents"): the document (number,
// location, status, options, who did each step and when), its progress, the steps the caller may take, and one keyset
// page of lines by product name — all of them, those not counted yet, or those flagged for recount. With a search, the
// page lists every product matching it (name, SKU or barcode) with its line if it has one, so a product found on the
// shelf but not listed can be counted too.
//
// Blind (stocktake-rules.ts, expectedRevealed): until a blind stocktake is booked, no expected quantity, on-hand figure
// or difference leaves this function, for any role, and a line flagged for recount hides its first count.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { searchTextSchema } from "../fields";
import { cursorTextShape, decodeCursors, keysetPage } from "../list/keyset-page";
import { productSearchCondition } from "../products/product-search";
import {
  afterProductName,
  decodeProductNameCursor,
  encodeProductNameCursor,
  productNameOrder,
  SORT_NAME,
} from "../stock/product-name-keyset";
import { knownNameSql } from "../users/known-name-sql";
import {
  recountState,
  STOCKTAKE_LINES_PAGE_SIZE,
  stocktakeIdSchema,
  stocktakeStatus,
  type RecountState,
  type StocktakeStatus,
} from "./stocktake-fields";
import { countShown, expectedRevealed, stocktakeStep, type RecountThreshold } from "./stocktake-rules";

export const STOCKTAKE_LINE_VIEWS = ["all", "uncounted", "recount"] as const;
export type StocktakeLineView = (typeof STOCKTAKE_LINE_VIEWS)[number];

/** A document's line cursor from a URL or a caller, or null for one this list did not make. */
export const decodeStocktakeLineCursor = decodeProductNameCursor("stocktake-lines");

export const getStocktakeSchema = z
  .object({
    stocktakeId: stocktakeIdSchema,
    search: searchTextSchema,
    view: z
      .enum(STOCKTAKE_LINE_VIEWS, { error: "Show all lines, those not counted, or those to recount." })
      .default("all"),
    ...cursorTextShape,
    limit: z.number().int().min(1).max(100).default(STOCKTAKE_LINES_PAGE_SIZE),
  })
  .strict()
  .transform(decodeCursors(decodeStocktakeLineCursor));

export interface StocktakeLineRow {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  packSize: number | null;
  barcode: string | null;
  archived: boolean;
  /** Whether the product is on the document (listed at the start, or counted since). */
  onList: boolean;
  /** The latest count; null when not counted, or when hidden (countHidden). */
  counted: number | null;
  /** A blind stocktake's line flagged for recount: counted, but its first count is not shown until booked. */
  countHidden: boolean;
  countedBy: string | null;
  countedAt: Date | null;
  recount: RecountState;
  /** Shown only where expected quantities are (expectedRevealed): the snapshot, counted − it, and on hand now. */
  expected: number | null;
  difference: number | null;
  onHand: number | null;
  /** What booking moved for this line (booked stocktakes). */
  booked: number | null;
  /** Whether the caller may count this product now: while counting, any; once counted, the lines to recount. */
  countable: boolean;
}

export interface StocktakeDocument {
  id: string;
  number: number;
  status: StocktakeStatus;
  blind: boolean;
  /** Whether expected quantities and differences are shown (expectedRevealed). */
  revealed: boolean;
  version: number;
  location: { id: string; name: string };
  threshold: RecountThreshold;
  timeZone: string;
  createdBy: string;
  createdAt: Date;
  finished: { by: string; at: Date } | null;
  booked: { by: string; at: Date } | null;
  cancelled: { by: string; at: Date } | null;
  progress: { lines: number; counted: number; recountRequested: number };
  /** The steps the caller may take now (stocktake-rules.ts). */
  can: { count: boolean; finish: boolean; book: boolean; cancel: boolean };
  lines: {
    rows: StocktakeLineRow[];
    /** Lines (or, with a search, products) the view holds on every page. */
    total: number;
    nextCursor: string | null;
    previousCursor: string | null;
  };
}

interface HeaderRow {
  id: string;
  number: number;
  status: string;
  blind: boolean;
  version: number;
  location_id: string;
  location_name: string;
  recount_units: number | null;
  recount_percent: number | null;
  time_zone: string;
  created_by: string;
  created_at: Date;
  finished_by: string | null;
  finished_at: Date | null;
  booked_by: string | null;
  booked_at: Date | null;
  cancelled_by: string | null;
  cancelled_at: Date | null;
  lines: number;
  counted: number;
  recount_requested: number;
}

interface LineSqlRow {
  id: string;
  sku: string;
  name: string;
  sort_name: string;
  unit: string;
  pack_size: number | null;
  barcode: string | null;
  archived: boolean;
  on_list: boolean;
  counted: number | null;
  expected: number | null;
  counted_by: string | null;
  counted_at: Date | null;
  recount: string | null;
  booked_quantity: number | null;
}

/** The name the company knows `userColumn` (a column of stocktakes `s`) by, or NULL. */
function personSql(userColumn: string): Prisma.Sql {
  const column = Prisma.raw(`s.${userColumn}`);
  return knownNameSql(
    Prisma.sql`s.company_id`,
    column,
    Prisma.sql`(SELECT coalesce(nullif(u.name, ''), u.email) FROM users u WHERE u.id = ${column})`,
  );
}

export async function getStocktake(ctx: TenantContext, input: unknown): Promise<StocktakeDocument> {
  const { stocktakeId, search, view, after, before, limit } = parseInput(getStocktakeSchema, input);
  if (!can(ctx.role, "stock.view")) throw AppError.forbidden();
  return withTenantTx(ctx, async (tx) => {
    const company = Prisma.sql`${ctx.companyId}::uuid`;
    const [header] = await tx.$queryRaw<HeaderRow[]>`
      SELECT s.id::text, s.number, s.status, s.blind, s.version, s.location_id::text, l.name AS location_name,
             s.recount_units, s.recount_percent, c.time_zone,
             ${personSql("created_by")} AS created_by, s.created_at,
             ${personSql("finished_by")} AS finished_by, s.finished_at,
             ${personSql("booked_by")} AS booked_by, s.booked_at,
             ${personSql("cancelled_by")} AS cancelled_by, s.cancelled_at,
             progress.lines, progress.counted, progress.recount_requested
        FROM stocktakes s
        JOIN locations l ON l.company_id = s.company_id AND l.id = s.location_id
        JOIN companies c ON c.id = s.company_id
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS lines, count(x.counted)::int AS counted,
                 count(*) FILTER (WHERE x.recount = 'REQUESTED')::int AS recount_requested
            FROM stocktake_lines x
           WHERE x.company_id = s.company_id AND x.stocktake_id = s.id) progress
       WHERE s.company_id = ${company} AND s.id = ${stocktakeId}::uuid`;
    if (!header) throw AppError.notFound("That stocktake");
    const status = stocktakeStatus(header.status);
    const document = { blind: header.blind, status };
    const revealed = expectedRevealed(document);

    const line = Prisma.sql`l.company_id = ${company} AND l.stocktake_id = ${stocktakeId}::uuid`;
    const viewCondition =
      view === "uncounted"
        ? Prisma.sql`l.counted IS NULL`
        : view === "recount"
          ? Prisma.sql`l.recount = 'REQUESTED'`
          : Prisma.sql`TRUE`;
    const matching = search ? await productSearchCondition(tx, search) : undefined;
    const from = matching
      ? Prisma.sql`
          FROM products p
          LEFT JOIN stocktake_lines l ON ${line} AND l.product_id = p.id
         WHERE p.company_id = ${company} AND ${matching} AND (NOT p.archived OR l.product_id IS NOT NULL)
           AND ${viewCondition}`
      : Prisma.sql`
          FROM stocktake_lines l
          JOIN products p ON p.company_id = l.company_id AND p.id = l.product_id
         WHERE ${line} AND ${viewCondition}`;
    // One query at a time: a transaction is one connection.
    const read = await tx.$queryRaw<LineSqlRow[]>`
      SELECT p.id::text, p.sku, p.name, ${SORT_NAME}, p.unit, p.pack_size, p.barcode, p.archived,
             l.product_id IS NOT NULL AS on_list, l.counted, l.expected,
             ${knownNameSql(company, Prisma.sql`l.counted_by`, Prisma.sql`(SELECT coalesce(nullif(u.name, ''), u.email) FROM users u WHERE u.id = l.counted_by)`)} AS counted_by,
             l.counted_at, l.recount, l.booked_quantity
      ${from} AND ${afterProductName({ after, before })}
      ${productNameOrder(before)}
      LIMIT ${limit + 1}`;
    const [count] = await tx.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total ${from}`;
    // On hand now, for the rows of the page only (and only where it may be shown).
    const onHand = new Map<string, number>();
    if (revealed && status !== "BOOKED" && read.length > 0) {
      const levels = await tx.$queryRaw<{ product_id: string; on_hand: number }[]>`
        SELECT product_id::text, on_hand FROM stock_levels
         WHERE company_id = ${company} AND location_id = ${header.location_id}::uuid
           AND product_id = ANY(${read.map((row) => row.id)}::uuid[])`;
      for (const level of levels) onHand.set(level.product_id, level.on_hand);
    }
    const page = keysetPage(before ? read.reverse() : read, { limit, after, before }, (row) =>
      encodeProductNameCursor("stocktake-lines", row),
    );
    const step = (name: "count" | "finish" | "book" | "cancel") =>
      stocktakeStep(name, status, ctx.role, header.number).ok;
    const counting = step("count");
    return {
      id: header.id,
      number: header.number,
      status,
      blind: header.blind,
      revealed,
      version: header.version,
      location: { id: header.location_id, name: header.location_name },
      threshold: { units: header.recount_units, percent: header.recount_percent },
      timeZone: header.time_zone,
      createdBy: header.created_by,
      createdAt: header.created_at,
      finished: header.finished_at && { by: header.finished_by ?? "", at: header.finished_at },
      booked: header.booked_at && { by: header.booked_by ?? "", at: header.booked_at },
      cancelled: header.cancelled_at && { by: header.cancelled_by ?? "", at: header.cancelled_at },
      progress: { lines: header.lines, counted: header.counted, recountRequested: header.recount_requested },
      can: { count: counting, finish: step("finish"), book: step("book"), cancel: step("cancel") },
      lines: {
        rows: page.rows.map((row) => {
          const recount = row.recount === null ? "NONE" : recountState(row.recount);
          const shown = countShown(document, { recount });
          const counted = row.counted !== null && shown ? row.counted : null;
          return {
            productId: row.id,
            sku: row.sku,
            name: row.name,
            unit: row.unit,
            packSize: row.pack_size,
            barcode: row.barcode,
            archived: row.archived,
            onList: row.on_list,
            counted,
            countHidden: row.counted !== null && !shown,
            countedBy: row.counted_by,
            countedAt: row.counted_at,
            recount,
            expected: revealed ? row.expected : null,
            difference: revealed && row.counted !== null && row.expected !== null ? row.counted - row.expected : null,
            onHand: revealed && status !== "BOOKED" ? (onHand.get(row.id) ?? 0) : null,
            booked: row.booked_quantity,
            countable: counting && (status === "STARTED" || recount !== "NONE"),
          };
        }),
        total: count?.total ?? 0,
        nextCursor: page.nextCursor,
        previousCursor: page.previousCursor,
      },
    };
  });
}
