// Every page, scanned by axe-core in real Chromium on the phone and the desktop project: no serious or critical
// violation (WCAG 2.x A/AA rules and axe's best practices). Each page is scanned as the person who uses it — the
// public pages signed out, the company's pages as its admin (who sees every control), the staff home as staff,
// the console as the platform admin — after the page has hydrated, so client-rendered parts are included.
// On the phone project the same visit also checks that no page is wider than a 390 or a 360 px screen
// (issue 13, item 8): one navigation per page serves both checks.
import AxeBuilder from "@axe-core/playwright";
import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./helpers/csp";
import { queryE2eDatabase } from "./helpers/db";
import { NORTHWIND_ADMIN, NORTHWIND_STAFF } from "./helpers/live";
import { signIn } from "./helpers/session";

const PLATFORM_ADMIN = { email: "platform@stockflow.example", password: "stockflow-demo" };

/** The phone widths every page must fit: a 390×844 phone, and the narrowest we support. */
const PHONE_WIDTHS = [390, 360] as const;
const PHONE_HEIGHT = 844;

/**
 * How wide the page is laid out. Compared with the width set, not with `innerWidth`: a phone browser zooms out to
 * show a page wider than its screen, and `innerWidth` grows with it.
 */
async function pageWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/**
 * axe in legacy mode: `axe.run` inside the page, as one call. The default mode runs each frame separately and
 * finishes in a new blank page, which costs a second page per scan; our pages have no cross-origin frames, the one
 * thing only that mode reaches. Only violations are collected: the passes are never read.
 */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .options({ resultTypes: ["violations"] })
    .setLegacyMode(true)
    .analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(" ")).slice(0, 5),
    }));
}

/** Checks each path: axe on every project; on the phone also its width at 390 and 360 px. */
async function checkPages(page: Page, testInfo: TestInfo, paths: readonly string[]) {
  const phone = testInfo.project.name === "phone";
  const tooWide: string[] = [];
  for (const path of paths) {
    if (phone) await page.setViewportSize({ width: PHONE_WIDTHS[0], height: PHONE_HEIGHT });
    const response = await page.goto(path);
    expect(response?.status(), `${path} answers`).toBeLessThan(400);
    // Not "networkidle": live pages keep their event stream open.
    await page.waitForLoadState("load");
    expect(await seriousViolations(page), `axe on ${path}`).toEqual([]);
    if (!phone) continue;
    for (const width of PHONE_WIDTHS) {
      await page.setViewportSize({ width, height: PHONE_HEIGHT });
      const scrollWidth = await pageWidth(page);
      if (scrollWidth > width) tooWide.push(`${path} at ${width} px: ${scrollWidth} px wide`);
    }
  }
  expect(tooWide, "pages wider than the phone").toEqual([]);
}

/** Ids of one Northwind product, request, location, supplier and customer, for the pages that show one. */
async function northwindIds() {
  const [row] = await queryE2eDatabase<{
    product_id: string;
    request_id: string;
    location_id: string;
    supplier_id: string;
    customer_id: string;
  }>(
    `SELECT (SELECT p.id::text FROM products p WHERE p.company_id = c.id AND NOT p.archived ORDER BY p.name LIMIT 1)
              AS product_id,
            (SELECT r.id::text FROM order_requests r WHERE r.company_id = c.id ORDER BY r.number LIMIT 1) AS request_id,
            (SELECT l.id::text FROM locations l WHERE l.company_id = c.id AND l.archived_at IS NULL ORDER BY l.name LIMIT 1)
              AS location_id,
            (SELECT r.supplier_id::text FROM order_requests r
              WHERE r.company_id = c.id AND r.supplier_id IS NOT NULL ORDER BY r.number LIMIT 1) AS supplier_id,
            (SELECT r.customer_id::text FROM order_requests r
              WHERE r.company_id = c.id AND r.customer_id IS NOT NULL ORDER BY r.number LIMIT 1) AS customer_id
       FROM companies c WHERE c.slug = 'northwind'`,
  );
  expect(
    row?.product_id && row.request_id && row.location_id && row.supplier_id && row.customer_id,
    "demo data has a product, request, location, and a supplier and customer that requests name",
  ).toBeTruthy();
  return row!;
}

test("public pages: no serious accessibility violation, none wider than a phone", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await checkPages(page, testInfo, [
    "/",
    "/login",
    "/register",
    "/forgot-password",
    "/contact",
    "/reset-password/not-a-real-token",
    "/invite/not-a-real-token",
    "/confirm-email/not-a-real-token",
  ]);
});

test("the company's pages: no serious accessibility violation, none wider than a phone", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const ids = await northwindIds();
  await signIn(page, NORTHWIND_ADMIN);
  await checkPages(page, testInfo, [
    "/dashboard",
    "/products",
    "/products/new",
    `/products/${ids.product_id}`,
    `/products/${ids.product_id}/edit`,
    "/products/import",
    "/products/duplicates",
    "/reorder",
    "/requests",
    "/requests/new",
    `/requests/${ids.request_id}`,
    "/stock/adjust",
    "/stock/transfer",
    "/locations",
    `/locations/${ids.location_id}/stocktake`,
    "/suppliers",
    "/suppliers/new",
    `/suppliers/${ids.supplier_id}`,
    `/suppliers/${ids.supplier_id}/edit`,
    "/suppliers/import",
    "/customers",
    `/customers/${ids.customer_id}`,
    "/stocktakes",
    "/stocktakes/new",
    "/users",
    "/settings",
    "/profile",
    "/audit",
  ]);
});

test("the staff's pages: no serious accessibility violation, none wider than a phone", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page, NORTHWIND_STAFF);
  await checkPages(page, testInfo, [
    "/requests",
    "/requests/new",
    "/products",
    "/reorder",
    "/suppliers",
    "/stocktakes",
    "/profile",
  ]);
});

test("the platform console: no serious accessibility violation, not wider than a phone", async ({ page }, testInfo) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(PLATFORM_ADMIN.email);
  await page.getByLabel("Password").fill(PLATFORM_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/platform/);
  await checkPages(page, testInfo, ["/platform"]);
});
