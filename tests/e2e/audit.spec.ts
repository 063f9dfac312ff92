// The audit log viewer in a browser (issue 7, part 4): an admin goes from a request to its entries, filters by
// action and downloads the filtered CSV; staff get a plain "admins only" page, and a refused download answers with
// the request id and lands in the log as "auth.forbidden". Every page response names its request id (header and the
// cookie the error page reads). Entries name people as they were: the name and email recorded with the entry.
import { expect, test, type Page } from "@playwright/test";
import { queryE2eDatabase } from "./helpers/db";
import { signIn } from "./helpers/session";

// Demo people of the e2e server's seed (prisma/seed.ts).
const NORTHWIND_ADMIN = { email: "admin@northwind.example", password: "stockflow-demo" };
const NORTHWIND_STAFF = { email: "staff@northwind.example", password: "stockflow-demo" };

/** The visible copy of some text: the log is a table on wide screens and cards on phones (both in the page). */
const visibleText = (page: Page, text: string) =>
  page.getByRole("main").getByText(text, { exact: true }).locator("visible=true");

test("an admin follows a request to its audit entries, filters them and downloads the CSV", async ({
  page,
  isMobile,
}) => {
  const [order] = await queryE2eDatabase<{ id: string }>(
    `SELECT o.id::text FROM order_requests o JOIN companies c ON c.id = o.company_id AND c.slug = 'northwind'
      WHERE o.status = 'FULFILLED' ORDER BY o.number LIMIT 1`,
  );
  await signIn(page, NORTHWIND_ADMIN);
  await page.goto(`/requests/${order!.id}`);
  await page.getByRole("link", { name: "See in the audit log" }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?entityType=order&entityId=${order!.id}$`));
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  await expect(visibleText(page, "order.created")).toBeVisible();
  await expect(visibleText(page, "order.fulfilled")).toBeVisible();

  // On a phone the filters wait behind their button, which counts the two the link set.
  if (isMobile) await page.getByRole("button", { name: "Filters, 2 set" }).click();
  await page.getByLabel("Action").selectOption("order.created");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=order\.created/);
  await expect(visibleText(page, "order.created")).toBeVisible();
  await expect(visibleText(page, "order.fulfilled")).toHaveCount(0);
  // Who created it, as they were then: the name and email the entry recorded.
  const [creator] = await queryE2eDatabase<{ actor_name: string; actor_email: string }>(
    `SELECT actor_name, actor_email FROM audit_logs WHERE entity_type = 'order' AND entity_id = $1
        AND action = 'order.created'`,
    [order!.id],
  );
  expect(creator!.actor_name).toBeTruthy();
  const entries = page.getByRole("region", { name: "Entries" });
  await expect(entries.getByText(creator!.actor_name, { exact: true }).locator("visible=true")).toBeVisible();
  await expect(entries.getByText(creator!.actor_email, { exact: true }).locator("visible=true")).toBeVisible();

  const href = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  expect(href).toBe(`/audit/export.csv?action=order.created&entityType=order&entityId=${order!.id}`);
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const lines = (await download.text()).trim().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`,order.created,order,${order!.id},`);
});

test("staff see that the log is for admins, and a refused download is answered with its reference and audited", async ({
  page,
}) => {
  await signIn(page, NORTHWIND_STAFF);
  const response = await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Only admins see the audit log" })).toBeVisible();
  const pageRequestId = response!.headers()["x-request-id"];
  expect(pageRequestId).toMatch(/^[0-9a-f-]{36}$/);
  const cookies = await page.context().cookies();
  expect(cookies.find((cookie) => cookie.name === "stockflow-request-id")?.value).toBe(pageRequestId);

  const refused = await page.request.get("/audit/export.csv");
  expect(refused.status()).toBe(403);
  const requestId = refused.headers()["x-request-id"];
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(await refused.text()).toBe(`Only admins can see the audit log.\nReference: ${requestId}\n`);
  const rows = await queryE2eDatabase<{ action: string; actor_name: string; actor_email: string; after: unknown }>(
    `SELECT action, actor_name, actor_email, after FROM audit_logs WHERE request_id = $1`,
    [requestId],
  );
  const [staff] = await queryE2eDatabase<{ name: string }>("SELECT name FROM users WHERE email = $1", [
    NORTHWIND_STAFF.email,
  ]);
  expect(rows).toEqual([
    {
      action: "auth.forbidden",
      actor_name: staff!.name,
      actor_email: NORTHWIND_STAFF.email,
      after: { path: "/audit/export.csv", message: "Only admins can see the audit log.", role: "STAFF" },
    },
  ]);
});
