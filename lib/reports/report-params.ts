// What the three reports (docs/architecture.md §8 "Reports") can be asked for — the stock valuation on a day, the
// movements by product, location, reason and period, the slow movers — shared by their pages (which read it from the
// URL, so a report is a deep link), their filter forms, their CSV exports and the lib functions. Pure: no server
// imports.
import { z } from "zod";
import { isUuid } from "../fields";
import { checkDayRange, dayRangeFromParams, daySchema, isDay } from "../list/day-range";
import { decodeTextCursor, decodeTimeCursor, STALE_CURSOR_MESSAGE, type TextCursor } from "../list/keyset-cursor";

export const REPORT_PAGE_SIZE = 50;
export const MOVEMENT_REASONS = [
  "INITIAL",
  "RECEIVED",
  "SHIPPED",
  "ADJUSTMENT",
  "TRANSFER_IN",
  "TRANSFER_OUT",
  "STOCKTAKE",
] as const;
export type ReportReason = (typeof MOVEMENT_REASONS)[number];

export const REASON_LABELS: Record<ReportReason, string> = {
  INITIAL: "Opening stock",
  RECEIVED: "Received",
  SHIPPED: "Shipped",
  ADJUSTMENT: "Adjustment",
  TRANSFER_IN: "Transfer in",
  TRANSFER_OUT: "Transfer out",
  STOCKTAKE: "Stocktake",
};

export const MOVEMENT_GROUPS = ["product", "location", "reason"] as const;
export type MovementGroup = (typeof MOVEMENT_GROUPS)[number];

/** Slow movers: no stock has left in this many days (90 unless chosen; 1 to 3,650). */
export const DEFAULT_SLOW_DAYS = 90;
export const MAX_SLOW_DAYS = 3_650;

/** Cursors are named for their list (lib/list/keyset-cursor.ts). */
export const VALUATION_CURSOR = "valuation";
export const MOVEMENTS_CURSOR = "report-movements";
export const SLOW_MOVERS_CURSOR = "slow-movers";
export const groupCursorName = (group: MovementGroup) => `report-movements-${group}`;

const reasonId = (id: unknown): string | null =>
  typeof id === "string" && (MOVEMENT_REASONS as readonly string[]).includes(id) ? id : null;

/**
 * A grouped movements page's cursor: the last group's label and id, which is a product's or location's uuid, or (by
 * reason) the reason itself.
 */
export function decodeGroupCursor(group: MovementGroup, text: string): TextCursor | null {
  return decodeTextCursor(groupCursorName(group), 1, text, group === "reason" ? reasonId : undefined);
}

const uuidField = (message: string) =>
  z
    .uuid({ error: message })
    .transform((s) => s.toLowerCase())
    .optional();

function textCursorField(list: string) {
  return z
    .string()
    .max(600)
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const cursor = decodeTextCursor(list, 1, text);
      if (!cursor) ctx.addIssue({ code: "custom", message: STALE_CURSOR_MESSAGE });
      return cursor ?? undefined;
    });
}

// ---------------------------------------------------------------------------------------------------------------
// Valuation

const valuationFilterShape = {
  /** The day whose end the stock is valued at, in the company's time zone; today when absent. */
  date: daySchema("Date"),
  locationId: uuidField("Choose a location from the list."),
};

export const valuationFilterSchema = z.object(valuationFilterShape).strict();
export const valuationInputSchema = z
  .object({ ...valuationFilterShape, after: textCursorField(VALUATION_CURSOR) })
  .strict();
export type ValuationFilters = z.output<typeof valuationFilterSchema>;

