import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { queryE2eDatabase } from "./helpers/db";
import { controlledBy, deployNewWorker } from "./helpers/service-worker";
import { signInWithForm } from "./helpers/session";

// The offline request queue in real Chromium (docs/architecture.md "Offline request queue and the first API
// endpoint"): a request composed and submitted offline is kept on the device and sent exactly once when the
// connection returns; a replay the server refuses shows its reason and can be discarded; sign-out with unsent requests
// asks first and keeps them for the same person only; a submit whose answer was lost still makes one request.
// Each project works in its own demo company, so the two runs never see each other's requests.
// Several sign-ins and a connection cut per test: more than the default 30 s on a loaded machine.
test.describe.configure({ timeout: 120_000 });

const PASSWORD = "stockflow-demo";
const COMPANY = { phone: "northwind", desktop: "acme" } as const;
const QUEUED = "Saved on this phone — it will be sent when you're back online.";

function people(project: string) {
  const slug = COMPANY[project as keyof typeof COMPANY] ?? "acme";
  return { slug, staff: `staff@${slug}.example`, staff2: `staff2@${slug}.example` };
}

async function signOut(page: Page) {
  const menu = page.getByRole("button", { name: "Open menu" });
  if (await menu.isVisible()) await menu.click();
  await page.getByRole("button", { name: "Sign out" }).first().click();
}

/** A product stocked at the company's default location: one the form's offline cache takes in when it opens. */
async function stockedProduct(slug: string) {
  const [row] = await queryE2eDatabase<{ id: string; sku: string; name: string }>(
    `SELECT p.id::text, p.sku, p.name
       FROM products p
       JOIN companies c ON c.id = p.company_id AND c.slug = $1
       JOIN locations l ON l.company_id = p.company_id AND l.is_default
       JOIN stock_levels s ON s.company_id = p.company_id AND s.product_id = p.id AND s.location_id = l.id
      WHERE NOT p.archived AND s.on_hand > 0
      ORDER BY lower(p.name), p.sku
      LIMIT 1`,
    [slug],
  );
  expect(row, "a stocked demo product").toBeDefined();
  return row!;
}

/** A product of its own, so archiving it disturbs no other test. */
async function freshProduct(slug: string, stamp: string) {
  const [row] = await queryE2eDatabase<{ id: string; sku: string; name: string }>(
    `INSERT INTO products (id, company_id, sku, name, unit, cost_price, sale_price, updated_at)
     SELECT gen_random_uuid(), id, $2, $3, 'each', 1, 2, now() FROM companies WHERE slug = $1
     RETURNING id::text, sku, name`,
    [slug, `OFF-${stamp}`.toUpperCase(), `Offline gadget ${stamp}`],
  );
  return row!;
}

async function requestsWithReference(reference: string) {
  return queryE2eDatabase<{ id: string; number: number; product_id: string; quantity: number; requester: string }>(
    `SELECT o.id::text, o.number, l.product_id::text, l.quantity, u.email AS requester
       FROM order_requests o
       JOIN order_lines l ON l.order_id = o.id
       JOIN users u ON u.id = o.requester_id
      WHERE o.reference = $1`,
    [reference],
  );
}

/** One store of the device database, read as the page sees it (after the app has opened it). */
function deviceStore(page: Page, store: "outbox" | "products"): Promise<unknown[]> {
  return page.evaluate(
    (name) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open("stockflow-offline");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction(name).objectStore(name).getAll();
          read.onsuccess = () => {
            db.close();
            resolve(read.result);
          };
        };
      }),
    store,
  );
}

/** Opens the request form online (its location's stock goes into the device cache), then cuts the connection. */
async function openFormThenGoOffline(page: Page, context: BrowserContext, productSku: string) {
  await page.goto("/requests/new");
  await expect(page.getByRole("form", { name: "New request" })).toBeVisible();
  await expect
    .poll(async () => ((await deviceStore(page, "products")) as { sku: string }[]).some((p) => p.sku === productSku))
    .toBe(true);
  await context.setOffline(true);
}

/** Composes a request from the device's cached products and submits it. */
async function composeAndSubmit(
  page: Page,
  product: { sku: string; name: string },
  reference: string,
  type = /Customer order/,
) {
  const form = page.getByRole("form", { name: "New request" });
  await form.getByRole("radio", { name: type }).check();
  await form.getByRole("combobox", { name: "Add a product" }).fill(product.sku);
  await expect(form.getByText(/these products are saved on this device/)).toBeVisible();
  await form.getByRole("option", { name: new RegExp(product.sku) }).click();
  const lines = form.getByRole("list", { name: "Products on this request" });
  await lines.getByLabel(`Quantity of ${product.name}`).fill("2");
  await form.getByLabel(/reference/i).fill(reference);
  await form.getByRole("button", { name: "Submit request" }).click();
}

