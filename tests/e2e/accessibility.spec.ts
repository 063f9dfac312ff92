// Every page, scanned by axe-core in real Chromium on the phone and the desktop project: no serious or critical
// violation (WCAG 2.x A/AA rules and axe's best practices). Each page is scanned as the person who uses it — the
// public pages signed out, the company's pages as its admin (who sees every control), the staff home as staff,
// the console as the platform admin — after the page has hydrated, so client-rendered parts are included.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./helpers/csp";
import { queryE2eDatabase } from "./helpers/db";
import { NORTHWIND_ADMIN, NORTHWIND_STAFF } from "./helpers/live";
import { HOME, signIn } from "./helpers/session";

const PLATFORM_ADMIN = { email: "platform@stockflow.example", password: "stockflow-demo" };

async function expectNoSeriousViolations(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} answers`).toBeLessThan(400);
  // Not "networkidle": live pages keep their event stream open.
  await page.waitForLoadState("load");
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const serious = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")).slice(0, 5),
    }));
  expect(serious, `axe on ${path}`).toEqual([]);
}

/** Ids of one Northwind product, request and location, for the pages that show one. */
async function northwindIds() {
  const [row] = await queryE2eDatabase<{ product_id: string; request_id: string; location_id: string }>(
    `SELECT (SELECT p.id::text FROM products p WHERE p.company_id = c.id AND NOT p.archived ORDER BY p.name LIMIT 1)
              AS product_id,
            (SELECT r.id::text FROM order_requests r WHERE r.company_id = c.id ORDER BY r.number LIMIT 1) AS request_id,
            (SELECT l.id::text FROM locations l WHERE l.company_id = c.id AND l.archived_at IS NULL ORDER BY l.name LIMIT 1)
              AS location_id
       FROM companies c WHERE c.slug = 'northwind'`,
  );
  expect(
    row?.product_id && row.request_id && row.location_id,
    "demo data has a product, request and location",
  ).toBeTruthy();
  return row!;
}

test("public pages have no serious accessibility violations", async ({ page }) => {
  test.setTimeout(120_000);
  for (const path of [
    "/",
    "/login",
    "/register",
    "/forgot-password",
    "/contact",
    "/reset-password/not-a-real-token",
    "/invite/not-a-real-token",
    "/confirm-email/not-a-real-token",
  ]) {
    await expectNoSeriousViolations(page, path);
  }
});

test("the company's pages have no serious accessibility violations", async ({ page }) => {
  test.setTimeout(240_000);
  const ids = await northwindIds();
  await signIn(page, NORTHWIND_ADMIN, { landsOn: HOME });
  for (const path of [
    "/dashboard",
    "/products",
    "/products/new",
    `/products/${ids.product_id}`,
    `/products/${ids.product_id}/edit`,
    "/products/import",
    "/products/duplicates",
    "/requests",
    "/requests/new",
    `/requests/${ids.request_id}`,
    "/stock/adjust",
    "/stock/transfer",
    "/locations",
    `/locations/${ids.location_id}/stocktake`,
    "/users",
    "/settings",
    "/profile",
    "/audit",
  ]) {
    await expectNoSeriousViolations(page, path);
  }
});

test("the staff's pages have no serious accessibility violations", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, NORTHWIND_STAFF, { landsOn: HOME });
  for (const path of ["/requests", "/requests/new", "/products", "/profile"]) {
    await expectNoSeriousViolations(page, path);
  }
});

test("the platform console has no serious accessibility violations", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(PLATFORM_ADMIN.email);
  await page.getByLabel("Password").fill(PLATFORM_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/platform/);
  await expectNoSeriousViolations(page, "/platform");
});
