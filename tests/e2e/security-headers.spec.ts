// The Content-Security-Policy (lib/http/security-headers.ts) in a real browser. The pages that use what it allows —
// Next.js's scripts by nonce, the dashboard's chart (inline styles), a product page's live updates (an event
// stream) — work without a single violation (./helpers/csp.ts fails a test on any), and a script slipped into a page
// without the request's nonce does not run. The email previews (/dev/emails) are not served by a production build.
import { expect, test } from "./helpers/csp";
import { NORTHWIND_ADMIN, NORTHWIND_STAFF, stockedDemoProduct, watchProduct } from "./helpers/live";
import { HOME, signIn } from "./helpers/session";

test("signing in and the dashboard's chart work under the policy", async ({ page }) => {
  const login = await page.goto("/login");
  expect(login!.headers()["content-security-policy"]).toMatch(/script-src [^;]*'nonce-[^']+'/);
  await signIn(page, NORTHWIND_ADMIN, { landsOn: HOME });
  await expect(page.getByRole("heading", { name: "Stock in and out per day" })).toBeVisible();
  // recharts draws its legend in the browser, after measuring: the chart's scripts ran.
  await expect(page.getByLabel("In legend icon")).toBeVisible();
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  // A client-side navigation (the main menu on a desktop, the dashboard's low-stock link on a phone): the router's
  // fetches and the scripts they bring.
  await page.getByRole("link", { name: "Products" }).first().click();
  await expect(page).toHaveURL(/\/products(\?stock=low)?$/);
  await expect(page.getByRole("heading", { name: "Products", level: 1 })).toBeVisible();
});

test("a product page's live connection opens under the policy", async ({ page }) => {
  const product = await stockedDemoProduct();
  await signIn(page, NORTHWIND_STAFF);
  await watchProduct(page, product);
});

test("a script slipped into a page without the request's nonce does not run", async ({ page, policyViolations }) => {
  // As a stored injection would arrive: inside the server's HTML, under the server's own headers.
  await page.route("**/login", async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace("</body>", "<script>window.__injected = true</script></body>");
    await route.fulfill({ response, body: html });
  });
  await page.goto("/login");
  await expect(page.getByLabel("Email")).toBeVisible();
  expect(await page.evaluate(() => "__injected" in window)).toBe(false);
  await expect.poll(() => policyViolations.join("\n")).toContain("script-src");
  // Expected here: the fixture's check is for every other test.
  policyViolations.length = 0;
});
