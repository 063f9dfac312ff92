// The fields of the stock forms (adjust, transfer, stocktake), shared by the domain functions and their forms.
// Quantities use quantitySchema (./quantity). Pure: imports nothing server-side.
import { z } from "zod";
import { multiLineText, optionalMultiLineText } from "../fields";

export { locationIdSchema, productIdSchema, searchTextSchema, searchText as textFromParam } from "../fields";

/** Why stock was adjusted: required, it is what an auditor reads next to the movement. */
export const reasonSchema = multiLineText({
  label: "Reason",
  missing: "Reason: say why the stock changes.",
  min: 3,
  max: 500,
});

/** An optional note on a transfer or stocktake; blank means none. */
export const noteSchema = optionalMultiLineText({ label: "Note", max: 500 });

export const ADJUST_MODES = ["set", "change"] as const;
export type AdjustMode = (typeof ADJUST_MODES)[number];

/** One stocktake books at most this many counts (a clear error beyond): a bigger count is recorded in parts. */
export const MAX_STOCKTAKE_COUNTS = 2_000;

/** Products per page on the stocktake and product-picker lists. */
export const STOCK_PAGE_SIZE = 50;

/** How many products a page of a stock list holds: callers other than the pages (tests) may ask for fewer. */
export const pageLimitSchema = z.number().int().min(1).max(100).default(STOCK_PAGE_SIZE);
