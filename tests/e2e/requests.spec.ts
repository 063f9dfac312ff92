import { devices, expect, test, type Page } from "@playwright/test";
import { queryE2eDatabase } from "./helpers/db";
import { HOME, signIn } from "./helpers/session";

// Issue 5's flow in real Chromium: staff raise a customer order (on a phone in the phone project), a manager on a
// desktop approves and fulfils it from the request page, the product page shows the stock gone, and the staff
// member sees the new status. Demo data from prisma/seed.ts.
const MANAGER = { email: "manager@northwind.example", password: "stockflow-demo" };
const STAFF = { email: "staff@northwind.example", password: "stockflow-demo" };
const ORDERED = 3;

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(0);
}

/** A Northwind product with stock to spare at Main warehouse, with its numbers there now. */
async function stockedDemoProduct() {
  const rows = await queryE2eDatabase<{ id: string; sku: string; name: string; on_hand: number; reserved: number }>(
    `SELECT p.id::text, p.sku, p.name, s.on_hand, s.reserved
       FROM products p
       JOIN companies c ON c.id = p.company_id AND c.slug = 'northwind'
       JOIN locations l ON l.company_id = p.company_id AND l.name = 'Main warehouse'
       JOIN stock_levels s ON s.company_id = p.company_id AND s.product_id = p.id AND s.location_id = l.id
      WHERE NOT p.archived AND s.on_hand - s.reserved >= 20
      ORDER BY p.sku DESC
      LIMIT 1`,
  );
  expect(rows, "a demo product with stock at Main warehouse").toHaveLength(1);
  return rows[0]!;
}

async function stockAtMain(productId: string) {
  const [row] = await queryE2eDatabase<{ on_hand: number; reserved: number }>(
    `SELECT s.on_hand, s.reserved
       FROM stock_levels s JOIN locations l ON l.id = s.location_id AND l.name = 'Main warehouse'
      WHERE s.product_id = $1::uuid`,
    [productId],
  );
  return row!;
}

