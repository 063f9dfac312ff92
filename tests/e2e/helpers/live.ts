// Shared steps of the live-update specs (live.spec.ts, instances.spec.ts): the demo people (signing in is
// ./session.ts), watching a product's stock at Main warehouse on its page, and changing it from another browser.
import { expect, type Page } from "@playwright/test";
import { queryE2eDatabase } from "./db";

// Demo people of the e2e server's seed (prisma/seed.ts).
export const NORTHWIND_ADMIN = { email: "admin@northwind.example", password: "stockflow-demo" };
export const NORTHWIND_MANAGER = { email: "manager@northwind.example", password: "stockflow-demo" };
export const NORTHWIND_STAFF = { email: "staff@northwind.example", password: "stockflow-demo" };

export interface DemoProduct {
  id: string;
  name: string;
  warehouseId: string;
}

/** A Northwind product with stock at Main warehouse. */
export async function stockedDemoProduct(): Promise<DemoProduct> {
  const rows = await queryE2eDatabase<{ id: string; name: string; warehouse_id: string }>(
    `SELECT p.id::text, p.name, l.id::text AS warehouse_id
       FROM products p
       JOIN companies c ON c.id = p.company_id AND c.slug = 'northwind'
       JOIN locations l ON l.company_id = p.company_id AND l.name = 'Main warehouse'
       JOIN stock_levels s ON s.company_id = p.company_id AND s.product_id = p.id AND s.location_id = l.id
      WHERE NOT p.archived AND s.on_hand - s.reserved >= 10
      ORDER BY p.name
      LIMIT 1`,
  );
  expect(rows, "a demo product with stock at Main warehouse").toHaveLength(1);
  return { id: rows[0]!.id, name: rows[0]!.name, warehouseId: rows[0]!.warehouse_id };
}

const count = (text: string) => Number(text.replace(/[^\d-]/g, ""));

/**
 * Opens the product's page, waits until its live connection is open, and marks the document: the mark is gone if
 * the page is ever reloaded. Returns Main warehouse's row of the stock table and its numbers now.
 */
export async function watchProduct(page: Page, product: DemoProduct) {
  await page.goto(`/products/${product.id}`);
  await expect(page.getByRole("heading", { name: product.name, level: 1 })).toBeVisible();
  await expect(page.locator('[data-live-status="open"]')).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { __notReloaded?: boolean }).__notReloaded = true;
  });
  const row = page.getByRole("table", { name: /Stock by location/ }).getByRole("row", { name: /Main warehouse/ });
  const [onHand, reserved, available] = (await row.getByRole("cell").allTextContents()).map(count);
  return { row, onHand: onHand!, reserved: reserved!, available: available! };
}

export async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
}

/** Adjusts the product's stock at Main warehouse by `change` through the adjust form. */
export async function adjustStockBy(page: Page, product: DemoProduct, change: number) {
  await page.goto(`/stock/adjust?productId=${product.id}`);
  const adjust = page.getByRole("form", { name: "Adjust stock" });
  await adjust.getByLabel("Location").selectOption(product.warehouseId);
  await adjust.getByLabel("Change by an amount (+ or −)").check();
  await adjust.getByRole("textbox", { name: "Change by" }).fill(String(change));
  await adjust.getByLabel("Reason").fill("Live update check");
  await adjust.getByRole("button", { name: "Save adjustment" }).click();
  await expect(adjust.getByRole("status")).toContainText(
    `${change > 0 ? "Added" : "Removed"} ${Math.abs(change)} × ${product.name} at Main warehouse`,
  );
}

/**
 * Opens the phone menu. A click that lands before the page has hydrated does nothing, so it is repeated until the
 * menu says it is open.
 */
export async function openMenu(page: Page) {
  const menu = page.getByRole("button", { name: /menu/i });
  await expect(async () => {
    if ((await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true", { timeout: 1_000 });
  }).toPass();
  return menu;
}
