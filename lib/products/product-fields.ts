// A product's editable fields: one schema for the create and edit forms, the domain functions and CSV import, so
// a value is judged the same everywhere. Text is trimmed and single-line (names end up in emails and CSV cells);
// money is a decimal string with at most two decimals (stored as Decimal, never a float); a pack size, a reorder quantity
// and a target level are whole numbers or nothing (docs/architecture.md §5, "Packs" and "Restock suggestions"). Pure:
// the product form imports it in the browser.
import { z } from "zod";
import { optionalMultiLineText, optionalSingleLineText, singleLineText } from "../fields";
import { quantitySchema } from "../stock/quantity";

export const MAX_PRICE = "9999999999.99";

export const moneySchema = (label: string) =>
  z
    .union([z.string(), z.number()], { error: `${label}: enter an amount.` })
    .transform((value) => String(value).trim())
    .pipe(
      z
        .string()
        .regex(/^\d{1,10}(\.\d{1,2})?$/, `${label}: enter an amount like 12.50 (0 or more, at most two decimals).`),
    );

/** A pack holds at least two units (one is no pack) and at most this many; the database's CHECK says the same. */
export const MIN_PACK_SIZE = 2;
export const MAX_PACK_SIZE = 100_000;
/** How many a suggestion orders at a time, and the highest target level: the database's CHECKs say the same. */
export const MAX_REORDER_QUANTITY = 1_000_000;
export const MAX_TARGET_LEVEL = 1_000_000_000;

const wholeRule = (label: string, min: number, max: number) =>
  `${label}: a whole number from ${min.toLocaleString("en-GB")} to ${max.toLocaleString("en-GB")}, or leave it empty.`;

/**
 * An optional whole number from `min` to `max`: blank, null or missing is "none", so a form, a CSV cell and an API
 * caller that leave it out all mean the same. Digits only, like a quantity: "2.5", "1e3" and "25 pcs" are refused
 * with the one message that says what to type.
 */
function optionalWholeNumber(rule: string, min: number, max: number) {
  return z
    .union([z.number(), z.string()], { error: rule })
    .nullish()
    .transform((value, ctx) => {
      const text = value === null || value === undefined ? "" : String(value).trim();
      if (text === "") return null;
      const number = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
      if (!(number >= min && number <= max)) {
        ctx.addIssue({ code: "custom", message: rule });
        return z.NEVER;
      }
      return number;
    });
}

/** How many units one pack holds ("a box of 25"), or null for single units. */
export const packSizeSchema = optionalWholeNumber(
  wholeRule("Pack size", MIN_PACK_SIZE, MAX_PACK_SIZE),
  MIN_PACK_SIZE,
  MAX_PACK_SIZE,
);

/**
 * What a restock suggestion orders when the product runs low (docs/architecture.md §5 "Restock suggestions"): a fixed
 * quantity, or null for "up to twice the reorder point". A target level, where set, wins for the total.
 */
export const reorderQuantitySchema = optionalWholeNumber(
  wholeRule("Reorder quantity", 1, MAX_REORDER_QUANTITY),
  1,
  MAX_REORDER_QUANTITY,
);

/** The total a restock suggestion orders up to, or null. It must be above the reorder point (reorderLevelsProblem). */
export const targetLevelSchema = optionalWholeNumber(
  wholeRule("Target level", 1, MAX_TARGET_LEVEL),
  1,
  MAX_TARGET_LEVEL,
);

/**
 * A target level at or below the reorder point would order nothing when the product is low (the stock is at or below
 * the point, so "up to the target" is never above it): refused with what to type, here for every writer that knows
 * both values, and by the CHECK products_target_level_above_point for any other.
 */
export function reorderLevelsProblem(levels: { reorderPoint: number; targetLevel: number | null }): string | null {
  if (levels.targetLevel === null || levels.targetLevel > levels.reorderPoint) return null;
  return `Target level: enter a number above the reorder point (${levels.reorderPoint.toLocaleString("en-GB")}), or leave it empty.`;
}

/** reorderLevelsProblem as a refinement of a schema holding both fields, on the target level's field. */
export function refineReorderLevels(
  fields: { reorderPoint: number; targetLevel: number | null },
  ctx: z.RefinementCtx<{ reorderPoint: number; targetLevel: number | null }>,
): void {
  const problem = reorderLevelsProblem(fields);
  if (problem) ctx.addIssue({ code: "custom", path: ["targetLevel"], message: problem });
}

export const productFieldsSchema = z
  .object({
    sku: singleLineText({ missing: "Enter the SKU.", max: 64 }),
    name: singleLineText({ missing: "Enter the name.", max: 200 }),
    // Optional text: blank is null, so "no category" is one value, not two. PostgreSQL refuses NUL outright, which
    // would let a CSV pass the dry run and then fail to commit: the text rules refuse it here.
    description: optionalMultiLineText({ max: 2000 }),
    category: optionalSingleLineText({ max: 80 }),
    unit: singleLineText({ missing: "Enter the unit, e.g. each, box, litre.", max: 16 }).default("each"),
    barcode: optionalSingleLineText({ max: 64 }).refine((value) => value === null || /^[\w.-]+$/.test(value), {
      message: "A barcode is letters, digits, dots, dashes or underscores.",
    }),
    costPrice: moneySchema("Cost price").default("0"),
    salePrice: moneySchema("Sale price").default("0"),
    reorderPoint: quantitySchema({ min: 0, label: "Reorder point" }).default(0),
    packSize: packSizeSchema,
    reorderQuantity: reorderQuantitySchema,
    targetLevel: targetLevelSchema,
  })
  .strict();

export type ProductFields = z.output<typeof productFieldsSchema>;
