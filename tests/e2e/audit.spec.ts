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

/** The log's entries whose sentence (or opened details) says `text`. */
const entriesSaying = (page: Page, text: string) =>
  page.getByRole("list", { name: "Audit entries, newest first" }).locator(":scope > li").filter({ hasText: text });

test("an admin follows a request to its audit entries, reads them as sentences, filters them and downloads the CSV", async ({
  page,
  isMobile,
}) => {
  const [order] = await queryE2eDatabase<{ id: string; number: number }>(
    `SELECT o.id::text, o.number FROM order_requests o JOIN companies c ON c.id = o.company_id AND c.slug = 'northwind'
      WHERE o.status = 'FULFILLED' ORDER BY o.number LIMIT 1`,
  );
  const reference = `REQ-${String(order!.number).padStart(6, "0")}`;
  // Who created it and who fulfilled it, as they were then: the names the entries recorded.
  const people = await queryE2eDatabase<{ action: string; actor_name: string; actor_email: string }>(
    `SELECT action, actor_name, actor_email FROM audit_logs WHERE entity_type = 'order' AND entity_id = $1
        AND action IN ('order.created', 'order.fulfilled') ORDER BY action`,
    [order!.id],
  );
  const [creator, fulfiller] = people;
  expect(creator!.actor_name).toBeTruthy();
  await signIn(page, NORTHWIND_ADMIN);
  await page.goto(`/requests/${order!.id}`);
  await page.getByRole("link", { name: "See in the audit log" }).click();
  await expect(page).toHaveURL(new RegExp(`/audit\\?entityType=order&entityId=${order!.id}$`));
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();
  // Sentences, not codes: who did what to which request.
  await expect(entriesSaying(page, `${creator!.actor_name} submitted request ${reference}`)).toBeVisible();
  await expect(entriesSaying(page, `${fulfiller!.actor_name} fulfilled ${reference}`)).toBeVisible();

  // On a phone the filters wait behind their button, which counts the two the link set.
  if (isMobile) await page.getByRole("button", { name: "Filters, 2 set" }).click();
  await page.getByLabel("Action").selectOption("order.created");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=order\.created/);
  const created = entriesSaying(page, `submitted request ${reference}`);
  await expect(created).toBeVisible();
  await expect(entriesSaying(page, `fulfilled ${reference}`)).toHaveCount(0);

  // The details, on demand: the code, the email recorded with the name, and the raw data behind its own toggle.
  await expect(created.getByText(creator!.actor_email, { exact: true })).toBeHidden();
  await created.locator("summary", { hasText: "Details" }).click();
  await expect(created.getByText(creator!.actor_email, { exact: true })).toBeVisible();
  await expect(created.getByText("order.created", { exact: true })).toBeVisible();
  await created.locator("summary", { hasText: "Raw data" }).click();
  await expect(created.locator("pre")).toContainText('"status": "PENDING"');

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
