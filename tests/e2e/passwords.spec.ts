import { expect, test } from "@playwright/test";
import { waitForEmail } from "./helpers/mail";
import { fillSignIn } from "./helpers/session";

// Demo people no other spec signs in as, one per project, since both projects share one database.
const PERSON = { desktop: "staff2@acme.example", phone: "staff2@northwind.example" } as const;

test("a forgotten password is reset from the emailed link, which works once", async ({ page }, testInfo) => {
  const email = PERSON[testInfo.project.name as keyof typeof PERSON];
  const newPassword = `reset via email ${testInfo.project.name}`;
  const since = Date.now() - 1_000;

  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText(/If an account uses that address, we have sent it a link/)).toBeVisible();

  const mail = await waitForEmail(email, since);
  const link = mail.links.find((href) => href.includes("/reset-password/"));
  expect(link, "the email links to the reset page").toBeDefined();
  const resetPath = new URL(link!).pathname;

  await page.goto(resetPath);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Repeat the new password").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/login\?notice=password-reset$/);
  await expect(page.getByText("Your password was changed. Sign in with the new one.")).toBeVisible();

  await fillSignIn(page, { email, password: "stockflow-demo" });
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
  await fillSignIn(page, { email, password: newPassword });
  await expect(page).toHaveURL(/\/requests$/);

  await page.goto(resetPath);
  await expect(page.getByText("This reset link was already used.")).toBeVisible();
});

test("a deep link survives sign-in and the profile page saves a new name", async ({ page }, testInfo) => {
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fprofile$/);
  await fillSignIn(page, { email: "manager@acme.example", password: "stockflow-demo" });
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("heading", { name: "Profile" })).toBeVisible();

  const name = `Jordan Manager ${testInfo.project.name}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByText("Your name was saved.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue(name);
});
