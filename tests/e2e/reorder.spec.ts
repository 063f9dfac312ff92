// Restock suggestions on a phone (issue 15 item 3; docs/architecture.md §5 "Low stock" and "Restock suggestions"): a
// manager sets a location's own reorder point on a product's page (a refused 0 first, then a good value, what was
// typed kept in between), finds the product on the To reorder page under its supplier with the suggested quantity, and
// drafts the restock with a double tap: one pending request, with the suggested line.
import { randomUUID } from "node:crypto";
import { expect as baseExpect, test } from "@playwright/test";
import { queryE2eDatabase } from "./helpers/db";
import { NORTHWIND_MANAGER } from "./helpers/live";
import { signIn } from "./helpers/session";

// A sign-in, several page loads and a production build's first renders: generous limits for a loaded machine.
test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 20_000 });

/**
 * A Northwind product of its own, not stocked anywhere, in packs of 5 with a reorder quantity of 12 and no reorder
 * point, its preferred supplier a new one: nothing is low until a location's point is set.
 */
async function freshProduct() {
  const suffix = randomUUID().slice(0, 8);
  const [row] = await queryE2eDatabase<{ product_id: string; supplier_id: string }>(
    `WITH c AS (SELECT id FROM companies WHERE slug = 'northwind'),
          s AS (INSERT INTO suppliers (id, company_id, name, updated_at)
                SELECT gen_random_uuid(), c.id, $2, now() FROM c RETURNING id, company_id),
          p AS (INSERT INTO products (id, company_id, sku, name, unit, pack_size, reorder_quantity, cost_price,
                                      sale_price, updated_at)
                SELECT gen_random_uuid(), c.id, $1, $3, 'each', 5, 12, 2.40, 4.00, now() FROM c
                RETURNING id, company_id),
          ps AS (INSERT INTO product_suppliers (company_id, product_id, supplier_id, supplier_sku, preferred, updated_at)
                 SELECT p.company_id, p.id, s.id, 'RS-' || $1, true, now() FROM p, s)
     SELECT p.id::text AS product_id, s.id::text AS supplier_id FROM p, s`,
    [`RO-${suffix}`, `Reorder Supplies ${suffix}`, `Wall anchor ${suffix}`],
  );
  return {
    id: row!.product_id,
    supplierId: row!.supplier_id,
    supplier: `Reorder Supplies ${suffix}`,
    name: `Wall anchor ${suffix}`,
  };
}

test("a manager sets a location's reorder point, finds it to reorder and drafts the restock once @phone", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const product = await freshProduct();
  await signIn(page, NORTHWIND_MANAGER);

  // The product page: not stocked anywhere, so the point is set where it is not stocked yet.
  await page.goto(`/products/${product.id}`);
  await expect(page.getByRole("heading", { level: 1, name: product.name })).toBeVisible();
  const another = page.getByRole("form", { name: "Reorder point at another location" });
  await expect(another.getByLabel("Location")).toHaveValue(/.+/);
  await another.getByLabel("Location").selectOption({ label: "Main warehouse" });
  const point = another.getByLabel("Reorder point there (each)");
  await point.fill("0");
  await another.getByRole("button", { name: "Set reorder point" }).click();
  await expect(another.getByText("Reorder point here: enter at least 1.")).toBeVisible();
  await expect(point).toHaveValue("0");
  await expect(point).toHaveAttribute("aria-invalid", "true");
  await expect(another.getByLabel("Location")).toHaveValue(/.+/);
  await point.fill("6");
  await another.getByRole("button", { name: "Set reorder point" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "Reorder point at Main warehouse set to 6 each" }),
  ).toContainText("low here now (0 each on hand)");
  // The table shows the location's own point under its stock, and Low here by that point.
  const row = page.getByRole("table", { name: /Stock by location/ }).getByRole("row", { name: /Main warehouse/ });
  await expect(row).toContainText("Low here");
  await expect(row.getByRole("cell").first()).toHaveText("0reorder point 6");
  await expect(page.getByLabel("Reorder point at Main warehouse (each)")).toHaveValue("6");

  // The reorder page, filtered to the product's supplier: its group, the row, the suggestion.
  await page.goto("/reorder");
  await expect(page.getByRole("heading", { level: 1, name: "To reorder" })).toBeVisible();
  const filters = page.getByRole("search", { name: "Filter the reorder list" });
  await filters.getByRole("button", { name: /^Filters/ }).click();
  await filters.getByLabel("Preferred supplier").selectOption({ label: product.supplier });
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`supplier=${product.supplierId}`));
  const group = page.getByRole("region", { name: `${product.supplier} — 1 product` });
  await expect(group).toBeVisible();
  // On a phone the rows are cards: 0 at Main warehouse against its own point of 6, reorder quantity 12 → 15 in packs.
  const card = group.getByRole("list", { name: `To reorder from ${product.supplier}` }).getByRole("listitem");
  await expect(card).toHaveCount(1);
  await expect(card.getByRole("link", { name: product.name })).toBeVisible();
  await expect(card).toContainText("Low at Main warehouse");
  await expect(card).toContainText("0 on hand, point 6");
  await expect(card).toContainText("15 each");
  await expect(card).toContainText("3 packs of 5");
  await expect(card).toContainText("Needs 12: the reorder quantity of 12");

  // Draft restock, tapped twice in a row: one request.
  const draft = group.getByRole("button", { name: /^Draft restock to Main warehouse/ });
  await draft.dblclick();
  const drafted = group.getByRole("status").filter({ hasText: /a pending restock of 1 product to Main warehouse/ });
  await expect(drafted).toBeVisible();
  const requests = await queryE2eDatabase<{ id: string; number: number; status: string; quantity: number }>(
    `SELECT o.id::text, o.number, o.status::text, l.quantity
       FROM order_requests o JOIN order_lines l ON l.company_id = o.company_id AND l.order_id = o.id
      WHERE l.product_id = $1::uuid`,
    [product.id],
  );
  expect(requests).toHaveLength(1);
  expect(requests[0]).toMatchObject({ status: "PENDING", quantity: 15 });
  const number = `REQ-${String(requests[0]!.number).padStart(6, "0")}`;
  // The list now counts it as coming: nothing more to order for the product.
  await expect(card).toContainText("15 coming");
  await expect(card).toContainText("Nothing now");

  // The answer links to the pending request, with the suggested line.
  await drafted.getByRole("link", { name: number }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${requests[0]!.id}$`));
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(number) })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Pending");
  await expect(page.getByRole("main")).toContainText(product.name);
  await expect(page.getByRole("main")).toContainText(`Reorder suggestions: ${product.supplier}`);
});
