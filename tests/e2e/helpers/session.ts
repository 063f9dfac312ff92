// Signing in, the one module every spec does it through (docs/architecture.md §10).
// - `signIn` sends what the sign-in form sends (next-auth's credentials callback, with its CSRF token) from the
//   page's browser context, so the context holds the same session and device cookies, without loading the form:
//   most specs need a signed-in browser, not the form, and a page load in a new context is the slowest step of a
//   test. With `landsOn` it then opens /start, which sends each person home, and checks where it went.
// - `signInWithForm` and `fillSignIn` use the form itself: for the specs about it (a refused password, a lock-out,
//   where it sends someone) and about what the page does at sign-in (the device's queued requests, its caches).
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

/** Opens /login, signs in with the form and waits until the app has left /login; `landsOn` also checks where. */
export async function signInWithForm(page: Page, who: Credentials, options: { landsOn?: RegExp } = {}) {
  await page.goto("/login");
  await fillSignIn(page, who);
  await expect(page).not.toHaveURL(/\/login/, { timeout: SIGN_IN_TIMEOUT });
  if (options.landsOn) await expect(page).toHaveURL(options.landsOn, { timeout: SIGN_IN_TIMEOUT });
}

/**
 * Signs the page's browser context in as the form would (next-auth's credentials callback answers the form's
 * `json` request with the URL to go to, naming the error when it refused). Without `landsOn` the page stays where
 * it was: the caller opens the page it tests.
 */
export async function signIn(page: Page, who: Credentials, options: { landsOn?: RegExp } = {}) {
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const answer = await page.request.post("/api/auth/callback/credentials", {
    form: { email: who.email, password: who.password, csrfToken, json: "true" },
    timeout: SIGN_IN_TIMEOUT,
  });
  expect(answer.ok(), `sign-in of ${who.email} answers`).toBe(true);
  const { url } = (await answer.json()) as { url: string };
  expect(new URL(url, answer.url()).searchParams.get("error"), `sign-in of ${who.email}`).toBeNull();
  if (options.landsOn) {
    await page.goto("/start");
    await expect(page).toHaveURL(options.landsOn, { timeout: SIGN_IN_TIMEOUT });
  }
}
