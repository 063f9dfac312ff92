import { expect, test } from "@playwright/test";
import { queryE2eDatabase } from "./helpers/db";
import { NORTHWIND_MANAGER, openMenu } from "./helpers/live";
import { signIn } from "./helpers/session";

// Sign-out ends the session on the server (docs/architecture.md §8): a cookie captured before it opens no page and
// performs no write afterwards. The manager signs out only this session, so parallel tests keep theirs.
test("a session cookie captured before sign-out opens no page and performs no write after it", async ({
  context,
  page,
  isMobile,
}) => {
  await signIn(page, NORTHWIND_MANAGER);
  await page.goto("/profile");
  await expect(page.getByText("This device", { exact: true })).toBeVisible();
  const captured = (await context.cookies()).filter((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(captured).toHaveLength(1);
  const storedName = async () =>
    (await queryE2eDatabase<{ name: string }>("SELECT name FROM users WHERE email = $1", [NORTHWIND_MANAGER.email]))[0]
      ?.name;
  const nameBefore = await storedName();
  expect(nameBefore).toBeTruthy();

  // Signing out in another tab; the profile stays open in this one, its forms ready.
  const other = await context.newPage();
  await other.goto("/dashboard");
  if (isMobile) await openMenu(other);
  await other.getByRole("button", { name: "Sign out" }).click();
  await expect(other).toHaveURL(/\/login\?notice=signed-out$/);
  await other.close();

  // Whoever kept the cookie puts it back.
  await context.addCookies(captured);
  // The action's own answer, read on its way (the page then moves on to the sign-in page).
  let answer = "";
  await page.route("**/profile", async (route) => {
    if (route.request().method() !== "POST") return route.fallback();
    const response = await route.fetch();
    answer = await response.text();
    await route.fulfill({ response, body: answer });
  });
  await page.getByLabel("Name").fill("Mallory Was Here");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect.poll(() => answer).toContain("UNAUTHENTICATED");
  expect(await storedName()).toBe(nameBefore);

  await page.goto("/profile");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fprofile$/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});
