import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { queryE2eDatabase } from "./helpers/db";
import { signIn } from "./helpers/session";

// Demo data seeded by the e2e server (prisma/seed.ts): Northwind's products have stock at "Main warehouse".
const MANAGER = { email: "manager@northwind.example", password: "stockflow-demo" };
const STAFF = { email: "staff@northwind.example", password: "stockflow-demo" };

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(0);
}

/** A Northwind product with plenty available at Main warehouse, and that location's id. */
async function stockedDemoProduct() {
  const rows = await queryE2eDatabase<{ id: string; name: string; warehouse_id: string }>(
    `SELECT p.id::text, p.name, l.id::text AS warehouse_id
       FROM products p
       JOIN companies c ON c.id = p.company_id AND c.slug = 'northwind'
       JOIN locations l ON l.company_id = p.company_id AND l.name = 'Main warehouse'
       JOIN stock_levels s ON s.company_id = p.company_id AND s.product_id = p.id AND s.location_id = l.id
      WHERE NOT p.archived AND s.on_hand - s.reserved >= 20
      ORDER BY p.name
      LIMIT 1`,
  );
  expect(rows, "a demo product with stock at Main warehouse").toHaveLength(1);
  return rows[0]!;
}

const uniqueName = (testInfo: TestInfo) => `E2E bin ${testInfo.project.name} ${Date.now().toString(36)}`;

test("a manager creates a location, moves stock into it, adjusts it and counts it", async ({ page }, testInfo) => {
  // The narrowest phone we support.
  if (testInfo.project.name === "phone") await page.setViewportSize({ width: 360, height: 780 });
  const product = await stockedDemoProduct();
  const binName = uniqueName(testInfo);
  await signIn(page, MANAGER);

  // A new location.
  await page.goto("/locations");
  await expect(page.getByRole("heading", { name: "Locations", level: 1 })).toBeVisible();
  const create = page.getByRole("form", { name: "Add a location" });
  await create.getByLabel("Name").fill(binName);
  await create.getByRole("button", { name: "Add location" }).click();
  await expect(create.getByRole("status")).toHaveText(`Added the location ${binName}.`);
  const row = page.getByRole("listitem").filter({ hasText: binName });
  await expect(row).toContainText("0 products in stock");
  // The same name again is a field error.
  await create.getByLabel("Name").fill(binName);
  await create.getByRole("button", { name: "Add location" }).click();
  await expect(create.getByText("Another location of your company already has this name.")).toBeVisible();
  await expectNoSidewaysScroll(page);

  // Move 5 units from Main warehouse into it.
  await page.goto(`/stock/transfer?productId=${product.id}`);
  await expect(page.getByRole("heading", { name: "Transfer stock", level: 1 })).toBeVisible();
  const transfer = page.getByRole("form", { name: "Transfer stock" });
  await transfer.getByLabel("From").selectOption(product.warehouse_id);
  await transfer.getByLabel("To").selectOption({ label: binName });
  await transfer.getByLabel("Quantity").fill("5");
  await transfer.getByRole("button", { name: "Move stock" }).click();
  await expect(transfer.getByRole("status")).toContainText(
    `Moved 5 × ${product.name} from Main warehouse to ${binName}`,
  );
  await expect(page.getByRole("row", { name: new RegExp(escapeRegExp(binName)) }).getByRole("cell")).toHaveText([
    "5",
    "0",
    "5",
  ]);
  await expectNoSidewaysScroll(page);

  // Adjust: two were damaged, three are left.
  await page.goto(`/stock/adjust?productId=${product.id}`);
  const adjust = page.getByRole("form", { name: "Adjust stock" });
  await adjust.getByLabel("Location").selectOption({ label: `${binName} — 5 on hand, 5 available` });
  await adjust.getByLabel("Set to what was counted").check();
  await adjust.getByRole("textbox", { name: "Counted quantity" }).fill("1.5");
  await adjust.getByLabel("Reason").fill("Two damaged in transit");
  await adjust.getByRole("button", { name: "Save adjustment" }).click();
  await expect(adjust.getByText("Quantity: enter a whole number (no decimals or letters).")).toBeVisible();
  await expect(adjust.getByLabel("Reason")).toHaveValue("Two damaged in transit");
  await adjust.getByLabel("Location").selectOption({ label: `${binName} — 5 on hand, 5 available` });
  await adjust.getByRole("textbox", { name: "Counted quantity" }).fill("3");
  await adjust.getByRole("button", { name: "Save adjustment" }).click();
  await expect(adjust.getByRole("status")).toHaveText(`Set ${product.name} at ${binName} to 3 (was 5, −2).`);
  await expectNoSidewaysScroll(page);

  // A stocktake there finds 7.
  await page.goto("/locations");
  await expect(row).toContainText("1 product in stock");
  await row.getByRole("link", { name: `Count stock at ${binName}` }).click();
  await expect(page.getByRole("heading", { name: `Stocktake at ${binName}`, level: 1 })).toBeVisible();
  const counts = page.getByRole("form", { name: "Stocktake counts" });
  await expect(counts.getByRole("listitem")).toHaveCount(1);
  await expect(counts.getByRole("listitem")).toContainText("on hand 3");
  await counts.getByLabel(product.name, { exact: true }).fill("7");
  await counts.getByRole("button", { name: "Record counts" }).click();
  const summary = page.getByRole("region", { name: "What the stocktake booked" });
  await expect(summary.getByRole("status")).toHaveText(
    `Stocktake recorded at ${binName}: 1 count changed the stock, 0 counts confirmed it.`,
  );
  await expect(
    summary.getByRole("table", { name: "Changed" }).getByRole("row", { name: new RegExp(escapeRegExp(product.name)) }),
  ).toHaveText(new RegExp(`${escapeRegExp(product.name)}.*3\\s*7\\s*\\+4`));
  await expect(counts.getByRole("listitem")).toContainText("on hand 7");
  await expectNoSidewaysScroll(page);

  const [level] = await queryE2eDatabase<{ on_hand: number; movements: string }>(
    `SELECT s.on_hand, (SELECT sum(m.quantity) FROM stock_movements m WHERE m.product_id = s.product_id AND m.location_id = s.location_id)::text AS movements
       FROM stock_levels s JOIN locations l ON l.id = s.location_id
      WHERE s.product_id = $1 AND l.name = $2`,
    [product.id, binName],
  );
  expect(level).toEqual({ on_hand: 7, movements: "7" });
});

