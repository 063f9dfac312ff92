// The fields of the stock forms (adjust, transfer, stocktake), shared by the domain functions and their forms.
// Quantities use quantitySchema (./quantity). Pure: imports nothing server-side.
import { z } from "zod";

// Lower-cased: the database returns uuids as lowercase text, and the ledger keys its maps by that text.
export const productIdSchema = z.uuid({ error: "That product was not found." }).transform((s) => s.toLowerCase());
export const locationIdSchema = z.uuid({ error: "That location was not found." }).transform((s) => s.toLowerCase());

/** Control characters (NUL included, which PostgreSQL refuses in text): never part of a search or an id. */
const CONTROL = /\p{Cc}/gu;

/** Text for the ledger's note column: line breaks allowed, other control characters not. */
const ledgerText = /^(?:[^\p{Cc}]|[\t\n\r])*$/u;

/** Why stock was adjusted: required, it is what an auditor reads next to the movement. */
export const reasonSchema = z
  .string({ error: "Reason: say why the stock changes." })
  .trim()
  .min(3, "Reason: enter at least 3 characters.")
  .max(500, "Reason: use at most 500 characters.")
  .regex(ledgerText, "Reason: use plain text without control characters.");

/** An optional note on a transfer or stocktake; blank means none. */
export const noteSchema = z
  .string({ error: "Note: enter text." })
  .trim()
  .max(500, "Note: use at most 500 characters.")
  .regex(ledgerText, "Note: use plain text without control characters.")
  .optional()
  .nullable()
  .transform((value) => (value ? value : null));

export const ADJUST_MODES = ["set", "change"] as const;
export type AdjustMode = (typeof ADJUST_MODES)[number];

/** One stocktake books at most this many counts (a clear error beyond): a bigger count is recorded in parts. */
export const MAX_STOCKTAKE_COUNTS = 2_000;

/** Products per page on the stocktake and product-picker lists. */
export const STOCK_PAGE_SIZE = 50;

/** A search box's text: control characters dropped, trimmed, at most 100 characters; blank is no search. */
export const searchTextSchema = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((value) => (value ?? "").replace(CONTROL, "").trim());

export const pageNumberSchema = z.number().int().min(1).max(100_000).default(1);

/** What a list page asks for: `?page=2` (anything unusable is page 1). */
export function pageFromParam(value: string | string[] | undefined): number {
  const page = Number(typeof value === "string" ? value : undefined);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

/**
 * A search parameter as text (the first value when repeated; control characters such as `%00` dropped; anything
 * longer than a search box is cut).
 */
export function textFromParam(value: string | string[] | undefined): string {
  const text = Array.isArray(value) ? value[0] : value;
  return (text ?? "").replace(CONTROL, "").trim().slice(0, 100);
}
