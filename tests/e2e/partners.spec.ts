// The supplier and customer directories (issue 15, item 2; docs/architecture.md §5 "Partners"): on a phone a manager
// adds a supplier, the name refused as one the directory has in another letter case and then corrected without
// retyping the rest, finds it in the list and opens its page, and a supplier's page with requests shows them and
// their totals; at a desk a manager imports a file of customers after checking it, and exports the directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./helpers/csp";
import { queryE2eDatabase } from "./helpers/db";
import { signIn } from "./helpers/session";

// Demo data seeded by the e2e server (prisma/seed.ts): Northwind's manager, its supplier "Brightline Wholesale", and
// restocks that name its suppliers.
const MANAGER = { email: "manager@northwind.example", password: "stockflow-demo" };

/** Unique per run and per project (desktop and phone run against one database). */
const stampOf = (testInfo: TestInfo) => `${testInfo.project.name}-${Date.now().toString(36)}`.toUpperCase();

/** That the page is laid out no wider than each phone width (a phone zooms out a page wider than its screen). */
async function fitsPhones(page: Page) {
  for (const width of [390, 360]) {
    await page.setViewportSize({ width, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${page.url()} at ${width} px`).toBe(width);
  }
  await page.setViewportSize({ width: 390, height: 844 });
}

test("@phone a manager adds a supplier on a phone: a name taken in another letter case, corrected, then found and opened", async ({
  page,
}, testInfo) => {
  test.slow();
  const stamp = stampOf(testInfo);
  const name = `Brightline Wholesale North ${stamp}`;
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, MANAGER);
  await page.goto("/dashboard");

  // Through the menu, as on a phone.
  await page.getByRole("button", { name: /Open menu/ }).click();
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Suppliers" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Suppliers" })).toBeVisible();
  await fitsPhones(page);
  await page.getByRole("link", { name: "Add supplier" }).click();
  await expect(page).toHaveURL(/\/suppliers\/new$/);

  const form = page.getByRole("form", { name: "New supplier" });
  const nameField = form.getByLabel("Name", { exact: true });
  await nameField.fill("BRIGHTLINE wholesale");
  await form.getByLabel("Contact person").fill("Priya Shah");
  await form.getByLabel("Email").fill("Orders@Brightline-North.test");
  await form.getByLabel("Phone").fill("+44 161 496 0100");
  await form.getByLabel("Notes").fill("Account 4411.\nDeliveries before noon.");
  await fitsPhones(page);
  await form.getByRole("button", { name: "Add supplier" }).click();

  // Refused beside the name; what was typed is still there.
  await expect(nameField).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText(/Another supplier is already called “Brightline Wholesale” \(letter case/)).toBeVisible();
  await expect(nameField).toHaveValue("BRIGHTLINE wholesale");
  await expect(form.getByLabel("Contact person")).toHaveValue("Priya Shah");
  await expect(form.getByLabel("Email")).toHaveValue("Orders@Brightline-North.test");
  await expect(form.getByLabel("Phone")).toHaveValue("+44 161 496 0100");
  await expect(form.getByLabel("Notes")).toHaveValue("Account 4411.\nDeliveries before noon.");

  await nameField.fill(name);
  await expect(nameField).not.toHaveAttribute("aria-invalid", "true");
  await form.getByRole("button", { name: "Add supplier" }).click();
  await expect(page).toHaveURL(/\/suppliers\/[0-9a-f-]{36}\?notice=created$/);
  await expect(page.getByRole("status").filter({ hasText: "Added to the directory." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  // The address as stored: lower-cased.
  await expect(page.getByRole("link", { name: "orders@brightline-north.test" })).toHaveAttribute(
    "href",
    "mailto:orders@brightline-north.test",
  );
  await expect(page.getByText(`No requests name this supplier yet.`)).toBeVisible();

  // On the list, found by its contact's name.
  await page.goto("/suppliers");
  await page.getByRole("searchbox", { name: "Search" }).fill("priya shah");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/\/suppliers\?q=priya\+shah&/);
  const cards = page.getByRole("list", { name: "Suppliers" });
  const card = cards.getByRole("listitem").filter({ hasText: name });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Priya Shah");
  await expect(card).toContainText("0 open requests");
  await card.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await fitsPhones(page);

  // The demo supplier the most restocks name: its requests, newest first, and how many there are.
  const [busiest] = await queryE2eDatabase<{ id: string; name: string; numbers: number[] }>(
    `SELECT s.id::text, s.name, array_agg(o.number ORDER BY o.created_at DESC, o.id DESC) AS numbers
       FROM suppliers s JOIN companies c ON c.id = s.company_id
       JOIN order_requests o ON o.company_id = s.company_id AND o.supplier_id = s.id
      WHERE c.slug = 'northwind'
      GROUP BY s.id, s.name
      ORDER BY count(*) DESC, s.name
      LIMIT 1`,
  );
  expect(busiest, "the demo's restocks name a supplier").toBeTruthy();
  await page.goto(`/suppliers?q=${encodeURIComponent(busiest!.name)}`);
  await page.getByRole("list", { name: "Suppliers" }).getByRole("link", { name: busiest!.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: busiest!.name })).toBeVisible();
  const requests = page.getByRole("list", { name: "Requests" });
  await expect(requests.getByRole("listitem")).toHaveCount(Math.min(busiest!.numbers.length, 10));
  await expect(requests.getByRole("listitem").first()).toContainText(
    `REQ-${String(busiest!.numbers[0]).padStart(6, "0")}`,
  );
  const totals = page.locator("dl").filter({ has: page.getByRole("term").filter({ hasText: /^Requests$/ }) });
  await expect(totals.getByRole("definition").first()).toHaveText(String(busiest!.numbers.length));
  await fitsPhones(page);
});

/** Writes `lines` as a CSV file (CRLF, as spreadsheets save it) in a fresh temporary folder. */
function csvFile(name: string, lines: string[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stockflow-partners-")), name);
  fs.writeFileSync(file, `${lines.join("\r\n")}\r\n`);
  return file;
}

test("@desktop a manager imports three customers from a checked file and exports the directory", async ({
  page,
}, testInfo) => {
  const stamp = stampOf(testInfo);
  const rows = [
    `Harbour Café ${stamp},Ana Lopes,ana@harbour.test,+44 161 496 0100,"Deliver to the back, after 10",no`,
    `Mill Lane Deli ${stamp},,deli@mill-lane.test,,,no`,
    `Quayside Bistro ${stamp},Tom Reed,,0161 496 0102,,no`,
  ];
  await signIn(page, MANAGER);
  await page.goto("/customers");
  await expect(page.getByRole("heading", { level: 1, name: "Customers" })).toBeVisible();
  await page.getByRole("link", { name: "Import / export CSV" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import and export customers" })).toBeVisible();

  const form = page.getByRole("form", { name: "Import customers" });
  const fileName = `customers-${stamp}.csv`;
  await form
    .getByLabel("CSV file")
    .setInputFiles(csvFile(fileName, ["name,contact_name,email,phone,notes,archived", ...rows]));
  await form.getByRole("button", { name: "Check file" }).click();
  const preview = page.getByRole("region", { name: `Preview of ${fileName}` });
  await expect(preview).toContainText("3 rows — 3 new customers, 0 changed, 0 unchanged");
  await expect(preview.getByRole("listitem").filter({ hasText: `Harbour Café ${stamp}` })).toContainText(
    "New customer",
  );
  const section = page.getByRole("region", { name: "Import", exact: true });
  await section.getByRole("button", { name: "Import 3 customers" }).click();
  await expect(section.getByRole("status")).toHaveText(
    `Imported ${fileName}: 3 new customers, 0 changed, 0 unchanged.`,
  );

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download customers (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^customers-northwind[\w-]*-\d{4}-\d{2}-\d{2}\.csv$/);
  const exported = fs.readFileSync((await download.path())!, "utf8");
  expect(exported.startsWith("\uFEFFname,contact_name,email,phone,notes,archived\r\n")).toBe(true);
  // As imported; a phone number starting with + is guarded against spreadsheet formulas (the import drops the ').
  expect(exported).toContain(
    `\r\nHarbour Café ${stamp},Ana Lopes,ana@harbour.test,'+44 161 496 0100,"Deliver to the back, after 10",no\r\n`,
  );
  expect(exported).toContain(`\r\nMill Lane Deli ${stamp},,deli@mill-lane.test,,,no\r\n`);
  expect(exported).toContain(`\r\nQuayside Bistro ${stamp},Tom Reed,,0161 496 0102,,no\r\n`);
  // The demo's customers are in it too.
  expect(exported).toContain("\r\nHarbour Builders,");

  // And in the directory.
  await page.goto(`/customers?q=${encodeURIComponent(stamp)}`);
  const table = page.getByRole("table", { name: "Customers, by name" });
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(table.getByRole("row", { name: new RegExp(`Quayside Bistro ${stamp}`) })).toContainText("Tom Reed");
});
