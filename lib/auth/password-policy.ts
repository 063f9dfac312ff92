// The password rule for every place a password is chosen (registration, invitation, reset, change, temporary
// passwords): 8–128 characters and not one of the passwords attackers try first. Pure: forms and tests use it.
import { z } from "zod";
import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

const common = new Set(COMMON_PASSWORDS);

export function isCommonPassword(password: string): boolean {
  return common.has(password.toLowerCase());
}

/** A new password. Not trimmed: spaces are characters like any other. */
export const newPasswordSchema = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .refine(
    (password) => !isCommonPassword(password),
    "That password is too common. Choose one that is harder to guess.",
  );

/** An existing password being checked (sign-in, re-confirmation): only bounded, never judged. */
export const currentPasswordSchema = z
  .string()
  .min(1, "Enter your password.")
  .max(PASSWORD_MAX, "Enter your password.");