test("staff raise a customer order, a manager approves and fulfils it, and the stock drops", async ({
  page,
  browser,
}, testInfo) => {
  if (testInfo.project.name === "phone") await page.setViewportSize({ width: 360, height: 780 });
  const product = await stockedDemoProduct();

  // Staff: a new customer order for 3 units, the product found by its SKU.
  await signIn(page, STAFF, { landsOn: HOME });
  await expect(page).toHaveURL(/\/requests$/);
  await expect(page.getByRole("heading", { name: "My requests", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "New request" }).first().click();
  const form = page.getByRole("form", { name: "New request" });
  await form.getByRole("radio", { name: /Customer order/ }).check();
  await expect(form.getByLabel("Location")).toHaveValue(/.+/);
  await form.getByRole("combobox", { name: "Add a product" }).fill(product.sku);
  await form.getByRole("option", { name: new RegExp(product.sku) }).click();
  const lines = form.getByRole("list", { name: "Products on this request" });
  await expect(lines).toContainText(product.name);
  await lines.getByLabel(`Quantity of ${product.name}`).fill(String(ORDERED));
  await form.getByLabel(/Customer reference/).fill("PO-E2E");
  await expectNoSidewaysScroll(page);
  await form.getByRole("button", { name: "Submit request" }).click();

  await expect(page).toHaveURL(/\/requests\/[0-9a-f-]{36}\?notice=created$/);
  const requestUrl = new URL(page.url());
  const requestPath = requestUrl.pathname;
  const number = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  expect(number).toMatch(/^REQ-\d{6}$/);
  await expect(page.getByText("Pending", { exact: true }).first()).toBeVisible();
  // Staff may cancel or edit their pending request, never approve it.
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await expectNoSidewaysScroll(page);

  const before = await stockAtMain(product.id);
  expect(before).toEqual({ on_hand: product.on_hand, reserved: product.reserved });

  // Manager, on a desktop: approve and fulfil from the request page.
  const managerContext = await browser.newContext({ ...devices["Desktop Chrome"] });
  const manager = await managerContext.newPage();
  try {
    await signIn(manager, MANAGER);
    await manager.goto(requestPath);
    await expect(manager.getByRole("heading", { name: number, level: 1 })).toBeVisible();
    await expect(manager.getByText("PO-E2E")).toBeVisible();
    await manager
      .getByRole("group", { name: `Decide ${number}` })
      .getByRole("button", { name: "Approve" })
      .click();
    const approve = manager.getByRole("form", { name: `Approve ${number}` });
    await approve.getByLabel("Note (optional)").fill("Stock checked");
    await approve.getByRole("button", { name: "Approve" }).click();
    await expect(manager.getByText("Approved", { exact: true }).first()).toBeVisible();
    // Approving reserved the 3 units; nothing has left yet.
    await expect
      .poll(() => stockAtMain(product.id))
      .toEqual({
        on_hand: before.on_hand,
        reserved: before.reserved + ORDERED,
      });

    await manager.getByRole("button", { name: "Fulfil" }).click();
    const fulfil = manager.getByRole("form", { name: `Fulfil ${number}` });
    await fulfil.getByRole("button", { name: "Fulfil" }).click();
    await expect(manager.getByText("Fulfilled", { exact: true }).first()).toBeVisible();
    await expect
      .poll(() => stockAtMain(product.id))
      .toEqual({
        on_hand: before.on_hand - ORDERED,
        reserved: before.reserved,
      });
    // The timeline tells the story in order.
    const timeline = manager.getByRole("list", { name: "History, oldest first" });
    await expect(timeline.getByRole("listitem")).toHaveText([
      /^Requested by /,
      /^Approved by .*Pending → Approved.*Stock checked/,
      /^Fulfilled by .*Approved → Fulfilled/,
    ]);

    // The product page shows the stock gone from Main warehouse.
    await manager.goto(`/products/${product.id}`);
    const row = manager.getByRole("row", { name: /^Main warehouse/ });
    await expect(row.getByRole("cell").first()).toHaveText(
      new Intl.NumberFormat("en-GB").format(before.on_hand - ORDERED),
    );
  } finally {
    await managerContext.close();
  }

  // Staff see the new status on their request and in their list.
  await page.goto(requestPath);
  await expect(page.getByText("Fulfilled", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel request" })).toHaveCount(0);
  await page.goto("/requests");
  await expect(page.getByRole("link", { name: number })).toBeVisible();
  await expectNoSidewaysScroll(page);
});

test("a link to a request in another of the person's companies signs in, asks to switch there and opens it", async ({
  page,
}) => {
  // Acme's admin also manages Northwind (added here; their older Acme membership is where sign-in starts).
  const [request] = await queryE2eDatabase<{ id: string; number: number; company_id: string }>(
    `SELECT o.id::text, o.number, o.company_id::text
       FROM order_requests o JOIN companies c ON c.id = o.company_id AND c.slug = 'northwind'
      ORDER BY o.number LIMIT 1`,
  );
  await queryE2eDatabase(
    `INSERT INTO memberships (id, company_id, user_id, role, active, created_at, updated_at)
     SELECT gen_random_uuid(), c.id, u.id, 'MANAGER', true, now(), now()
       FROM companies c, users u
      WHERE c.slug = 'northwind' AND u.email = 'admin@acme.example'
     ON CONFLICT (company_id, user_id) DO NOTHING`,
  );
  const number = `REQ-${String(request!.number).padStart(6, "0")}`;
  const northwindId = request!.company_id;

  // Signed out, the link asks for sign-in and comes back to the request, which asks before switching to Northwind.
  await page.goto(`/requests/${request!.id}`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Email").fill("admin@acme.example");
  await page.getByLabel("Password").fill("stockflow-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${request!.id}$`));
  await expect(page.getByRole("heading", { name: "This link is for Northwind Supplies", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Switch to Northwind Supplies" }).click();
  await expect(page).toHaveURL(new RegExp(`/requests/${request!.id}$`));
  await expect(page.getByRole("heading", { name: number, level: 1 })).toBeVisible();
  // The shell says so too, the company menu included.
  await expect(page.getByRole("combobox", { name: "Company", includeHidden: true })).toHaveValue(northwindId!);
});
