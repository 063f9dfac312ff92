import { expect, test } from "@playwright/test";

// Demo data seeded by the e2e server (prisma/seed.ts).
const ADMIN = { email: "admin@northwind.example", password: "stockflow-demo" };

test("a signed-out visitor to a private page signs in and lands back on it", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard/);

  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();

  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByText("Northwind Supplies").first()).toBeVisible();
});

test("an absolute callbackUrl is not followed after sign-in", async ({ page }) => {
  await page.goto("/login?callbackUrl=https%3A%2F%2Fevil.example%2F");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/dashboard$/);
});

test("navigation works and signing out ends the session", async ({ page, isMobile }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  if (isMobile) {
    const menu = page.getByRole("button", { name: /menu/i });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
  }
  // Admin-only entries are offered to the admin.
  await expect(page.getByRole("link", { name: "Users" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Audit log" })).toBeVisible();

  if (isMobile) await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Sign out" }).first().click({ force: isMobile });
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard/);
});

test("staff do not see admin navigation", async ({ page, isMobile }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("staff@northwind.example");
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  if (isMobile) await page.getByRole("button", { name: /menu/i }).click();
  await expect(page.getByRole("link", { name: "Requests" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
});
