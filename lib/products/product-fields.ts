// A product's editable fields: one schema for the create and edit forms, the domain functions and CSV import, so
// a value is judged the same everywhere. Text is trimmed and single-line (names end up in emails and CSV cells);
// money is a decimal string with at most two decimals (stored as Decimal, never a float). Pure.
import { z } from "zod";
import { quantitySchema } from "../stock/quantity";

const singleLine = (label: string, max: number) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .regex(/^[^\p{Cc}]*$/u, `The ${label} must be one line without control characters.`);

/** Optional text: blank becomes null, so "no category" is one value, not two. */
const optionalLine = (label: string, max: number) =>
  singleLine(label, max)
    .optional()
    .nullable()
    .transform((value) => (value ? value : null));

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
    sku: singleLine("SKU", 64).min(1, "Enter the SKU."),
    name: singleLine("name", 200).min(1, "Enter the name."),
    description: z
      .string()
      .trim()
      .max(2000, "Use at most 2000 characters.")
      // Lines and tabs are fine; other control characters are not text (PostgreSQL refuses NUL outright, which
      // would let a CSV pass the dry run and then fail to commit).
      .regex(
        /^(?:[^\p{Cc}]|[\t\r\n])*$/u,
        "The description must not contain control characters (line breaks and tabs are fine).",
      )
      .optional()
      .nullable()
      .transform((value) => (value ? value : null)),
    category: optionalLine("category", 80),
    unit: singleLine("unit", 16).min(1, "Enter the unit, e.g. each, box, litre.").default("each"),
    barcode: optionalLine("barcode", 64).refine((value) => value === null || /^[\w.-]+$/.test(value), {
      message: "A barcode is letters, digits, dots, dashes or underscores.",
    }),
    costPrice: moneySchema("Cost price").default("0"),
    salePrice: moneySchema("Sale price").default("0"),
    reorderPoint: quantitySchema({ min: 0, label: "Reorder point" }).default(0),
  })
  .strict();

export type ProductFields = z.output<typeof productFieldsSchema>;
