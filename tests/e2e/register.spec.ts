import { expect, test, type Page } from "@playwright/test";
import { emailsTo, waitForEmail } from "./helpers/mail";
import { fillSignIn } from "./helpers/session";

// Seeded by the e2e server (prisma/seed.ts): a platform administrator who belongs to no company.
const PLATFORM_ADMIN = { email: "platform@stockflow.example", password: "stockflow-demo" };
const PASSWORD = "amber-falcon-orchard-17";
const EMAIL_TAKEN = "An account with this email already exists. Sign in, or ask that company's admin to invite you.";

// The form picks the browser's time zone: give the browser one that is not the server's default.
test.use({ timezoneId: "Europe/Berlin" });

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
  const since = Date.now();
  await page.getByRole("button", { name: "Create company account" }).click();
  await expect(page).toHaveURL(/\/company-status$/);
  await expect(page.getByRole("heading", { name: "Waiting for approval" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(owner.companyName);

  // The only email so far is the link that confirms the owner's address; the platform hears of nothing yet.
  await expect(page.getByRole("status").filter({ hasText: "Confirm your email address" })).toContainText(owner.email);
  const confirmation = await waitForEmail(owner.email, since);
  expect(confirmation.subject).toBe("Confirm your StockFlow email address");
  const confirmLink = confirmation.links.find((href) => new URL(href).pathname.startsWith("/confirm-email/"));
  expect(confirmLink, "a confirmation link in the email").toBeDefined();
  const waitingSubject = `${owner.companyName} is waiting for approval`;
  expect(emailsTo(PLATFORM_ADMIN.email, since).filter((mail) => mail.subject === waitingSubject)).toEqual([]);
  // A new link on request replaces the first one.
  await page.getByRole("button", { name: "Send a new confirmation link" }).click();
  await expect(page.getByText(`A new link is on its way to ${owner.email}.`)).toBeVisible();
  await expect.poll(() => emailsTo(owner.email, since).length).toBe(2);
  const newest = emailsTo(owner.email, since)[0]!.links.find((href) => href.includes("/confirm-email/"))!;
  expect(newest).not.toBe(confirmLink);
  await page.goto(new URL(confirmLink!).pathname);
  await expect(page.getByText("This confirmation link was already used, or a newer one replaced it.")).toBeVisible();

  // Opening the newest link and pressing the button confirms the address: now the platform administrators are told.
  await page.goto(new URL(newest).pathname);
  await page.getByRole("button", { name: "Confirm email address" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your email address is confirmed:" })).toHaveText(
    `Your email address is confirmed: ${owner.email}.`,
  );
  // Other runs' sign-ups may notify the same administrator meanwhile: this company's notice, exactly once.
  await expect
    .poll(() => emailsTo(PLATFORM_ADMIN.email, since).filter((mail) => mail.subject === waitingSubject).length)
    .toBe(1);
  await page.getByRole("link", { name: "Continue to StockFlow" }).click();
  await expect(page).toHaveURL(/\/company-status$/);
  await expect(page.getByText("Confirm your email address")).toHaveCount(0);

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
  await admin.goto("/login");
  await fillSignIn(admin, PLATFORM_ADMIN);
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
  await admin.getByRole("button", { name: "Apply" }).click();
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
  await ownerPage.goto("/login");
  await fillSignIn(ownerPage, { email: owner.email, password: PASSWORD });
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
