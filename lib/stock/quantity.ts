// Quantities are whole numbers of a product's unit. Forms send text, so the rule is strict about what it takes:
// digits only (an optional "-" where negatives are allowed) — not "1.5", "1e3", "0x10", " 12abc", NaN or
// Infinity — and within a bound far below PostgreSQL's integer limit, so sums of many movements stay exact.
// Pure: forms, domain functions and CSV import share it.
import "../zod-browser";
import { z } from "zod";

export const MAX_QUANTITY = 1_000_000_000;

interface QuantityRule {
  /** The smallest allowed value (0 for a count, 1 for a movement amount, -MAX for a signed change). */
  min: number;
  label?: string;
}

export function quantitySchema({ min, label = "Quantity" }: QuantityRule) {
  return z
    .union([z.number(), z.string().trim()], { error: `${label}: enter a whole number.` })
    .transform((value, ctx) => {
      const text = typeof value === "number" ? String(value) : value;
      if (!/^-?\d+$/.test(text)) {
        ctx.addIssue({ code: "custom", message: `${label}: enter a whole number (no decimals or letters).` });
        return z.NEVER;
      }
      const number = Number(text);
      if (!Number.isSafeInteger(number) || Math.abs(number) > MAX_QUANTITY) {
        ctx.addIssue({
          code: "custom",
          message: `${label}: enter a number up to ${MAX_QUANTITY.toLocaleString("en-US")}.`,
        });
        return z.NEVER;
      }
      if (number < min) {
        ctx.addIssue({
          code: "custom",
          message: min === 1 ? `${label}: enter at least 1.` : `${label}: enter ${min} or more.`,
        });
        return z.NEVER;
      }
      return number;
    });
}
