import { expect, test } from "./helpers/csp";

test("the landing page leads to the sign-in page", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Inventory and approvals");
  await page.getByRole("link", { name: "Sign in" }).first().click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Sign in to StockFlow" })).toBeVisible();
  await expect(page.getByLabel("Email")).toBeVisible();
  await expect(page.getByLabel("Password")).toBeVisible();
});

test("a private page sends a signed-out visitor to sign in, keeping where they were going", async ({ page }) => {
  await page.goto("/requests/0193a7c2-1111-7000-8000-000000000000");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Frequests%2F0193a7c2-1111-7000-8000-000000000000$/);
  await expect(page.getByRole("heading", { name: "Sign in to StockFlow" })).toBeVisible();
});

test("pages fit a phone screen without sideways scrolling", async ({ page }) => {
  for (const path of ["/", "/login"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
  }
});
