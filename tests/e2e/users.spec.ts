import { expect, test, type TestInfo } from "@playwright/test";
import { waitForEmail } from "./helpers/mail";
import { fillSignIn } from "./helpers/session";

// Demo data seeded by the e2e server (prisma/seed.ts).
const ADMIN = { email: "admin@northwind.example", password: "stockflow-demo" };
const STAFF = { email: "staff@northwind.example", password: "stockflow-demo" };
const NEW_PASSWORD = "amber-falcon-ledger-17";

/** The path of the newest invitation link emailed to `email`, read from the email as the invitee gets it. */
async function invitationPath(email: string, since: number): Promise<string> {
  const mail = await waitForEmail(email, since);
  const link = mail.links.find((href) => new URL(href).pathname.startsWith("/invite/"));
  expect(link, `an invitation link in the email to ${email}`).toBeDefined();
  return new URL(link!).pathname;
}

function uniqueEmail(label: string, testInfo: TestInfo): string {
  return `${label}-${testInfo.project.name}-${Date.now().toString(36)}@e2e.example`;
}

test("an admin invites a new staff member, who joins with the emailed link", async ({ page }, testInfo) => {
  const email = uniqueEmail("invitee", testInfo);
  const since = Date.now() - 1_000;
  await page.goto("/login");
  await fillSignIn(page, ADMIN);
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  const invite = page.getByRole("form", { name: "Invite by email" });
  await invite.getByLabel("Email").fill(email);
  await invite.getByLabel("Role").selectOption("STAFF");
  await invite.getByRole("button", { name: "Send invitation" }).click();
  await expect(invite.getByRole("status")).toContainText(`Invitation sent to ${email} as Staff`);
  const pending = page.getByRole("region", { name: /Pending invitations/ });
  const invitation = pending.getByRole("listitem").filter({ hasText: email });
  await expect(invitation).toContainText(/Staff\s*Invitation pending · expires/);
  await expect(invitation.getByRole("button", { name: `Revoke the invitation to ${email}` })).toBeVisible();

  const link = await invitationPath(email, since);
  expect(link).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);

  // The invitee's browser: nobody signed in.
  await page.context().clearCookies();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Join Northwind Supplies" })).toBeVisible();
  await expect(page.getByText(/Alice Admin invited/)).toBeVisible();
  await page.getByLabel("Your name").fill("Ezra Invitee");
  await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm password").fill(`${NEW_PASSWORD}-typo`);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page.getByText("The two passwords do not match.")).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveValue("Ezra Invitee");

  await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("Confirm password").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Create account and join" }).click();
  await expect(page).toHaveURL(/\/requests$/);
  await page.goto("/dashboard");
  await expect(
    page.getByRole("main").getByText(/Northwind Supplies · signed in as Ezra Invitee \(Staff\)/),
  ).toBeVisible();

  // The link worked once.
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This invitation link is not valid" })).toBeVisible();
});

test("an admin adds someone with a temporary password, who must change it at first sign-in", async ({
  page,
}, testInfo) => {
  const email = uniqueEmail("temp", testInfo);
  const temporary = "cobalt-meadow-ticket-58";
  await page.goto("/login");
  await fillSignIn(page, ADMIN);
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto("/users");
  const create = page.getByRole("form", { name: "Add with a temporary password" });
  await create.getByLabel("Email").fill(email);
  await create.getByLabel("Name").fill("Tess Temporary");
  await create.getByLabel("Role").selectOption("STAFF");
  await create.getByLabel("Temporary password").fill(temporary);
  await create.getByRole("button", { name: "Create account" }).click();
  await expect(create.getByRole("status")).toContainText(`Account created for Tess Temporary (${email}) as Staff`);

  const members = page.getByRole("region", { name: /Members/ });
  const row = members.getByRole("listitem").filter({ hasText: email });
  await expect(row.locator("span", { hasText: /^Temporary password$/ })).toBeVisible();

  // The same email again: that person has an account now.
  await create.getByLabel("Email").fill(email);
  await create.getByLabel("Name").fill("Tess Again");
  await create.getByLabel("Temporary password").fill(temporary);
  await create.getByRole("button", { name: "Create account" }).click();
  await expect(create.getByText("This person already has an account: invite them instead.")).toBeVisible();

  await page.context().clearCookies();
  await page.goto("/login");
  await fillSignIn(page, { email, password: temporary });
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(
    page.getByText("You signed in with a temporary password. Choose your own before you continue."),
  ).toBeVisible();

  // Nothing else is reachable until the password is changed.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/change-password$/);

  const chosen = `${temporary}-mine`;
  await page.getByLabel("Current password").fill(temporary);
  await page.getByLabel("New password", { exact: true }).fill(chosen);
  await page.getByLabel("Repeat the new password").fill(chosen);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/requests$/);
  await page.goto("/dashboard");
  await expect(page.getByRole("main").getByText(/signed in as Tess Temporary \(Staff\)/)).toBeVisible();

  await page.context().clearCookies();
  await page.goto("/login");
  await fillSignIn(page, { email, password: temporary });
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await page.goto("/login");
  await fillSignIn(page, { email, password: chosen });
  await expect(page).toHaveURL(/\/requests$/);
});

test("staff are told plainly that only admins manage users", async ({ page }) => {
  await page.goto("/login");
  await fillSignIn(page, STAFF);
  await expect(page).toHaveURL(/\/requests$/);
  const response = await page.goto("/users");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Only admins manage users" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Invite by email" })).toHaveCount(0);
});

test("the users page fits a phone screen without sideways scrolling", async ({ page }) => {
  await page.goto("/login");
  await fillSignIn(page, ADMIN);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/users");
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
