// Labels (issue 13, item 5; docs/architecture.md "Labels"): a manager ticks two products on the list and gets their
// labels, `copies` of each with SVG barcodes (EAN-13 for a valid one, Code 128 otherwise), a print view with nothing
// but the sheets, and a PDF of 25 labels on A4 21-up that is two pages; staff print a label from a product's page
// without being offered prices (the demo company hides money from staff); a location label's QR code holds the
// absolute address of the location's stocktake, which a signed-out phone opens after signing in.
import type { Page, TestInfo } from "@playwright/test";
import { isValidEan13 } from "../../lib/labels/barcode-symbology";
import { expect, test } from "./helpers/csp";
import { queryE2eDatabase } from "./helpers/db";
import { NORTHWIND_MANAGER, NORTHWIND_STAFF } from "./helpers/live";
import { signIn } from "./helpers/session";

/** A valid EAN-13 from twelve digits unique to this run: the check digit that makes it one. */
function ean13(first12: string): string {
  const code = Array.from({ length: 10 }, (_, digit) => `${first12}${digit}`).find(isValidEan13);
  if (!code) throw new Error(`no check digit for ${first12}`);
  return code;
}

/** Two products of the demo company made for this test: one with a valid EAN-13, one with no barcode at all. */
async function twoProducts(testInfo: TestInfo) {
  const stamp = `${testInfo.project.name}-${Date.now().toString(36)}`.toUpperCase();
  const digits = `${Date.now()}${testInfo.project.name === "phone" ? 1 : 2}`.slice(-12).padStart(12, "0");
  const barcode = ean13(digits);
  const rows = await queryE2eDatabase<{ id: string; name: string; sku: string }>(
    `INSERT INTO products (id, company_id, sku, name, barcode, sale_price, updated_at)
     SELECT gen_random_uuid(), c.id, v.sku, v.name, v.barcode, 12.5, now()
       FROM companies c, (VALUES ($1, $2, $3), ($4, $5, NULL)) AS v(sku, name, barcode)
      WHERE c.name = 'Northwind Supplies'
     RETURNING id::text, name, sku`,
    [`LBL-A-${stamp}`, `Label tin ${stamp}`, barcode, `LBL-B-${stamp}`, `Label bolts ${stamp}`],
  );
  expect(rows).toHaveLength(2);
  const [tin, bolts] = rows as [(typeof rows)[0], (typeof rows)[0]];
  return { stamp, tin: { ...tin, barcode }, bolts };
}

const labelsOf = (page: Page) => page.locator("[data-label]");

// Several pages, some with hundreds of SVG barcodes and a PDF each: more than one page's budget on a busy machine.
test.beforeEach(() => test.slow());

