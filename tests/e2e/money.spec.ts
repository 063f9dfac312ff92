// Who sees money (issue 12, item 10): an admin decides on the settings page whether staff see cost prices and stock
// values; a staff member then finds no cost and no value on a product, their restock request or the dashboard while
// it is off, and finds them once it is on. The demo company starts with them hidden (a new company's default).
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./helpers/csp";
import { queryE2eDatabase } from "./helpers/db";
import { NORTHWIND_ADMIN, NORTHWIND_STAFF, stockedDemoProduct } from "./helpers/live";
import { signIn } from "./helpers/session";

const MONEY = /\bcost\b|\bvalue\b/i;

async function signedIn(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, who);
  return page;
}

async function setStaffSeeMoney(admin: Page, on: boolean) {
  await admin.goto("/settings");
  const form = admin.getByRole("form", { name: "Company settings" });
  await form.getByLabel(/Staff see cost prices and stock values/).setChecked(on);
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("status")).toHaveText("Settings saved.");
  await admin.reload();
  await expect(form.getByLabel(/Staff see cost prices and stock values/)).toBeChecked({ checked: on });
}

/** A restock request the demo staff member made (the seed makes several). */
async function staffRestock(): Promise<string> {
  const rows = await queryE2eDatabase<{ id: string }>(
    `SELECT o.id::text FROM order_requests o
       JOIN users u ON u.id = o.requester_id AND u.email = $1
      WHERE o.type = 'RESTOCK'
      ORDER BY o.number LIMIT 1`,
    [NORTHWIND_STAFF.email],
  );
  expect(rows, "a restock request by the demo staff member").toHaveLength(1);
  return rows[0]!.id;
}

test("staff see no cost or value while the company hides money, and see them once an admin allows it", async ({
  browser,
}) => {
  // Two people, three pages each, the setting saved three times: more than one page's budget on a busy machine.
  test.slow();
  const product = await stockedDemoProduct();
  const restockId = await staffRestock();
  const admin = await signedIn(browser, NORTHWIND_ADMIN);
  const staff = await signedIn(browser, NORTHWIND_STAFF);
  const main = staff.locator("main");

  await setStaffSeeMoney(admin, false);
  await staff.goto(`/products/${product.id}`);
  await expect(staff.getByRole("heading", { level: 1, name: product.name })).toBeVisible();
  await expect(main.getByText("Sale price")).toBeVisible();
  await expect(main).not.toContainText(MONEY);
  await staff.goto("/dashboard");
  await expect(staff.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(main.getByText("Low stock", { exact: true })).toBeVisible();
  await expect(main).not.toContainText(MONEY);
  await staff.goto(`/requests/${restockId}`);
  await expect(main.getByRole("heading", { name: "Products" })).toBeVisible();
  await expect(main).not.toContainText(MONEY);
  await expect(main.getByRole("columnheader", { name: "Unit price" })).toHaveCount(0);

  await setStaffSeeMoney(admin, true);
  await staff.goto(`/products/${product.id}`);
  await expect(main.getByText("Cost price")).toBeVisible();
  await staff.goto("/dashboard");
  await expect(main.getByText("Stock value at cost")).toBeVisible();

  // The demo goes back to its default for the specs after this one.
  await setStaffSeeMoney(admin, false);
  await staff.reload();
  await expect(main.getByText("Low stock", { exact: true })).toBeVisible();
  await expect(main).not.toContainText(MONEY);
});
