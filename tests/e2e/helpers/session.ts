// Signing in through the sign-in form (components/auth/login-form.tsx), the one way every spec does it
// (docs/architecture.md §10).
import { expect, type Page } from "@playwright/test";

export interface Credentials {
  email: string;
  password: string;
}

/** Where a member lands after a sign-in without a callbackUrl (docs/architecture.md §3, "Landing"). */
export const HOME = /\/(dashboard|requests)$/;

// Signing in hashes a password: slow on a loaded machine.
const SIGN_IN_TIMEOUT = 30_000;

/**
 * Fills the sign-in form of the page it is on and submits it; waits for nothing. For the specs about the form
 * itself (a refused password, a lock-out) or where it sends someone (a callbackUrl). The password field is matched
 * by its whole label, "Password", so no other label that contains the word can match.
 */
export async function fillSignIn(page: Page, who: Credentials) {
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Opens /login, signs in and waits until the app has left /login; `landsOn` also checks where it went. */
export async function signIn(page: Page, who: Credentials, options: { landsOn?: RegExp } = {}) {
  await page.goto("/login");
  await fillSignIn(page, who);
  await expect(page).not.toHaveURL(/\/login/, { timeout: SIGN_IN_TIMEOUT });
  if (options.landsOn) await expect(page).toHaveURL(options.landsOn, { timeout: SIGN_IN_TIMEOUT });
}
