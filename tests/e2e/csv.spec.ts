import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type TestInfo } from "@playwright/test";
import { signIn } from "./helpers/session";

// Demo data seeded by the e2e server (prisma/seed.ts): Northwind's manager, and its "Main warehouse".
const MANAGER = { email: "manager@northwind.example", password: "stockflow-demo" };
const HEADER = "sku,name,description,category,unit,barcode,cost_price,sale_price,reorder_point";

/** Writes `lines` as a CSV file (CRLF, as spreadsheets save it) in a fresh temporary folder. */
function csvFile(name: string, lines: string[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stockflow-csv-")), name);
  fs.writeFileSync(file, `${lines.join("\r\n")}\r\n`);
  return file;
}

const uniqueSku = (testInfo: TestInfo) => `E2E-${testInfo.project.name}-${Date.now().toString(36)}`.toUpperCase();

test("a manager imports products (fixing a bad row first), sets their stock and exports them", async ({
  page,
}, testInfo) => {
  const sku = uniqueSku(testInfo);
  await signIn(page, MANAGER);
  await page.goto("/products");
  await page.getByRole("link", { name: "Import / export CSV" }).click();
  await expect(page.getByRole("heading", { name: "Import and export", level: 1 })).toBeVisible();

  const productForm = page.getByRole("form", { name: "Import products" });
  const productSection = page.getByRole("region", { name: "Products", exact: true });
  await productForm
    .getByLabel("CSV file")
    .setInputFiles(
      csvFile("products-bad.csv", [
        HEADER,
        `${sku}-A,Cable tie 200mm,,Fasteners,bag,,1.20,2.50,10`,
        `${sku}-B,Cable tie 300mm,,Fasteners,bag,,1.2.0,3.00,10`,
      ]),
    );
  await productForm.getByRole("button", { name: "Check file" }).click();
  const problems = productSection.getByRole("list", { name: "Problems" });
  await expect(problems).toContainText("Line 3 · cost_price: Cost price: enter an amount like 12.50");
  await expect(productSection.getByText("1 problem: nothing will be imported until the file is fixed.")).toBeVisible();
  await expect(productSection.getByRole("button", { name: /^Import/ })).toHaveCount(0);

  await productForm
    .getByLabel("CSV file")
    .setInputFiles(
      csvFile("products-fixed.csv", [
        HEADER,
        `${sku}-A,Cable tie 200mm,,Fasteners,bag,,1.20,2.50,10`,
        `${sku}-B,Cable tie 300mm,,Fasteners,bag,,1.20,3.00,10`,
      ]),
    );
  await expect(problems).toHaveCount(0);
  await productForm.getByRole("button", { name: "Check file" }).click();
  const preview = productSection.getByRole("region", { name: "Preview of products-fixed.csv" });
  await expect(preview).toContainText("2 rows — 2 new products, 0 changed, 0 unchanged");
  await expect(
    preview
      .getByRole("list", { name: "Rows to import" })
      .getByRole("listitem")
      .filter({ hasText: `${sku}-B — Cable tie 300mm` }),
  ).toBeVisible();
  await productSection.getByRole("button", { name: "Import 2 products" }).click();
  await expect(productSection.getByRole("status")).toHaveText(
    "Imported products-fixed.csv: 2 new products, 0 changed, 0 unchanged.",
  );

  // The stock of one of them, counted at the main warehouse.
  const stockForm = page.getByRole("form", { name: "Import stock levels" });
  const stockSection = page.getByRole("region", { name: "Stock levels", exact: true });
  await stockForm
    .getByLabel("CSV file")
    .setInputFiles(csvFile("count.csv", ["sku,location,on_hand", `${sku}-A,Main warehouse,40`]));
  await stockForm.getByRole("button", { name: "Check file" }).click();
  await expect(stockSection.getByRole("list", { name: "Rows to import" })).toContainText(
    "Main warehouse: 0 → 40 (+40)",
  );
  await stockSection.getByRole("button", { name: "Set 1 count" }).click();
  await expect(stockSection.getByRole("status")).toHaveText(
    "Stock levels set from count.csv: 1 count changed, 0 unchanged.",
  );

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download products (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^products-northwind[\w-]*-\d{4}-\d{2}-\d{2}\.csv$/);
  const exported = fs.readFileSync((await download.path())!, "utf8");
  expect(exported.startsWith(`\uFEFF${HEADER},pack_size,reorder_quantity,target_level,total_on_hand\r\n`)).toBe(true);
  expect(exported).toContain(`\r\n${sku}-A,Cable tie 200mm,,Fasteners,bag,,1.20,2.50,10,,,,40\r\n`);
  expect(exported).toContain(`\r\n${sku}-B,Cable tie 300mm,,Fasteners,bag,,1.20,3.00,10,,,,0\r\n`);

  const [stockDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download stock levels (CSV)" }).click(),
  ]);
  expect(fs.readFileSync((await stockDownload.path())!, "utf8")).toContain(
    `\r\n${sku}-A,Cable tie 200mm,Main warehouse,40,0,40\r\n`,
  );
});
