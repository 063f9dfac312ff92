import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { signIn } from "./helpers/session";

// Demo data seeded by the e2e server (prisma/seed.ts): Northwind Supplies, whose default location is "Main warehouse".
const MANAGER = { email: "manager@northwind.example", password: "stockflow-demo", name: "Morgan Manager" };
const STAFF = { email: "staff@northwind.example", password: "stockflow-demo" };

/** Unique per run and per project (desktop and phone run against one database). */
function unique(testInfo: TestInfo) {
  const stamp = `${testInfo.project.name}-${Date.now().toString(36)}`.toUpperCase();
  return { sku: `E2E-${stamp}`, name: `Trial bracket ${stamp}`, barcode: `E2E${stamp.replace(/[^A-Z0-9]/g, "")}` };
}

async function search(page: Page, text: string, extra = "") {
  await page.goto(`/products${extra}`);
  await page.getByRole("searchbox", { name: "Search" }).fill(text);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(text).replace(/%20/g, "\\+")}`));
}

test("a manager adds a product with opening stock, edits, finds, archives and restores it", async ({
  page,
}, testInfo) => {
  // A whole product's life, about twenty page loads: more than the default 30 s on a loaded machine.
  test.slow();
  const product = unique(testInfo);
  await signIn(page, MANAGER);

  await page.goto("/products");
  await page.getByRole("link", { name: "Add product" }).click();
  await expect(page).toHaveURL(/\/products\/new$/);
  const form = page.getByRole("form", { name: "New product" });
  await form.getByLabel("Name", { exact: true }).fill(product.name);
  await form.getByLabel("SKU", { exact: true }).fill(product.sku);
  await form.getByLabel("Category", { exact: true }).fill("Trials");
  await form.getByLabel("Unit", { exact: true }).fill("box");
  await form.getByLabel("Barcode", { exact: true }).fill(product.barcode);
  await form.getByLabel("Cost price", { exact: true }).fill("3.20");
  await form.getByLabel("Sale price", { exact: true }).fill("5.00");
  await form.getByLabel("Reorder point", { exact: true }).fill("20");
  await form.getByLabel("Opening quantity", { exact: true }).fill("12");
  await expect(form.getByLabel("Location", { exact: true })).toHaveValue(/.+/);
  await form.getByRole("button", { name: "Add product" }).click();

  await expect(page).toHaveURL(/\/products\/[0-9a-f-]{36}\?notice=created$/);
  const productUrl = page.url().replace(/\?.*$/, "");
  await expect(page.getByRole("status").filter({ hasText: "Product added." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: product.name })).toBeVisible();
  const stock = page.getByRole("table", { name: /Stock by location/ });
  await expect(stock.getByRole("row", { name: /Main warehouse/ })).toContainText("12");
  await expect(stock.getByRole("row", { name: /Total/ })).toContainText("12 box");
  // Its first movement: the opening stock, booked by the manager.
  const opening = page.locator("tr, li").filter({ hasText: "Opening stock" }).filter({ visible: true });
  await expect(opening).toHaveCount(1);
  await expect(opening).toContainText("+12");
  await expect(opening).toContainText(MANAGER.name);
  await expect(opening).toContainText("Main warehouse");
  // 12 on hand against a reorder point of 20: low stock, here and on the dashboard, which links to such products.
  await expect(page.getByRole("main").getByText("Low stock", { exact: true })).toBeVisible();
  await page.goto("/dashboard");
  const lowStock = page.getByRole("link", { name: /products? (is|are) at or below (its|their) reorder point/ });
  await lowStock.click();
  await expect(page).toHaveURL(/\/products\?stock=low$/);
  await expect(page.getByLabel("Stock", { exact: true })).toHaveValue("low");
  await expect(page.getByRole("link", { name: product.name })).toBeVisible();
  await page.getByRole("link", { name: product.name }).click();
  await expect(page).toHaveURL(productUrl);

  // Edit it.
  await page.getByRole("link", { name: "Edit product" }).click();
  await expect(page).toHaveURL(`${productUrl}/edit`);
  const edit = page.getByRole("form", { name: "Edit product" });
  await expect(edit.getByLabel("SKU", { exact: true })).toHaveValue(product.sku);
  const renamed = `${product.name} v2`;
  await edit.getByLabel("Name", { exact: true }).fill(renamed);
  await edit.getByLabel("Sale price", { exact: true }).fill("6.50");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(`${productUrl}?notice=updated`);
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
  await expect(page.getByText("£6.50")).toBeVisible();

  // Find it by SKU (any case), by a piece of its name and by its barcode; the row leads to the product.
  for (const text of [product.sku.toLowerCase(), renamed.slice(6, 20), product.barcode]) {
    await search(page, text);
    await expect(page.getByRole("link", { name: renamed })).toBeVisible();
  }
  await page.getByRole("link", { name: renamed }).click();
  await expect(page).toHaveURL(productUrl);

  // Archive: gone from the active list, there among archived products; restore brings it back.
  await page.getByRole("button", { name: "Archive product" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${renamed} is archived` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Restore product" })).toBeVisible();
  await search(page, product.sku);
  await expect(page.getByText("No products match")).toBeVisible();
  await expect(page.getByRole("link", { name: "Clear filters" }).first()).toBeVisible();
  await page.goto(`/products?q=${encodeURIComponent(product.sku)}&status=archived`);
  await expect(page.getByRole("link", { name: renamed })).toBeVisible();

  await page.goto(productUrl);
  await page.getByRole("button", { name: "Restore product" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${renamed} is active again.` })).toBeVisible();
  await expect(page.getByRole("button", { name: "Archive product" })).toBeVisible();
  await search(page, product.sku);
  await expect(page.getByRole("link", { name: renamed })).toBeVisible();
});

test("a manager sees a field error for an SKU already in use, with the typed values kept", async ({
  page,
}, testInfo) => {
  const product = unique(testInfo);
  await signIn(page, MANAGER);
  await page.goto("/products/new");
  const form = page.getByRole("form", { name: "New product" });
  await form.getByLabel("Name", { exact: true }).fill(product.name);
  // A SKU of the demo catalogue.
  await form.getByLabel("SKU", { exact: true }).fill("FAS-0001");
  await form.getByRole("button", { name: "Add product" }).click();
  await expect(form.getByText(/^SKU FAS-0001 is already used by .+\.$/)).toBeVisible();
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue(product.name);
  await expect(page).toHaveURL(/\/products\/new$/);
});

test("staff see the list and a product, but no way to change products", async ({ page }) => {
  await signIn(page, STAFF);
  await page.goto("/products?q=claw+hammer");
  await expect(page.getByRole("heading", { level: 1, name: "Products" })).toBeVisible();
  const firstProduct = page.getByRole("link", { name: "Claw hammer" });
  await expect(firstProduct).toBeVisible();
  await expect(page.getByRole("link", { name: "Add product" })).toHaveCount(0);

  await firstProduct.click();
  await expect(page.getByRole("heading", { level: 1, name: "Claw hammer" })).toBeVisible();
  await expect(
    page.getByRole("table", { name: /Stock by location/ }).getByRole("row", { name: /Total/ }),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit product" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Archive product|Restore product/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Adjust stock" })).toHaveCount(0);

  await page.goto("/products/new");
  await expect(page.getByRole("heading", { name: "Only managers and admins change products" })).toBeVisible();
  await expect(page.getByRole("form", { name: "New product" })).toHaveCount(0);
});

test("an unknown product is a not-found page", async ({ page }) => {
  await signIn(page, STAFF);
  await page.goto("/products/01890000-0000-7000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "Product not found" })).toBeVisible();
  await page.goto("/products/not-an-id");
  await expect(page.getByRole("heading", { name: "Product not found" })).toBeVisible();
});
