import { expect, test, type Page } from "@playwright/test";

// Seeded by the e2e server (prisma/seed.ts): a platform administrator who belongs to no company.
const PLATFORM_ADMIN = { email: "platform@stockflow.example", password: "stockflow-demo" };
const PASSWORD = "amber-falcon-orchard-17";
const EMAIL_TAKEN = "An account with this email already exists. Sign in, or ask that company's admin to invite you.";

// The form picks the browser's time zone: give the browser one that is not the server's default.
test.use({ timezoneId: "Europe/Berlin" });

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function fillRegistration(page: Page, values: { companyName: string; name: string; email: string }) {
  await page.getByLabel("Company name").fill(values.companyName);
  await page.getByLabel("Your name").fill(values.name);
  await page.getByLabel("Email").fill(values.email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the password").fill(PASSWORD);
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(0);
}

test("a company signs up, waits for approval, is approved, suspended and reactivated by the platform administrator", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const run = `${testInfo.project.name}-${Date.now().toString(36)}`;
  const owner = { companyName: `Harbour Traders ${run}`, name: "Robin Owner", email: `robin-${run}@e2e.example` };

  // Sign up from the sign-in page's link: a new installation requires approval, so the company waits for it.
  await page.goto("/login");
  await page.getByRole("link", { name: "Create a company account" }).click();
  await expect(page).toHaveURL(/\/register$/);
  await expect(page.getByRole("heading", { name: "Create a company account" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await fillRegistration(page, owner);
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  await page.getByLabel("Currency").selectOption("EUR");
  await page.getByRole("button", { name: "Create company account" }).click();
  await expect(page).toHaveURL(/\/company-status$/);
  await expect(page.getByRole("heading", { name: "Waiting for approval" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(owner.companyName);

  // The same address again (in capitals): a field error on email, and what was typed is still there.
  await page.goto("/register");
  const again = { companyName: `Second Try ${run}`, name: "Robin Again", email: owner.email.toUpperCase() };
  await fillRegistration(page, again);
  await page.getByRole("button", { name: "Create company account" }).click();
  await expect(page.getByText(EMAIL_TAKEN)).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Company name")).toHaveValue(again.companyName);
  await expect(page).toHaveURL(/\/register$/);

  // The platform administrator (no company) lands on /platform, approves the company from the companies waiting
  // for approval (it leaves that list; the confirmation stays), then finds it and suspends it.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  // New contexts take the project's device (the phone run stays phone-sized).
  expect(admin.viewportSize()).toEqual(page.viewportSize());
  await signIn(admin, PLATFORM_ADMIN.email, PLATFORM_ADMIN.password);
  await expect(admin).toHaveURL(/\/platform$/);
  await expect(admin.getByRole("heading", { name: "Companies", exact: true })).toBeVisible();
  const decision = admin.getByRole("status", { name: "Last decision" });
  await admin.getByRole("link", { name: /waiting for approval/ }).click();
  await expect(admin).toHaveURL(/[?&]status=PENDING/);
  const waiting = admin.getByRole("listitem").filter({ hasText: owner.companyName });
  await expect(waiting).toContainText("Waiting for approval");
  await waiting.getByRole("button", { name: "Approve" }).click();
  await expect(decision).toContainText(`${owner.companyName} is now active. Its admin was emailed.`);
  await expect(waiting).toHaveCount(0);
  await expect(decision).toContainText(`${owner.companyName} is now active.`);

  // Approved, the sign-up's session reaches the dashboard as the new company's admin.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(owner.companyName);
  await expect(page.getByRole("main")).toContainText("(Admin)");

  await admin.goto("/platform");
  await admin.getByLabel("Search by name or slug").fill(owner.companyName);
  await admin.getByRole("button", { name: "Search" }).click();
  await expect(admin).toHaveURL(/[?&]q=/);
  const row = admin.getByRole("listitem").filter({ hasText: owner.companyName });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Active");
  await expect(row).toContainText("1 user · 0 products");
  await expectNoSidewaysScroll(admin);

  await row.getByRole("button", { name: "Suspend…" }).click();
  await expect(row.getByRole("button", { name: "Cancel" })).toBeFocused();
  await row.getByRole("button", { name: "Yes, suspend" }).click();
  await expect(decision).toContainText(`${owner.companyName} is now suspended. Its admin was emailed.`);
  await expect(row.getByRole("button", { name: "Reactivate" })).toBeVisible();

  // The company's admin, signing in afresh, is shown why they cannot go on.
  const ownerContext = await browser.newContext();
  const ownerPage = await ownerContext.newPage();
  await signIn(ownerPage, owner.email, PASSWORD);
  await expect(ownerPage).toHaveURL(/\/company-status$/);
  await expect(ownerPage.getByRole("heading", { name: "Company suspended" })).toBeVisible();
  await expect(ownerPage.getByRole("main")).toContainText(`${owner.companyName} is suspended: contact support`);
  await expect(ownerPage.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expectNoSidewaysScroll(ownerPage);
  // The session from sign-up is sent there too, on its next request.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/company-status$/);

  // Reactivated, the company works again; platform administration still does not exist for its admin.
  await row.getByRole("button", { name: "Reactivate" }).click();
  await expect(decision).toContainText(`${owner.companyName} is now active.`);
  await expect(row).toContainText("Active");
  await ownerPage.goto("/company-status");
  await expect(ownerPage).toHaveURL(/\/dashboard$/);
  const response = await ownerPage.goto("/platform");
  expect(response?.status()).toBe(404);
  await expect(ownerPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(ownerPage).not.toHaveTitle(/platform/i);

  await Promise.all([adminContext.close(), ownerContext.close()]);
});
