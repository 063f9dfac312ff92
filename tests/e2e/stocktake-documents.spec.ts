// A blind stocktake counted on a phone (issue 15 item 5; docs/architecture.md §5 "Stocktake documents"), run by the
// "scanning" project (playwright.config.ts): Chromium's fake camera plays a demo product's EAN-13
// (tests/e2e/helpers/barcode-video.ts). A manager starts a blind stocktake of Acme's main warehouse at 390 px, counts
// the product the camera shows by scanning it and another found by searching, finishes, recounts the line flagged
// for recount, books, and the product's page shows the booked stock.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { queryE2eDatabase } from "./helpers/db";
import { expect, test } from "./helpers/csp";
import { VIDEO_BARCODE } from "./helpers/barcode-video";
import { signIn } from "./helpers/session";

const MANAGER = { email: "manager@acme.example", password: "stockflow-demo" };

test.use({ viewport: { width: 390, height: 844 } });
test.setTimeout(120_000);

/** axe's serious and critical findings on the page as it is (the accessibility spec's rules, in legacy mode). */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .options({ resultTypes: ["violations"] })
    .setLegacyMode(true)
    .analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

interface Counted {
  id: string;
  name: string;
  sku: string;
  unit: string;
  on_hand: number;
}

/** The product the camera shows and another stocked at Acme's main warehouse, with what the books hold there. */
async function products(): Promise<{ scanned: Counted; searched: Counted }> {
  const rows = await queryE2eDatabase<Counted & { barcode: string | null }>(
    `SELECT p.id::text, p.name, p.sku, p.unit, p.barcode, s.on_hand
       FROM products p
       JOIN companies c ON c.id = p.company_id AND c.slug = 'acme'
       JOIN locations l ON l.company_id = p.company_id AND l.name = 'Main warehouse'
       JOIN stock_levels s ON s.company_id = p.company_id AND s.product_id = p.id AND s.location_id = l.id
      WHERE NOT p.archived AND s.on_hand > 0
      ORDER BY p.barcode = $1 DESC, p.name
      LIMIT 2`,
    [VIDEO_BARCODE],
  );
  const [scanned, searched] = rows;
  expect(scanned?.barcode, "Acme's video product is stocked at its main warehouse").toBe(VIDEO_BARCODE);
  expect(searched, "another Acme product stocked there").toBeDefined();
  return { scanned: scanned!, searched: searched! };
}

test("a blind stocktake on a phone: scan and search to count, finish, recount the flagged line, book", async ({
  page,
}) => {
  const { scanned, searched } = await products();
  await signIn(page, MANAGER);
  await page.goto("/stocktakes/new");
  const start = page.getByRole("form", { name: "Start a stocktake" });
  await start.getByLabel("Location").selectOption({ label: "Main warehouse" });
  await start.getByLabel("Blind count").check();
  await start.getByLabel("More than this many units").fill("2");
  await start.getByRole("button", { name: "Start stocktake" }).click();
  await expect(page).toHaveURL(/\/stocktakes\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^ST-\d{6} at Main warehouse$/);
  // Blind: nothing on the page says what the books hold.
  await expect(page.getByRole("main")).not.toContainText(/On hand now|Expected/);

  // Scanned: the camera's product opens for counting, its unit beside the box. Counted as the books say.
  await page.getByRole("button", { name: "Scan to count" }).click();
  const count = (name: string) => page.getByRole("form", { name: `Count ${name}` });
  await expect(count(scanned.name)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("dialog")).toHaveCount(0);
  const scannedBox = count(scanned.name).getByLabel(`Count of ${scanned.name}`);
  await expect(scannedBox).toBeFocused();
  await expect(scannedBox).toHaveAccessibleDescription(new RegExp(`Unit: ${scanned.unit}`));
  expect(await seriousViolations(page), "axe on the document while counting").toEqual([]);
  // The count panel open is the widest the page gets: it fits the narrowest phone too.
  for (const width of [390, 360]) {
    await page.setViewportSize({ width, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${width} px`).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await scannedBox.fill(String(scanned.on_hand));
  await count(scanned.name).getByRole("button", { name: "Save count" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Saved: / })).toHaveText(
    `Saved: ${scanned.on_hand.toLocaleString("en-US")} ${scanned.unit} of ${scanned.name} (${scanned.sku}).`,
  );

  // Searched: five more than the books say, over the threshold of 2.
  await page.getByRole("search", { name: "Find a product" }).getByLabel("Find a product").fill(searched.sku);
  await page.getByRole("search", { name: "Find a product" }).getByRole("button", { name: "Search" }).click();
  await page.getByRole("button", { name: `Count ${searched.name}` }).click();
  await count(searched.name)
    .getByLabel(`Count of ${searched.name}`)
    .fill(String(searched.on_hand + 5));
  await count(searched.name).getByRole("button", { name: "Save count" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Saved: / })).toContainText(searched.name);

  // Finish: the searched line is flagged for recount; booking waits for it.
  await page.getByRole("button", { name: "Finish counting" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Finish counting" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Counting on ST-/ })).toContainText(
    `1 product needs a recount before booking: ${searched.name} (${searched.sku}).`,
  );
  await page.getByRole("link", { name: "Show what to recount" }).click();
  const flagged = page.getByRole("list", { name: "Products on this stocktake" }).getByRole("listitem");
  await expect(flagged).toHaveCount(1);
  // Blind, so the first count is not shown to whoever recounts.
  await expect(flagged).not.toContainText(String(searched.on_hand + 5));
  await flagged.getByRole("button", { name: `Recount ${searched.name}` }).click();
  await count(searched.name)
    .getByLabel(`Count of ${searched.name}`)
    .fill(String(searched.on_hand + 4));
  await count(searched.name).getByRole("button", { name: "Save count" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Recount saved: / })).toContainText(searched.name);

  await page.getByRole("button", { name: "Book stocktake" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Book stocktake" }).click();
  await expect(page.getByRole("status").filter({ hasText: / is booked: / })).toHaveText(
    /is booked: 1 count changed the stock, 1 count confirmed it\.$/,
  );
  // Booked: the variance report opens, with the difference the recount found.
  await page.getByRole("link", { name: "Variance report" }).click();
  await expect(
    page.getByRole("list", { name: "Lines" }).getByRole("listitem").filter({ hasText: searched.name }),
  ).toContainText(
    `Expected ${searched.on_hand.toLocaleString("en-US")}, counted ${(searched.on_hand + 4).toLocaleString("en-US")}`,
  );

  expect(await seriousViolations(page), "axe on the variance report").toEqual([]);

  await page.goto(`/products/${searched.id}`);
  const stock = page.getByRole("table", { name: /Stock by location/ });
  await expect(stock.getByRole("row", { name: /Main warehouse/ })).toContainText(
    (searched.on_hand + 4).toLocaleString("en-US"),
  );
});
