import { expect, test, type Page } from "@playwright/test";
import { queryE2eDatabase } from "./helpers/db";
import { signIn } from "./helpers/session";

// Issue 13's "drafts are never lost" in real Chromium (docs/architecture.md, "Drafts on the device"): a request
// typed on a phone survives a reload, a submit without a connection keeps it on screen (never the error page), and
// the submit once back online creates exactly one request and leaves no draft behind. The same offline check for a
// manager's stock adjustment. Demo data from prisma/seed.ts.
const MANAGER = { email: "manager@northwind.example", password: "stockflow-demo" };
const STAFF = { email: "staff@northwind.example", password: "stockflow-demo" };
const OFFLINE =
  "You're offline — nothing was sent. Your draft is kept on this device; send it again when you're back online.";

// Two cold page loads, a reload and four submits each: more than the default 30 s on a loaded machine.
test.describe.configure({ timeout: 180_000 });

/** A Northwind product with stock to spare at Main warehouse. */
async function stockedDemoProduct() {
  const rows = await queryE2eDatabase<{ id: string; sku: string; name: string }>(
    `SELECT p.id::text, p.sku, p.name
       FROM products p
       JOIN companies c ON c.id = p.company_id AND c.slug = 'northwind'
       JOIN locations l ON l.company_id = p.company_id AND l.name = 'Main warehouse'
       JOIN stock_levels s ON s.company_id = p.company_id AND s.product_id = p.id AND s.location_id = l.id
      WHERE NOT p.archived AND s.on_hand - s.reserved >= 20
      ORDER BY p.sku
      LIMIT 1`,
  );
  expect(rows, "a demo product with stock at Main warehouse").toHaveLength(1);
  return rows[0]!;
}

/** The keys of the drafts this browser holds. */
const draftKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("stockflow:draft:")));

async function expectNoErrorPage(page: Page) {
  await expect(page.getByRole("heading", { name: "You are offline" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Something went wrong" })).toHaveCount(0);
}

test("a request typed on the phone survives a reload and a submit offline, then is sent exactly once", async ({
  page,
  context,
}, testInfo) => {
  const product = await stockedDemoProduct();
  const reference = `DRAFT-${testInfo.project.name}-${Date.now()}`;
  await signIn(page, STAFF);

  await page.goto("/requests/new");
  let form = page.getByRole("form", { name: "New request" });
  await form.getByRole("radio", { name: /Customer order/ }).check();
  await form.getByRole("combobox", { name: "Add a product" }).fill(product.sku);
  await form.getByRole("option", { name: new RegExp(product.sku) }).click();
  await form.getByLabel(`Quantity of ${product.name}`).fill("2");
  await form.getByLabel(/Customer reference/).fill(reference);
  await expect.poll(() => draftKeys(page)).toHaveLength(1);

  // A reload: the draft comes back from the device, and says so.
  await page.reload();
  form = page.getByRole("form", { name: "New request" });
  await expect(page.getByText("Draft restored from this device.")).toBeVisible();
  await expect(form.getByRole("radio", { name: /Customer order/ })).toBeChecked();
  await expect(form.getByLabel(`Quantity of ${product.name}`)).toHaveValue("2");
  await expect(form.getByLabel(/Customer reference/)).toHaveValue(reference);

  // Offline: a new request is kept on the device by the offline queue (the outbox holds it now, not the draft), and
  // goes out by itself once the connection is back — once.
  await context.setOffline(true);
  await form.getByRole("button", { name: "Submit request" }).click();
  await expect(page.getByText("Saved on this phone — it will be sent when you're back online.")).toBeVisible();
  await expectNoErrorPage(page);
  await expect.poll(() => draftKeys(page)).toEqual([]);
  await context.setOffline(false);
  const sent = () =>
    queryE2eDatabase<{ number: number }>("SELECT number FROM order_requests WHERE reference = $1", [reference]);
  await expect.poll(async () => (await sent()).length, { timeout: 30_000 }).toBe(1);
  const number = `REQ-${String((await sent())[0]!.number).padStart(6, "0")}`;
  await page.goto("/requests");
  await expect(page.getByText(number, { exact: true }).filter({ visible: true })).toHaveCount(1);

  // Accepted: no draft is left, and a new request starts empty after a reload.
  await page.goto("/requests/new");
  await page.reload();
  await expect(page.getByRole("form", { name: "New request" }).getByLabel(/Reference/)).toHaveValue("");
  await expect(page.getByText("Draft restored from this device.")).toHaveCount(0);
  expect(await draftKeys(page)).toEqual([]);
});

test("a stock adjustment submitted offline stays on screen and is booked once when sent again", async ({
  page,
  context,
}, testInfo) => {
  const product = await stockedDemoProduct();
  const reason = `Draft check ${testInfo.project.name} ${Date.now()}`;
  await signIn(page, MANAGER);

  await page.goto(`/stock/adjust?productId=${product.id}`);
  let form = page.getByRole("form", { name: "Adjust stock" });
  await form.getByLabel("Change by an amount (+ or −)").check();
  await form.getByRole("textbox", { name: "Change by" }).fill("2");
  await form.getByLabel("Reason").fill(reason);

  await context.setOffline(true);
  await form.getByRole("button", { name: "Save adjustment" }).click();
  await expect(page.getByText(OFFLINE)).toBeVisible();
  await expectNoErrorPage(page);
  form = page.getByRole("form", { name: "Adjust stock" });
  await expect(form.getByLabel("Change by an amount (+ or −)")).toBeChecked();
  await expect(form.getByRole("textbox", { name: "Change by" })).toHaveValue("2");
  await expect(form.getByLabel("Reason")).toHaveValue(reason);

  await context.setOffline(false);
  await form.getByRole("button", { name: "Save adjustment" }).click();
  await expect(form.getByRole("status")).toContainText(`Added 2 × ${product.name}`);
  const booked = await queryE2eDatabase<{ n: number }>(
    "SELECT count(*)::int AS n FROM stock_movements WHERE note = $1",
    [reason],
  );
  expect(booked[0]!.n).toBe(1);
  expect(await draftKeys(page)).toEqual([]);
});
