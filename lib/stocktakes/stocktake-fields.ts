// The fields of a stocktake document (docs/architecture.md §5 "Stocktake documents"), shared by the domain functions,
// the forms and the pages. Pure: imports nothing server-side.
import { z } from "zod";
import { idempotencyKeySchema, idSchema, locationIdSchema, productIdSchema, versionSchema } from "../fields";
import { MAX_QUANTITY, quantitySchema } from "../stock/quantity";

export { idempotencyKeySchema, locationIdSchema, productIdSchema };

export const STOCKTAKE_STATUSES = ["STARTED", "COUNTED", "BOOKED", "CANCELLED"] as const;
export type StocktakeStatus = (typeof STOCKTAKE_STATUSES)[number];

/** What a line's recount stands at: none asked, asked when counting finished, done since. */
export const RECOUNT_STATES = ["NONE", "REQUESTED", "DONE"] as const;
export type RecountState = (typeof RECOUNT_STATES)[number];

export const STOCKTAKE_STATUS_LABELS: Record<StocktakeStatus, string> = {
  STARTED: "Counting",
  COUNTED: "Counted",
  BOOKED: "Booked",
  CANCELLED: "Cancelled",
};

/** A status read from the database: the CHECK allows only these, so anything else is a broken invariant. */
export function stocktakeStatus(value: string): StocktakeStatus {
  if (!(STOCKTAKE_STATUSES as readonly string[]).includes(value)) throw new Error(`Unknown stocktake status ${value}`);
  return value as StocktakeStatus;
}

export function recountState(value: string): RecountState {
  if (!(RECOUNT_STATES as readonly string[]).includes(value)) throw new Error(`Unknown recount state ${value}`);
  return value as RecountState;
}

/** ST-000123: the number people read and say; the id (a UUID) is what URLs use. */
export function formatStocktakeNumber(number: number): string {
  return `ST-${String(number).padStart(6, "0")}`;
}

export const stocktakeIdSchema = idSchema("That stocktake");

/** The version of the stocktake the person saw: a change in between is a CONFLICT, never a silent overwrite. */
export const stocktakeVersionSchema = versionSchema("stocktake");

/** The percentage threshold's ceiling: a difference ten times what was expected is beyond any sensible threshold. */
export const MAX_RECOUNT_PERCENT = 1_000;

/** An optional whole number from a form (blank is none) or a caller (null is none), from 0 to `max`. */
function optionalWhole(label: string, max: number) {
  return z
    .union([z.null(), z.undefined(), z.literal(""), quantitySchema({ min: 0, label })], {
      error: `${label}: enter a whole number, or leave it blank.`,
    })
    .transform((value) => (value === "" || value === undefined ? null : value))
    .refine((value) => value === null || value <= max, `${label}: enter at most ${max.toLocaleString("en-US")}.`);
}

export const recountUnitsSchema = optionalWhole("Units", MAX_QUANTITY);
export const recountPercentSchema = optionalWhole("Percent", MAX_RECOUNT_PERCENT);

/** A count: what is on the shelf now, in the product's own unit. */
export const countedSchema = quantitySchema({ min: 0, label: "Count" });

/** Stocktakes per page on the list; lines per page on a document and its report. */
export const STOCKTAKE_PAGE_SIZE = 20;
export const STOCKTAKE_LINES_PAGE_SIZE = 50;