test("a request submitted offline waits on the device and is sent exactly once when the connection returns", async ({
  page,
  context,
}, testInfo) => {
  const who = people(testInfo.project.name);
  const product = await stockedProduct(who.slug);
  const reference = `OFFLINE-${testInfo.project.name}-${Date.now().toString(36)}`;
  await signInWithForm(page, { email: who.staff, password: PASSWORD });
  await openFormThenGoOffline(page, context, product.sku);

  await composeAndSubmit(page, product, reference);
  await expect(page.getByText(QUEUED)).toBeVisible();
  await expect(page.getByRole("link", { name: "1 waiting to send" }).first()).toBeAttached();
  expect(await requestsWithReference(reference)).toEqual([]);

  await context.setOffline(false);
  await expect.poll(() => requestsWithReference(reference)).toHaveLength(1);
  const [made] = await requestsWithReference(reference);
  expect(made).toMatchObject({ product_id: product.id, quantity: 2, requester: who.staff });
  await expect.poll(() => deviceStore(page, "outbox")).toEqual([]);

  await page.goto("/requests");
  await expect(page.getByRole("link", { name: `REQ-${String(made!.number).padStart(6, "0")}` })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Waiting to send" })).toHaveCount(0);
  expect(await requestsWithReference(reference)).toHaveLength(1);
});

test("a replay the server refuses shows its reason and can be discarded", async ({ page, context }, testInfo) => {
  const who = people(testInfo.project.name);
  const stamp = `${testInfo.project.name}-${Date.now().toString(36)}`;
  const product = await freshProduct(who.slug, stamp);
  const reference = `REFUSED-${stamp}`;
  await signInWithForm(page, { email: who.staff, password: PASSWORD });
  await page.goto("/requests/new");
  // Searched once online: the device remembers it.
  await page.getByRole("combobox", { name: "Add a product" }).fill(product.sku);
  await expect(page.getByRole("option", { name: new RegExp(product.sku) })).toBeVisible();
  await page.getByRole("combobox", { name: "Add a product" }).fill("");
  await context.setOffline(true);
  await composeAndSubmit(page, product, reference, /Restock/);
  await expect(page.getByText(QUEUED)).toBeVisible();

  // Meanwhile a manager archives the product.
  await queryE2eDatabase(`UPDATE products SET archived = true, archived_at = now() WHERE id = $1::uuid`, [product.id]);
  await context.setOffline(false);
  await expect
    .poll(async () => ((await deviceStore(page, "outbox")) as { state: string }[]).map((e) => e.state))
    .toEqual(["refused"]);

  await page.goto("/requests");
  const waiting = page.getByRole("region", { name: "Waiting to send" });
  await expect(waiting.getByText("Refused", { exact: true })).toBeVisible();
  await expect(waiting.getByText(`${product.name} (${product.sku}) is archived`).first()).toBeVisible();
  await waiting.getByRole("button", { name: "Discard" }).click();
  await expect(page.getByRole("region", { name: "Waiting to send" })).toHaveCount(0);
  expect(await deviceStore(page, "outbox")).toEqual([]);
  expect(await requestsWithReference(reference)).toEqual([]);
});

test("sign-out asks about unsent requests, keeps them for the same person only, who sends them on signing in", async ({
  page,
  context,
}, testInfo) => {
  const who = people(testInfo.project.name);
  const product = await stockedProduct(who.slug);
  const reference = `SIGNOUT-${testInfo.project.name}-${Date.now().toString(36)}`;
  await signInWithForm(page, { email: who.staff, password: PASSWORD });
  await openFormThenGoOffline(page, context, product.sku);
  await composeAndSubmit(page, product, reference);
  await expect(page.getByText(QUEUED)).toBeVisible();

  // Back online, but the server cannot take it yet: it stays waiting.
  await page.route("**/api/requests", (route) =>
    route.fulfill({ status: 503, contentType: "application/problem+json", body: '{"title":"Busy"}' }),
  );
  await context.setOffline(false);
  await page.goto("/requests");
  await expect(
    page.getByRole("region", { name: "Waiting to send" }).getByText("Waiting", { exact: true }),
  ).toBeVisible();

  const asked: string[] = [];
  page.once("dialog", (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await signOut(page);
  expect(asked).toEqual([
    "You have 1 request not sent yet. It stays on this device and is sent when you sign in again. Sign out anyway?",
  ]);
  await expect(page).toHaveURL(/\/requests/);

  page.once("dialog", (dialog) => void dialog.accept());
  await signOut(page);
  await expect(page).toHaveURL(/\/login/);
  await page.unroute("**/api/requests");
  expect(await deviceStore(page, "products")).toEqual([]);
  expect(
    ((await deviceStore(page, "outbox")) as { payload: { reference: string } }[]).map((e) => e.payload.reference),
  ).toEqual([reference]);

  // Another person on this device: the request is not theirs to send.
  page.on("dialog", (dialog) => {
    throw new Error(`unexpected question for another person: ${dialog.message()}`);
  });
  await signInWithForm(page, { email: who.staff2, password: PASSWORD });
  await page.goto("/requests");
  await expect(page.getByRole("heading", { name: "Waiting to send" })).toHaveCount(0);
  await page.waitForLoadState("networkidle");
  expect(await requestsWithReference(reference)).toEqual([]);
  await signOut(page);
  await expect(page).toHaveURL(/\/login/);
  expect(await deviceStore(page, "outbox")).toHaveLength(1);

  // The same person again: sent as them.
  await signInWithForm(page, { email: who.staff, password: PASSWORD });
  await expect.poll(() => requestsWithReference(reference)).toHaveLength(1);
  expect((await requestsWithReference(reference))[0]!.requester).toBe(who.staff);
  await expect.poll(() => deviceStore(page, "outbox")).toEqual([]);
});

test("a submit whose answer was lost on the way back still makes exactly one request", async ({ page }, testInfo) => {
  const who = people(testInfo.project.name);
  const product = await stockedProduct(who.slug);
  const reference = `LOST-${testInfo.project.name}-${Date.now().toString(36)}`;
  await signInWithForm(page, { email: who.staff, password: PASSWORD });
  await page.goto("/requests/new");
  // The server action reaches the server and is done; its answer never reaches the page.
  let delivered = 0;
  await page.route("**/requests/new*", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    await route.fetch();
    delivered++;
    await route.abort("failed");
  });
  const form = page.getByRole("form", { name: "New request" });
  await form.getByRole("radio", { name: /Customer order/ }).check();
  await form.getByRole("combobox", { name: "Add a product" }).fill(product.sku);
  await form.getByRole("option", { name: new RegExp(product.sku) }).click();
  await form.getByLabel(/reference/i).fill(reference);
  await form.getByRole("button", { name: "Submit request" }).click();

  await expect(page.getByText(QUEUED)).toBeVisible();
  expect(delivered).toBe(1);
  // Kept under the same client request id and replayed at once: the server answers with the request it made.
  await expect.poll(() => deviceStore(page, "outbox")).toEqual([]);
  expect(await requestsWithReference(reference)).toHaveLength(1);
});

test.describe("across a deploy", () => {
  // The app's own service worker, as on a phone: the deploy replaces it while the request waits.
  test.use({ serviceWorkers: "allow" });

  test("a request queued before a deploy is delivered after it, exactly once", async ({ page, context }, testInfo) => {
    const who = people(testInfo.project.name);
    const product = await stockedProduct(who.slug);
    const reference = `DEPLOY-${testInfo.project.name}-${Date.now().toString(36)}`;
    await signInWithForm(page, { email: who.staff, password: PASSWORD });
    await page.goto("/requests/new");
    expect(await controlledBy(page)).toMatch(/\/serwist\/sw\.js$/);
    await openFormThenGoOffline(page, context, product.sku);
    await composeAndSubmit(page, product, reference);
    await expect(page.getByText(QUEUED)).toBeVisible();

    // The deploy, while the phone is offline: the server now runs a build that knows none of this page's server
    // actions (a new build's action ids differ; an old id gets a 404), and ships a new service worker.
    const oldActions: string[] = [];
    await context.route("**/*", (route) => {
      if (!route.request().headers()["next-action"]) return route.fallback();
      oldActions.push(route.request().url());
      return route.fulfill({ status: 404, contentType: "text/plain", body: "Server action not found." });
    });
    await context.setOffline(false);
    await deployNewWorker(page);

    // The page of the old build sends the queued request through the stable route handler.
    await expect.poll(() => requestsWithReference(reference)).toHaveLength(1);
    await expect.poll(() => deviceStore(page, "outbox")).toEqual([]);
    const banner = page.getByRole("status").filter({ hasText: "A new version of StockFlow is ready" });
    await banner.getByRole("button", { name: "Reload" }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL).catch(() => ""), {
        timeout: 30_000,
      })
      .toMatch(/sw\.js\?next-deploy=1$/);

    // The new version starts with nothing left to send, and nothing was sent twice.
    await page.goto("/requests");
    const [made] = await requestsWithReference(reference);
    await expect(page.getByRole("link", { name: `REQ-${String(made!.number).padStart(6, "0")}` })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Waiting to send" })).toHaveCount(0);
    expect(await requestsWithReference(reference)).toHaveLength(1);
    expect(made).toMatchObject({ product_id: product.id, quantity: 2, requester: who.staff });
    expect(oldActions).toEqual([]);
  });
});
