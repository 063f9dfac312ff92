import { devices, expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import { queryE2eDatabase } from "./helpers/db";
import { NORTHWIND_ADMIN, NORTHWIND_MANAGER, NORTHWIND_STAFF } from "./helpers/live";
import { HOME, signIn } from "./helpers/session";

// Decisions on a phone (docs/architecture.md "Decisions on a phone") in real Chromium, phone and desktop: the
// decision comes first (a bar along the bottom of a 390×844 screen, in view without scrolling), the note in an
// accessible dialog (a refused rejection keeps its note), fulfil and cancel ask first, a stale tab is told who
// decided first and when, the "needs my decision" badge follows submissions and decisions live, and the tabs of a
// browser share one live-update connection that a remaining tab takes over.

// Each test signs several people in and waits for live updates: generous limits, for a loaded machine.
test.describe.configure({ timeout: 180_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

/**
 * A pending restock (4 of a Northwind product, in its unit, into Main warehouse) by Sam Staff, written straight in;
 * or one approved as requested (all 4 approved, none received yet).
 */
async function pendingRestock(status: "PENDING" | "APPROVED" = "PENDING") {
  const [row] = await queryE2eDatabase<{ id: string; number: number; unit: string }>(
    `WITH c AS (SELECT id FROM companies WHERE slug = 'northwind'),
          n AS (INSERT INTO order_request_counters (company_id, last_number) SELECT id, 1 FROM c
                ON CONFLICT (company_id) DO UPDATE SET last_number = order_request_counters.last_number + 1
                RETURNING last_number),
          p AS (SELECT p.id, p.unit FROM products p, c WHERE p.company_id = c.id AND NOT p.archived ORDER BY p.sku LIMIT 1),
          o AS (INSERT INTO order_requests (id, company_id, number, type, status, version, location_id, requester_id,
                                            client_request_id, payload_hash, decided_by_id, decided_at, updated_at)
                SELECT gen_random_uuid(), c.id, n.last_number, 'RESTOCK', $1::"OrderStatus",
                       CASE WHEN $1 = 'APPROVED' THEN 2 ELSE 1 END, l.id, s.id, gen_random_uuid(), repeat('0', 64),
                       CASE WHEN $1 = 'APPROVED' THEN a.id END, CASE WHEN $1 = 'APPROVED' THEN now() END, now()
                  FROM c, n, locations l, users s, users a
                 WHERE l.company_id = c.id AND l.name = 'Main warehouse'
                   AND s.email = 'staff@northwind.example' AND a.email = 'admin@northwind.example'
                RETURNING id, company_id, number),
          ln AS (INSERT INTO order_lines (id, company_id, order_id, product_id, quantity, unit_price, approved_quantity)
                 SELECT gen_random_uuid(), o.company_id, o.id, p.id, 4, 3.50, CASE WHEN $1 = 'APPROVED' THEN 4 END
                   FROM o, p)
     SELECT o.id::text, o.number, p.unit FROM o, p`,
    [status],
  );
  return { id: row!.id, number: `REQ-${String(row!.number).padStart(6, "0")}`, unit: row!.unit };
}

async function orderState(id: string) {
  const [row] = await queryE2eDatabase<{ status: string; version: number; decision_note: string | null }>(
    `SELECT status::text, version, decision_note FROM order_requests WHERE id = $1::uuid`,
    [id],
  );
  return row!;
}

/** Another person's browser (a desktop), signed in. */
async function otherBrowser(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext({ ...devices["Desktop Chrome"] });
  const page = await context.newPage();
  await signIn(page, who);
  return { page, close: () => context.close() };
}

/** Approves a request from its page: the bar's button, then the dialog's. */
async function approveFromPage(page: Page, order: { id: string; number: string }, note?: string) {
  await page.goto(`/requests/${order.id}`);
  await page
    .getByRole("group", { name: `Decide ${order.number}` })
    .getByRole("button", { name: "Approve" })
    .click();
  const dialog = page.getByRole("dialog", { name: `Approve ${order.number}?` });
  if (note !== undefined) await dialog.getByLabel("Note (optional)").fill(note);
  await dialog.getByRole("button", { name: "Approve" }).click();
  await expect(dialog).toBeHidden();
}

/** The "needs my decision" count the navigation shows (0 when it shows none). */
async function badge(page: Page): Promise<number> {
  const marks = page.locator("[data-decision-count]");
  return (await marks.count()) === 0 ? 0 : Number(await marks.first().getAttribute("data-decision-count"));
}

test.describe("deciding on the request page", () => {
  test("the decision bar is in view at once on a 390×844 phone (the panel at the top on a desktop); approve with a note", async ({
    page,
  }, testInfo) => {
    const phone = testInfo.project.name === "phone";
    if (phone) await page.setViewportSize({ width: 390, height: 844 });
    const order = await pendingRestock();
    await signIn(page, NORTHWIND_MANAGER);
    await page.goto(`/requests/${order.id}`);
    const bar = page.getByRole("group", { name: `Decide ${order.number}` });
    await expect(bar.getByRole("button", { name: "Approve" })).toBeInViewport();
    await expect(bar.getByRole("button", { name: "Reject" })).toBeInViewport();
    if (phone) {
      // Fixed along the bottom, and the page scrolls far enough that nothing stays hidden under it.
      const box = (await bar.boundingBox())!;
      expect(Math.round(box.y + box.height)).toBe(844);
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const last = (await page.locator("main > div > *").last().boundingBox())!;
      expect(last.y + last.height).toBeLessThanOrEqual((await bar.boundingBox())!.y + 1);
    }

    // Escape closes the sheet and gives focus back to the button that opened it.
    await bar.getByRole("button", { name: "Reject" }).click();
    const reject = page.getByRole("dialog", { name: `Reject ${order.number}?` });
    await expect(reject.getByLabel("Why is it rejected?")).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(reject).toBeHidden();
    await expect(bar.getByRole("button", { name: "Reject" })).toBeFocused();

    await bar.getByRole("button", { name: "Approve" }).click();
    const approve = page.getByRole("dialog", { name: `Approve ${order.number}?` });
    await expect(approve).toContainText("Nothing moves yet");
    await approve.getByLabel("Note (optional)").fill("Shelf space checked");
    await approve.getByRole("button", { name: "Approve" }).click();
    await expect(page.getByRole("status").filter({ hasText: `${order.number} is approved.` })).toBeVisible();
    await expect(approve).toBeHidden();
    expect(await orderState(order.id)).toEqual({
      status: "APPROVED",
      version: 2,
      decision_note: "Shelf space checked",
    });
  });

  test(
    "a rejection without a reason is refused in the sheet, keeping what was typed; the corrected one goes out",
    { tag: "@phone" },
    async ({ page }) => {
      const order = await pendingRestock();
      await signIn(page, NORTHWIND_MANAGER);
      await page.goto(`/requests/${order.id}`);
      await page
        .getByRole("group", { name: `Decide ${order.number}` })
        .getByRole("button", { name: "Reject" })
        .click();
      const dialog = page.getByRole("dialog", { name: `Reject ${order.number}?` });
      const note = dialog.getByLabel("Why is it rejected?");
      await note.fill("no");
      await dialog.getByRole("button", { name: "Reject" }).click();
      await expect(dialog.getByText(/at least 3 characters/)).toBeVisible();
      await expect(note).toHaveValue("no");
      await expect(note).toHaveAttribute("aria-invalid", "true");
      expect((await orderState(order.id)).status).toBe("PENDING");

      await note.fill("No budget left this month");
      await dialog.getByRole("button", { name: "Reject" }).click();
      await expect(page.getByRole("status").filter({ hasText: `${order.number} is rejected.` })).toBeVisible();
      expect(await orderState(order.id)).toEqual({
        status: "REJECTED",
        version: 2,
        decision_note: "No budget left this month",
      });
    },
  );

  test(
    "fulfil and cancel ask first, saying what happens; dismissing changes nothing",
    { tag: "@phone" },
    async ({ page }) => {
      const order = await pendingRestock("APPROVED");
      await signIn(page, NORTHWIND_MANAGER);
      await page.goto(`/requests/${order.id}`);

      await page.getByRole("button", { name: "Fulfil" }).click();
      const fulfil = page.getByRole("dialog", { name: `Fulfil ${order.number}?` });
      await expect(fulfil).toContainText(`Still to receive into Main warehouse: 4 ${order.unit}.`);
      await fulfil.getByRole("button", { name: "Not now" }).click();
      await expect(fulfil).toBeHidden();

      await page.getByRole("button", { name: "Cancel request" }).click();
      const cancel = page.getByRole("dialog", { name: `Cancel ${order.number}?` });
      await expect(cancel).toContainText("Nothing moves. The request stays on record as cancelled.");
      await cancel.getByRole("button", { name: "Keep the request" }).click();
      await expect(cancel).toBeHidden();
      expect(await orderState(order.id)).toMatchObject({ status: "APPROVED", version: 2 });

      // By keyboard: the dialog's own button confirms.
      await page.getByRole("button", { name: "Fulfil" }).focus();
      await page.keyboard.press("Enter");
      await fulfil.getByRole("button", { name: "Fulfil" }).focus();
      await page.keyboard.press("Enter");
      await expect(
        page.getByRole("status").filter({ hasText: `${order.number} is fulfilled: the stock has moved.` }),
      ).toBeVisible();
      expect(await orderState(order.id)).toMatchObject({ status: "FULFILLED", version: 3 });
    },
  );

  test(
    "a stale tab is told who approved first and when, and nothing changes",
    { tag: "@phone" },
    async ({ page, browser }) => {
      const order = await pendingRestock();
      await signIn(page, NORTHWIND_MANAGER, { landsOn: HOME });
      // This tab hears no live updates: it keeps showing the request as it was.
      await page.route("**/api/events", (route) => route.abort());
      await page.goto(`/requests/${order.id}`);
      await expect(page.getByRole("group", { name: `Decide ${order.number}` })).toBeVisible();

      const admin = await otherBrowser(browser, NORTHWIND_ADMIN);
      try {
        await approveFromPage(admin.page, order);
      } finally {
        await admin.close();
      }

      await page
        .getByRole("group", { name: `Decide ${order.number}` })
        .getByRole("button", { name: "Reject" })
        .click();
      const dialog = page.getByRole("dialog", { name: `Reject ${order.number}?` });
      await dialog.getByLabel("Why is it rejected?").fill("Not needed");
      await dialog.getByRole("button", { name: "Reject" }).click();
      // Said in the dialog, or in the panel once the page has refreshed to show the request approved.
      await expect(page.getByRole("alert").filter({ hasText: /^Already approved/ })).toHaveText(
        new RegExp(
          `^Already approved by Alice Admin at \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} \\(Europe/London\\): ${order.number}`,
        ),
      );
      await expect(page.getByRole("link", { name: "Reload this request" })).toBeVisible();
      expect(await orderState(order.id)).toMatchObject({ status: "APPROVED", version: 2, decision_note: null });
    },
  );
});

test.describe("needs my decision", () => {
  test(
    "the badge follows a request submitted and decided elsewhere, without a reload; the view lists it",
    { tag: "@phone" },
    async ({ page, browser }) => {
      await signIn(page, NORTHWIND_MANAGER, { landsOn: HOME });
      await expect(page.locator('[data-live-status="open"]')).toBeVisible();
      await page.evaluate(() => ((window as unknown as { __notReloaded?: boolean }).__notReloaded = true));
      const before = await badge(page);

      const order = await pendingRestock();
      const staff = await otherBrowser(browser, NORTHWIND_STAFF);
      let number: string;
      try {
        // Submitted through the form, as staff do: the live update reaches the manager's badge.
        await staff.page.goto("/requests/new");
        const form = staff.page.getByRole("form", { name: "New request" });
        await form.getByRole("radio", { name: /Restock/ }).check();
        const [product] = await queryE2eDatabase<{ sku: string }>(
          `SELECT p.sku FROM products p JOIN companies c ON c.id = p.company_id AND c.slug = 'northwind'
          WHERE NOT p.archived ORDER BY p.sku LIMIT 1`,
        );
        await form.getByRole("combobox", { name: "Add a product" }).fill(product!.sku);
        await form.getByRole("option", { name: new RegExp(product!.sku) }).click();
        await form.getByRole("button", { name: "Submit request" }).click();
        await expect(staff.page).toHaveURL(/\/requests\/[0-9a-f-]{36}\?notice=created$/);
        number = (await staff.page.getByRole("heading", { level: 1 }).textContent())!.trim();
      } finally {
        await staff.close();
      }
      // The one written straight in made no event; the submitted one did, and the count is read afresh.
      await expect.poll(() => badge(page)).toBe(before + 2);

      await page.goto("/requests?view=decide");
      await expect(page.getByRole("heading", { name: "Needs my decision", level: 1 })).toBeVisible();
      await expect(page.getByText(number).filter({ visible: true }).first()).toBeVisible();
      await page.evaluate(() => ((window as unknown as { __notReloaded?: boolean }).__notReloaded = true));

      const admin = await otherBrowser(browser, NORTHWIND_ADMIN);
      try {
        await approveFromPage(admin.page, order);
      } finally {
        await admin.close();
      }
      await expect.poll(() => badge(page)).toBe(before + 1);
      expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
    },
  );
});

test.describe("one live connection per browser", () => {
  test(
    "two tabs share one /api/events stream; events reach both; closing the leader hands it over",
    { tag: "@phone" },
    async ({ page, browser }) => {
      const first = await pendingRestock();
      const second = await pendingRestock();
      await signIn(page, NORTHWIND_MANAGER, { landsOn: HOME });
      await expect(page.locator('[data-live-status="open"]')).toBeVisible();

      const context = page.context();
      let streams = 0;
      context.on("request", (request) => {
        if (new URL(request.url()).pathname === "/api/events") streams += 1;
      });
      const other = await context.newPage();
      await other.goto("/dashboard");
      await expect(other.locator('[data-live-status="open"]')).toBeVisible();
      expect(streams).toBe(0);

      const before = await badge(page);
      expect(await badge(other)).toBe(before);
      const admin = await otherBrowser(browser, NORTHWIND_ADMIN);
      try {
        await approveFromPage(admin.page, first);
        await expect.poll(() => badge(page)).toBe(before - 1);
        await expect.poll(() => badge(other)).toBe(before - 1);
        expect(streams).toBe(0);

        // The leader goes: the other tab opens the stream itself, and still hears.
        await page.close();
        await expect.poll(() => streams).toBe(1);
        await expect(other.locator('[data-live-status="open"]')).toBeVisible();
        await approveFromPage(admin.page, second);
        await expect.poll(() => badge(other)).toBe(before - 2);
      } finally {
        await admin.close();
      }
    },
  );
});