export interface ValuationQuery {
  date?: string;
  locationId?: string;
  after?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Movements

const movementFilterShape = {
  productId: uuidField("Choose a product from the list."),
  locationId: uuidField("Choose a location from the list."),
  reason: z.enum(MOVEMENT_REASONS, { error: "Choose a reason from the list." }).optional(),
  from: daySchema("From"),
  to: daySchema("To"),
  groupBy: z.enum(MOVEMENT_GROUPS, { error: "Choose how to group the movements." }).optional(),
};

export const movementFilterSchema = z
  .object(movementFilterShape)
  .strict()
  .superRefine((input, ctx) => checkDayRange(input, ctx));

export const movementsInputSchema = z
  .object({ ...movementFilterShape, after: z.string().max(600).optional() })
  .strict()
  .transform((input, ctx) => {
    checkDayRange(input, ctx);
    const { after: text, ...filters } = input;
    if (text === undefined) return { ...filters, after: undefined };
    // A grouped view pages by its group's label, the list of movements newest first.
    const after = filters.groupBy ? decodeGroupCursor(filters.groupBy, text) : decodeTimeCursor(MOVEMENTS_CURSOR, text);
    if (!after) ctx.addIssue({ code: "custom", path: ["after"], message: STALE_CURSOR_MESSAGE });
    return { ...filters, after: after ?? undefined };
  });
export type MovementFilters = z.output<typeof movementFilterSchema>;

export interface MovementsQuery {
  productId?: string;
  locationId?: string;
  reason?: ReportReason;
  from?: string;
  to?: string;
  groupBy?: MovementGroup;
  after?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Slow movers

const slowFilterShape = {
  days: z.coerce
    .number({ error: "Days: enter a whole number." })
    .int("Days: enter a whole number.")
    .min(1, "Days: at least 1.")
    .max(MAX_SLOW_DAYS, `Days: at most ${MAX_SLOW_DAYS.toLocaleString("en-US")}.`)
    .default(DEFAULT_SLOW_DAYS),
};

export const slowMoversFilterSchema = z.object(slowFilterShape).strict();
export const slowMoversInputSchema = z
  .object({ ...slowFilterShape, after: textCursorField(SLOW_MOVERS_CURSOR) })
  .strict();

export interface SlowMoversQuery {
  days?: number;
  after?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// From URLs, and back

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const uuidParam = (value: string | string[] | undefined) => {
  const text = first(value)?.trim();
  return isUuid(text) ? text.toLowerCase() : undefined;
};

/** Each report's query from a URL: what cannot be a filter is dropped, so a hand-edited link shows the report. */
export function valuationQueryFromParams(params: SearchParams): ValuationQuery {
  const date = first(params.date);
  const after = first(params.after);
  const locationId = uuidParam(params.locationId);
  return {
    ...(isDay(date) && { date }),
    ...(locationId && { locationId }),
    ...(after && decodeTextCursor(VALUATION_CURSOR, 1, after) && { after }),
  };
}

export function movementsQueryFromParams(params: SearchParams): MovementsQuery {
  const reason = first(params.reason);
  const groupBy = first(params.groupBy);
  const after = first(params.after);
  const productId = uuidParam(params.productId);
  const locationId = uuidParam(params.locationId);
  const group = (MOVEMENT_GROUPS as readonly string[]).includes(groupBy ?? "") ? (groupBy as MovementGroup) : undefined;
  const cursorOk =
    after && (group ? decodeGroupCursor(group, after) : decodeTimeCursor(MOVEMENTS_CURSOR, after)) !== null;
  return {
    ...(productId && { productId }),
    ...(locationId && { locationId }),
    ...((MOVEMENT_REASONS as readonly string[]).includes(reason ?? "") && { reason: reason as ReportReason }),
    ...dayRangeFromParams(first(params.from), first(params.to)),
    ...(group && { groupBy: group }),
    ...(cursorOk && { after }),
  };
}

export function slowMoversQueryFromParams(params: SearchParams): SlowMoversQuery {
  const days = Number(first(params.days));
  const after = first(params.after);
  return {
    ...(Number.isInteger(days) && days >= 1 && days <= MAX_SLOW_DAYS && { days }),
    ...(after && decodeTextCursor(SLOW_MOVERS_CURSOR, 1, after) && { after }),
  };
}

function withParams(path: string, query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export const valuationHref = (query: ValuationQuery) => withParams("/reports/valuation", query);
export const valuationExportHref = (query: ValuationQuery) =>
  withParams("/reports/valuation/export.csv", { ...query, after: undefined });
export const movementsHref = (query: MovementsQuery) => withParams("/reports/movements", query);
export const movementsExportHref = (query: MovementsQuery) =>
  withParams("/reports/movements/export.csv", { ...query, after: undefined });
export const slowMoversHref = (query: SlowMoversQuery) => withParams("/reports/slow-movers", query);
export const slowMoversExportHref = (query: SlowMoversQuery) =>
  withParams("/reports/slow-movers/export.csv", { ...query, after: undefined });
