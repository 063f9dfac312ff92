// The fields of the location forms, shared by the domain functions (server) and their forms (client). Pure.
import { optionalSingleLineText, singleLineText } from "../fields";

/** A location's name: one line (it ends up in messages, CSV cells and emails), unique per company. */
export const locationNameSchema = singleLineText({ missing: "Enter a name.", max: 80 });

/** An optional short code printed on labels, e.g. "WH" or "A-12"; blank means none. */
export const locationCodeSchema = optionalSingleLineText({ max: 32 });

export { locationIdSchema } from "../fields";

export const DUPLICATE_NAME_MESSAGE = "Another location of your company already has this name.";
