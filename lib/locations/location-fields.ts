// The fields of the location forms, shared by the domain functions (server) and their forms (client). Pure.
import { z } from "zod";

/** A location's name: one line (it ends up in messages, CSV cells and emails), unique per company. */
export const locationNameSchema = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(80, "Use at most 80 characters.")
  .regex(/^[^\p{Cc}]*$/u, "Use a single line without control characters.");

/** An optional short code printed on labels, e.g. "WH" or "A-12"; blank means none. */
export const locationCodeSchema = z
  .string()
  .trim()
  .max(32, "Use at most 32 characters.")
  .regex(/^[^\p{Cc}]*$/u, "Use a single line without control characters.")
  .optional()
  .nullable()
  .transform((value) => (value ? value : null));

/** Lower-cased like the database's uuid text, which the stock code keys its maps by. */
export const locationIdSchema = z.uuid({ error: "That location was not found." }).transform((s) => s.toLowerCase());

export const DUPLICATE_NAME_MESSAGE = "Another location of your company already has this name.";
