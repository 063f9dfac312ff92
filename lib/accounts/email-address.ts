// The one way an email address is taken from input. Emails are stored lower-cased and trimmed (a CHECK on
// users.email holds it), so the input is normalised before its format is checked: " Ann@Example.com " is
// ann@example.com, not an error. Pure: forms, domain functions and scripts share it.
import { z } from "zod";

export const emailAddressSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .max(254, "Use at most 254 characters.")
  .pipe(z.email("Enter a valid email address."));
