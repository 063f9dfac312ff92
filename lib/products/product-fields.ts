// A product's editable fields: one schema for the create and edit forms, the domain functions and CSV import, so
// a value is judged the same everywhere. Text is trimmed and single-line (names end up in emails and CSV cells);
// money is a decimal string with at most two decimals (stored as Decimal, never a float); a pack size is a whole number
// or nothing (docs/architecture.md §5, "Units and packs"). Pure: the product form imports it in the browser.
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

const PACK_SIZE_RULE = `Pack size: a whole number from ${MIN_PACK_SIZE} to ${MAX_PACK_SIZE.toLocaleString("en-GB")}, or leave it empty.`;

/**
 * How many units one pack holds ("a box of 25"), or null: blank, null or missing is "no pack", so a form, a CSV cell
 * and an API caller that leave it out all mean the same. Digits only, like a quantity: "2.5", "1e3" and "25 pcs" are
 * refused with the one message that says what to type.
 */
export const packSizeSchema = z
  .union([z.number(), z.string()], { error: PACK_SIZE_RULE })
  .nullish()
  .transform((value, ctx) => {
    const text = value === null || value === undefined ? "" : String(value).trim();
    if (text === "") return null;
    const size = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
    if (!(size >= MIN_PACK_SIZE && size <= MAX_PACK_SIZE)) {
      ctx.addIssue({ code: "custom", message: PACK_SIZE_RULE });
      return z.NEVER;
    }
    return size;
  });

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
  })
  .strict();

export type ProductFields = z.output<typeof productFieldsSchema>;