test("a manager prints labels for two ticked products: copies, barcodes, a print view without the app", async ({
  page,
}, testInfo) => {
  const { stamp, tin, bolts } = await twoProducts(testInfo);
  await signIn(page, NORTHWIND_MANAGER);
  await page.goto(`/products?q=${encodeURIComponent(stamp)}`);
  for (const product of [tin, bolts]) {
    await page
      .getByRole("checkbox", { name: `Select ${product.name} for labels` })
      .filter({ visible: true })
      .check();
  }
  await page.getByRole("button", { name: "Print labels for selected" }).click();
  await expect(page).toHaveURL(/\/labels\/products\?id=[0-9a-f-]{36}&id=[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Product labels" })).toBeVisible();
  await expect(labelsOf(page)).toHaveCount(2);

  const settings = page.getByRole("form", { name: "Label settings" });
  await settings.getByLabel("Copies of each").fill("3");
  await settings.getByLabel("Print the sale price").check();
  await settings.getByRole("button", { name: "Update preview" }).click();
  await expect(page).toHaveURL(/copies=3/);
  await expect(labelsOf(page)).toHaveCount(6);
  await expect(page.getByText("6 labels on 1 sheet.")).toBeVisible();
  // Every label has its barcode as inline SVG; the tin's own EAN-13, the bolts' SKU as Code 128.
  await expect(page.locator("[data-label] [role=img] > svg")).toHaveCount(6);
  const tinBarcodes = page.getByRole("img", { name: `EAN-13 barcode ${tin.barcode}` });
  await expect(tinBarcodes).toHaveCount(3);
  await expect(page.getByRole("img", { name: `Code 128 barcode ${bolts.sku}` })).toHaveCount(3);
  // In the list's order (by name: the bolts first), each product's copies together.
  await expect(labelsOf(page).nth(2)).toContainText(bolts.sku);
  await expect(labelsOf(page).nth(3)).toContainText(tin.name);
  await expect(labelsOf(page).nth(3)).toContainText("£12.50");
  // The labels keep to their cells: nothing drawn past a label's edge.
  for (const cell of await labelsOf(page).all()) {
    const overflow = await cell.evaluate(
      (el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1,
    );
    expect(overflow).toBe(false);
  }

  // In print only the sheets are left: no navigation, heading, settings or Print button.
  await expect(page.getByRole("button", { name: "Print labels" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" }).filter({ visible: true })).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1, name: "Product labels" })).toBeHidden();
  await expect(settings).toBeHidden();
  await expect(page.getByRole("button", { name: "Print labels" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Products" }).filter({ visible: true })).toHaveCount(0);
  await expect(tinBarcodes.first()).toBeVisible();
  // No sidebar or padding left: the content starts at the page's edge, the sheet at its real width (A4 at 96 px
  // per inch).
  expect((await page.locator("main").boundingBox())?.x).toBe(0);
  const sheet = await page.locator("[data-label-page]").first().boundingBox();
  expect(sheet?.width).toBeCloseTo((210 / 25.4) * 96, 0);
  await page.emulateMedia({ media: "screen" });
  await expect(page.getByRole("button", { name: "Print labels" })).toBeVisible();
});

test(
  "25 labels on the A4 21-up sheet print as two pages; a roll prints one label per page",
  { tag: "@desktop" },
  async ({ page }, testInfo) => {
    const { tin } = await twoProducts(testInfo);
    await signIn(page, NORTHWIND_MANAGER);
    await page.goto(`/labels/products?id=${tin.id}&preset=a4-l7160&copies=25`);
    await expect(labelsOf(page)).toHaveCount(25);
    await expect(page.getByText("25 labels on 2 sheets.")).toBeVisible();
    await expect(page.locator("[data-label-page]")).toHaveCount(2);
    await expect(page.locator("[data-label-page]").nth(1).locator("[data-label]")).toHaveCount(4);

    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString("latin1");
    expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).toHaveLength(2);
    // Every page A4: 595 × 842 points, give or take Chromium's rounding to pixels.
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(boxes).toHaveLength(2);
    for (const [, width, height] of boxes) {
      expect(Math.abs(Number(width) - 595.3)).toBeLessThan(2);
      expect(Math.abs(Number(height) - 841.9)).toBeLessThan(2);
    }

    const settings = page.getByRole("form", { name: "Label settings" });
    await settings.getByLabel("Label size").selectOption({ label: "62 mm roll, 29 mm labels" });
    await settings.getByLabel("Copies of each").fill("3");
    await settings.getByRole("button", { name: "Update preview" }).click();
    await expect(page.getByText("3 labels on the roll, one per label.")).toBeVisible();
    await expect(page.locator("[data-label-page]")).toHaveCount(3);
    const roll = (await page.pdf({ preferCSSPageSize: true })).toString("latin1");
    expect(roll.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).toHaveLength(3);
  },
);

test(
  "a refused number of copies keeps the choices and says what to fix",
  { tag: "@desktop" },
  async ({ page }, testInfo) => {
    const { tin } = await twoProducts(testInfo);
    await signIn(page, NORTHWIND_MANAGER);
    await page.goto(`/labels/products?id=${tin.id}&preset=letter-5160&copies=500&price=1`);
    const settings = page.getByRole("form", { name: "Label settings" });
    await expect(settings.getByText("Enter a whole number of copies from 1 to 100.")).toBeVisible();
    await expect(settings.getByLabel("Label size")).toHaveValue("letter-5160");
    await expect(settings.getByLabel("Print the sale price")).toBeChecked();
    await expect(labelsOf(page)).toHaveCount(0);
    await settings.getByLabel("Copies of each").fill("2");
    await settings.getByRole("button", { name: "Update preview" }).click();
    await expect(labelsOf(page)).toHaveCount(2);
    await expect(labelsOf(page).first()).toContainText("£12.50");
    await expect(page.getByText("2 labels on 1 sheet.")).toBeVisible();
  },
);

test(
  "staff print a product's label from its page, without a price where the company hides money",
  { tag: "@desktop" },
  async ({ page }, testInfo) => {
    const { tin } = await twoProducts(testInfo);
    await signIn(page, NORTHWIND_STAFF);
    await page.goto(`/products/${tin.id}`);
    await page.getByRole("link", { name: "Print label" }).click();
    await expect(page).toHaveURL(new RegExp(`/labels/products\\?id=${tin.id}$`));
    await expect(labelsOf(page)).toHaveCount(1);
    await expect(page.getByRole("img", { name: `EAN-13 barcode ${tin.barcode}` })).toBeVisible();
    await expect(page.getByLabel("Print the sale price")).toHaveCount(0);
    await page.goto(`/labels/products?id=${tin.id}&price=1`);
    await expect(labelsOf(page)).toHaveCount(1);
    await expect(labelsOf(page).first()).not.toContainText("12.50");
  },
);

test(
  "a location label's QR code opens that location's stocktake on a phone that signs in",
  { tag: "@desktop" },
  async ({ page, browser }) => {
    await signIn(page, NORTHWIND_MANAGER);
    await page.goto("/locations");
    await page.getByRole("link", { name: "Print location labels" }).click();
    await expect(page).toHaveURL(/\/labels\/locations$/);
    const warehouse = labelsOf(page).filter({ hasText: "Main warehouse" });
    await expect(warehouse).toHaveCount(1);
    await expect(labelsOf(page).filter({ hasText: "Shop floor" })).toHaveCount(1);
    const qr = warehouse.locator("[data-qr-url]");
    await expect(qr.locator("svg")).toHaveCount(1);
    const url = await qr.getAttribute("data-qr-url");
    const [{ id }] = (await queryE2eDatabase<{ id: string }>(
      `SELECT l.id::text FROM locations l JOIN companies c ON c.id = l.company_id
      WHERE c.name = 'Northwind Supplies' AND l.name = 'Main warehouse'`,
    )) as [{ id: string }];
    // Absolute, on the app's own address (APP_URL), so a phone's camera can open it.
    expect(url).toMatch(new RegExp(`^https?://[^/]+/locations/${id}/stocktake$`));
    await expect(qr).toHaveAccessibleName(`QR code for ${url}`);

    // One location's label from its card.
    await page.goto("/locations");
    await page.getByRole("link", { name: "Print label for Shop floor" }).click();
    await expect(labelsOf(page)).toHaveCount(1);
    await expect(labelsOf(page)).toContainText("SHOP");

    // A phone that has never signed in: the address asks to sign in, then opens the stocktake there.
    const phone = await (await browser.newContext()).newPage();
    await phone.goto(url!);
    await expect(phone).toHaveURL(/\/login\?callbackUrl=/);
    await phone.getByLabel("Email").fill(NORTHWIND_MANAGER.email);
    await phone.getByLabel("Password").fill(NORTHWIND_MANAGER.password);
    await phone.getByRole("button", { name: "Sign in" }).click();
    await expect(phone).toHaveURL(url!);
    await expect(phone.getByRole("heading", { level: 1, name: "Stocktake at Main warehouse" })).toBeVisible();
    await phone.context().close();
  },
);
