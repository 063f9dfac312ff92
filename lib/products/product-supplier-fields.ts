// A product's supplier link as people fill it in (docs/architecture.md §5, "Product suppliers"): the supplier's own part
// number, the purchase price and lead time there, and whether it is the product's preferred supplier. One schema for
// the product page's form and the domain functions (lib/products/product-suppliers.ts). Pure: the form imports it.
import { z } from "zod";
import { idSchema, optionalSingleLineText } from "../fields";
import { moneySchema } from "./product-fields";

/** The longest lead time a link takes, in days; the database's CHECK says the same (migration 20261213020000). */
export const MAX_LEAD_TIME_DAYS = 365;

/** Another company's supplier and an unknown id read alike: "That supplier was not found.". */
export const supplierIdSchema = idSchema("That supplier");

const LEAD_TIME_RULE = `Lead time: a whole number of days from 0 to ${MAX_LEAD_TIME_DAYS}, or leave it empty.`;

/** Blank, null or missing is "not known", so a form and an API caller that leave it out mean the same. */
const blank = (value: unknown) => value === null || value === undefined || String(value).trim() === "";

const priceSchema = moneySchema("Purchase price");

/** An amount like a product's cost price (two decimals at most), or null when not known. */
export const purchasePriceSchema = z
  .union([z.string(), z.number()], { error: "Purchase price: enter an amount, or leave it empty." })
  .nullish()
  .transform((value, ctx) => {
    if (blank(value)) return null;
    const parsed = priceSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    return z.NEVER;
  });

export const leadTimeDaysSchema = z
  .union([z.number(), z.string()], { error: LEAD_TIME_RULE })
  .nullish()
  .transform((value, ctx) => {
    if (blank(value)) return null;
    const text = String(value).trim();
    const days = /^\d{1,3}$/.test(text) ? Number(text) : NaN;
    if (!(days >= 0 && days <= MAX_LEAD_TIME_DAYS)) {
      ctx.addIssue({ code: "custom", message: LEAD_TIME_RULE });
      return z.NEVER;
    }
    return days;
  });

/** A checkbox sends "on" when ticked and nothing when not; a program sends a boolean. */
export const preferredSchema = z
  .union([z.boolean(), z.enum(["on", "true", "false", ""])], { error: "Preferred: tick it or leave it." })
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

/** What a link holds besides its two ends. */
export const productSupplierTermsShape = {
  supplierSku: optionalSingleLineText({ label: "Supplier part number", max: 64 }),
  purchasePrice: purchasePriceSchema,
  leadTimeDays: leadTimeDaysSchema,
  preferred: preferredSchema,
};

export type ProductSupplierTerms = {
  supplierSku: string | null;
  /** A decimal string with two decimals ("12.50"), or null when not known. */
  purchasePrice: string | null;
  leadTimeDays: number | null;
  preferred: boolean;
};
