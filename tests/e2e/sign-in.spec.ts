import { expect, test, type Page } from "@playwright/test";
import { queryE2eDatabase } from "./helpers/db";
import { openMenu } from "./helpers/live";
import { fillSignIn } from "./helpers/session";

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
  await expect(page.getByRole("main").getByText(/Northwind Supplies · signed in as Alice Admin/)).toBeVisible();
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
    // The navigation collapses into a menu button; Escape closes it again.
    await expect(page.getByRole("button", { name: /menu/i })).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("link", { name: "Products", exact: true })).toBeHidden();
    const menu = await openMenu(page);
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await menu.click();
  }
  // Admin-only entries are offered to the admin.
  await expect(page.getByRole("link", { name: "Users", exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login\?notice=signed-out$/);
  await expect(page.getByText("You are signed out.")).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard/);
});

test("staff do not see admin navigation", async ({ page, isMobile }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("staff@northwind.example");
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/requests$/);
  await page.goto("/dashboard");
  if (isMobile) await openMenu(page);
  await expect(page.getByRole("link", { name: "Products", exact: true }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Users", exact: true })).toHaveCount(0);
  await expect(page.getByRole("main").getByText(/\(Staff\)/)).toBeVisible();
});

test("an unknown page shows a friendly 404 once signed in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("a spoofed X-Forwarded-For does not change the address that sign-in limits and audits", async ({
  page,
}, testInfo) => {
  const email = `nobody-${testInfo.project.name}-${Date.now()}@spoof.example`;
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": "6.6.6.6" });
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a guess");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();

  const rows = await queryE2eDatabase<{ ip: string }>(
    "SELECT ip FROM platform_audit_logs WHERE email = $1 AND action = 'auth.login_failed'",
    [email],
  );
  expect(rows).toEqual([{ ip: "127.0.0.1" }]);
});

test("a browser that signed in before still signs in after another browser's wrong passwords locked the account", async ({
  browser,
}, testInfo) => {
  // Seven password checks at production cost, on a shared machine.
  test.slow();
  // An account of this test's own (Northwind staff, the demo password), so the lock-out touches no other test.
  const email = `lockout-${testInfo.project.name}-${Date.now()}@northwind.example`;
  await queryE2eDatabase(
    `WITH person AS (
       INSERT INTO users (id, email, name, password_hash, updated_at)
       SELECT gen_random_uuid(), $1, 'Lee Lockout', password_hash, now() FROM users WHERE email = $2
       RETURNING id)
     INSERT INTO memberships (id, company_id, user_id, role, active, created_at, updated_at)
     SELECT gen_random_uuid(), c.id, person.id, 'STAFF', true, now(), now()
       FROM companies c, person WHERE c.slug = 'northwind'`,
    [email, ADMIN.email],
  );
  // One try on the sign-in form the page shows.
  // Waits for the answer, so a message still on screen from the previous try is not mistaken for this one's.
  const signIn = (page: Page, password: string) =>
    Promise.all([
      page.waitForResponse((response) => response.url().includes("/api/auth/callback/credentials")),
      fillSignIn(page, { email, password }),
    ]);

  // The owner signs in once: the browser keeps a device cookie (HttpOnly), and keeps it after the session ends.
  const owner = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const ownerPage = await owner.newPage();
  await ownerPage.goto("/login");
  await signIn(ownerPage, ADMIN.password);
  // Staff land on their requests (lib/auth/home.ts).
  await expect(ownerPage).toHaveURL(/\/requests$/);
  const device = (await owner.cookies()).find((cookie) => cookie.name === "stockflow-device");
  expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  await owner.clearCookies({ name: "next-auth.session-token" });

  // Another browser guesses: four wrong answers, then the fifth locks the account; the right password is refused too.
  const attacker = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const attackerPage = await attacker.newPage();
  await attackerPage.goto("/login");
  for (let i = 1; i < 5; i++) {
    await signIn(attackerPage, `guess ${i}`);
    await expect(attackerPage.getByText("That email and password do not match an account.")).toBeVisible();
  }
  const locked = attackerPage.getByText(/^Too many attempts\. Try again in \d+ s\.$/);
  await signIn(attackerPage, "guess 5");
  await expect(locked).toBeVisible();
  const seconds = Number((await locked.textContent())!.match(/in (\d+) s/)![1]);
  expect(seconds).toBeGreaterThan(800);
  expect(seconds).toBeLessThanOrEqual(900);
  await signIn(attackerPage, ADMIN.password);
  await expect(locked).toBeVisible();
  await expect(attackerPage).toHaveURL(/\/login$/);

  // The owner's browser is not locked out.
  await ownerPage.goto("/login");
  await signIn(ownerPage, ADMIN.password);
  await expect(ownerPage).toHaveURL(/\/requests$/);
  await ownerPage.goto("/dashboard");
  await expect(ownerPage.getByRole("main").getByText(/signed in as Lee Lockout/)).toBeVisible();
  await owner.close();
  await attacker.close();
});
