// Several app instances on one database (docs/architecture.md §8, §9): playwright.config.ts starts a second production server
// (scripts/start.ts --e2e-secondary) on its own port, with its own LISTEN connection. A change made through one
// instance appears live on a page served by the other. Sessions are cookies of each origin: sign in on each.
import { expect, test } from "@playwright/test";
import {
  adjustStockBy,
  expectNotReloaded,
  NORTHWIND_ADMIN,
  NORTHWIND_MANAGER,
  NORTHWIND_STAFF,
  stockedDemoProduct,
  watchProduct,
} from "./helpers/live";
import { signIn } from "./helpers/session";

const SECONDARY_URL = `http://127.0.0.1:${process.env.E2E_SECONDARY_PORT ?? 3101}`;

test("a change made through one app instance appears live on a page served by the other", async ({ page, browser }) => {
  const primaryUrl = test.info().project.use.baseURL!;
  expect(new URL(primaryUrl).port).not.toBe(new URL(SECONDARY_URL).port);
  const product = await stockedDemoProduct();

  // The watcher's page comes from the second instance …
  const secondaryContext = await browser.newContext({ baseURL: SECONDARY_URL });
  try {
    const watcher = await secondaryContext.newPage();
    await signIn(watcher, NORTHWIND_STAFF);
    const watched = await watchProduct(watcher, product);
    expect(new URL(watcher.url()).origin).toBe(SECONDARY_URL);

    // … the change goes through the first.
    await signIn(page, NORTHWIND_MANAGER);
    await adjustStockBy(page, product, 4);
    expect(new URL(page.url()).origin).toBe(new URL(primaryUrl).origin);

    await expect(watched.row.getByRole("cell")).toHaveText(
      [watched.onHand + 4, watched.reserved, watched.available + 4].map((n) => n.toLocaleString("en-US")),
      { timeout: 5_000 },
    );
    await expectNotReloaded(watcher);

    // And the other way round: a change through the second instance reaches a page of the first.
    const watchedOnPrimary = await watchProduct(page, product);
    const admin = await browser.newContext({ baseURL: SECONDARY_URL });
    try {
      const adminPage = await admin.newPage();
      await signIn(adminPage, NORTHWIND_ADMIN);
      await adjustStockBy(adminPage, product, -4);
    } finally {
      await admin.close();
    }
    await expect(watchedOnPrimary.row.getByRole("cell")).toHaveText(
      [watchedOnPrimary.onHand - 4, watchedOnPrimary.reserved, watchedOnPrimary.available - 4].map((n) =>
        n.toLocaleString("en-US"),
      ),
      { timeout: 5_000 },
    );
    await expectNotReloaded(page);
  } finally {
    await secondaryContext.close();
  }
});
