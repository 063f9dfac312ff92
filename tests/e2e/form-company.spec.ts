import { expect, test } from "@playwright/test";
import { queryE2eDatabase } from "./helpers/db";

// Issue 12, item 9 in real Chromium: one browser, two tabs sharing a session. Tab 1 half-fills a form in Acme; tab 2
// opens a link to a Northwind request, which asks before switching (staying changes nothing), and switches when told.
// Tab 1's submit is then refused with the reason, nothing is created in either company, and what was typed is still
// there. Acme's admin also manages Northwind (as in requests.spec.ts; sign-in starts in their older Acme membership).
// Demo data from prisma/seed.ts.
const ADMIN = { email: "admin@acme.example", password: "stockflow-demo" };

test("a form half-filled in one company is refused after another tab follows a link into another company", async ({
  page,
  context,
}) => {
  await queryE2eDatabase(
    `INSERT INTO memberships (id, company_id, user_id, role, active, created_at, updated_at)
     SELECT gen_random_uuid(), c.id, u.id, 'MANAGER', true, now(), now()
       FROM companies c, users u
      WHERE c.slug = 'northwind' AND u.email = $1
     ON CONFLICT (company_id, user_id) DO NOTHING`,
    [ADMIN.email],
  );
  const [request] = await queryE2eDatabase<{ id: string; number: number }>(
    `SELECT o.id::text, o.number
       FROM order_requests o JOIN companies c ON c.id = o.company_id AND c.slug = 'northwind'
      ORDER BY o.number LIMIT 1`,
  );
  const [acme] = await queryE2eDatabase<{ id: string }>(`SELECT id::text FROM companies WHERE slug = 'acme'`);
  const number = `REQ-${String(request!.number).padStart(6, "0")}`;

  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // Tab 1: a new Acme location, typed but not sent.
  await page.goto("/locations");
  const form = page.getByRole("form", { name: "Add a location" });
  const name = `Second tab ${Date.now()}`;
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Code (optional)").fill("TAB-1");

  // Tab 2: the link asks first; staying keeps the session in Acme.
  const other = await context.newPage();
  await other.goto(`/requests/${request!.id}`);
  await expect(other.getByRole("heading", { name: "This link is for Northwind Supplies", level: 1 })).toBeVisible();
  await expect(other.getByText(/You are working in Acme Hardware\./)).toBeVisible();
  await other.getByRole("link", { name: "Stay in Acme Hardware" }).click();
  await expect(other).toHaveURL(/\/dashboard$/);
  await expect(other.getByRole("combobox", { name: "Company", includeHidden: true })).toHaveValue(acme!.id);

  // Asked again, it switches when told to, and opens the request.
  await other.goto(`/requests/${request!.id}`);
  await other.getByRole("button", { name: "Switch to Northwind Supplies" }).click();
  await expect(other).toHaveURL(new RegExp(`/requests/${request!.id}$`));
  await expect(other.getByRole("heading", { name: number, level: 1 })).toBeVisible();

  // Tab 1 submits its Acme form: refused with the reason, nothing created anywhere, the input still there.
  await page.bringToFront();
  await form.getByRole("button", { name: "Add location" }).click();
  await expect(form.getByRole("alert")).toHaveText(
    "This page was opened for Acme Hardware; you are now working in Northwind Supplies. " +
      "Reload to continue in Northwind Supplies, or switch back to Acme Hardware.",
  );
  await expect(form.getByLabel("Name")).toHaveValue(name);
  await expect(form.getByLabel("Code (optional)")).toHaveValue("TAB-1");
  expect(await queryE2eDatabase(`SELECT company_id FROM locations WHERE name = $1`, [name])).toEqual([]);
});