// Issue 11: a refused "change by" came back showing "set to" while still labelled "Change by"; saving it again with a
// reason set the stock to the amount (40 → 3) instead of changing it by the amount.
test("“change by 3” refused for its missing reason, then saved with one, adds 3 to what is on hand", async ({
  page,
}) => {
  const product = await stockedDemoProduct();
  const onHand = async () =>
    (
      await queryE2eDatabase<{ on_hand: number }>(
        `SELECT on_hand FROM stock_levels WHERE product_id = $1 AND location_id = $2`,
        [product.id, product.warehouse_id],
      )
    )[0]!.on_hand;
  const before = await onHand();
  await signIn(page, MANAGER);

  await page.goto(`/stock/adjust?productId=${product.id}`);
  const adjust = page.getByRole("form", { name: "Adjust stock" });
  await adjust.getByLabel("Location").selectOption(product.warehouse_id);
  await adjust.getByLabel("Change by an amount (+ or −)").check();
  await adjust.getByRole("textbox", { name: "Change by" }).fill("3");
  await adjust.getByRole("button", { name: "Save adjustment" }).click();
  await expect(adjust.getByText("Reason: say why the stock changes.")).toBeVisible();
  // Refused: still "change by 3", on screen and in what the next save sends.
  await expect(adjust.getByLabel("Change by an amount (+ or −)")).toBeChecked();
  await expect(adjust.getByLabel("Set to what was counted")).not.toBeChecked();
  await expect(adjust.getByRole("textbox", { name: "Change by" })).toHaveValue("3");
  expect(await onHand()).toBe(before);

  await adjust.getByLabel("Reason").fill("Found in returns");
  await adjust.getByRole("button", { name: "Save adjustment" }).click();
  await expect(adjust.getByRole("status")).toHaveText(
    `Added 3 × ${product.name} at Main warehouse (now ${(before + 3).toLocaleString("en-US")}).`,
  );
  expect(await onHand()).toBe(before + 3);
});

test("staff opening the stock pages see that they are for managers and admins only", async ({ page }) => {
  await signIn(page, STAFF);
  await page.goto("/stock/adjust");
  await expect(page.getByRole("heading", { name: "Only managers and admins adjust stock" })).toBeVisible();
  await expect(page.getByText("This page is for managers and admins only.")).toBeVisible();
  await page.goto("/stock/transfer");
  await expect(page.getByRole("heading", { name: "Only managers and admins transfer stock" })).toBeVisible();
  const [warehouse] = await queryE2eDatabase<{ id: string }>(
    `SELECT l.id::text FROM locations l JOIN companies c ON c.id = l.company_id AND c.slug = 'northwind' WHERE l.name = 'Main warehouse'`,
  );
  await page.goto(`/locations/${warehouse!.id}/stocktake`);
  await expect(page.getByRole("heading", { name: "Only managers and admins record stocktakes" })).toBeVisible();

  // Staff see the locations, without the controls.
  await page.goto("/locations");
  await expect(page.getByRole("heading", { name: "Locations", level: 1 })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Main warehouse" })).toContainText("Default");
  await expect(page.getByRole("form", { name: "Add a location" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Count stock/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Adjust stock" })).toHaveCount(0);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
