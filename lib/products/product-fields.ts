// A product's editable fields: one schema for the create and edit forms, the domain functions and CSV import, so
// a value is judged the same everywhere. Text is trimmed and single-line (names end up in emails and CSV cells);
// money is a decimal string with at most two decimals (stored as Decimal, never a float). Pure.
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
  })
  .strict();

export type ProductFields = z.output<typeof productFieldsSchema>;
