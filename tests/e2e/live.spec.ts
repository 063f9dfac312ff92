// Live updates (docs/architecture.md §8): two people of one company, each in their own browser. One changes a product's stock; the
// other's open product page shows the new numbers by itself — no reload — through the app's event stream.
import { expect, test } from "./helpers/csp";
import {
  adjustStockBy,
  expectNotReloaded,
  NORTHWIND_MANAGER,
  NORTHWIND_STAFF,
  stockedDemoProduct,
  watchProduct,
} from "./helpers/live";
import { signIn } from "./helpers/session";

test("a stock change in one browser shows on another's product page without a reload", async ({ page, browser }) => {
  const product = await stockedDemoProduct();
  await signIn(page, NORTHWIND_STAFF);
  const watched = await watchProduct(page, product);

  const managerContext = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const manager = await managerContext.newPage();
    await signIn(manager, NORTHWIND_MANAGER);
    await adjustStockBy(manager, product, 3);

    // Within a second or two: the event is sent on commit; the page refreshes itself 300 ms after it.
    await expect(watched.row.getByRole("cell")).toHaveText(
      [watched.onHand + 3, watched.reserved, watched.available + 3].map((n) => n.toLocaleString("en-US")),
      { timeout: 5_000 },
    );
    await expectNotReloaded(page);

    await adjustStockBy(manager, product, -3);
    await expect(watched.row.getByRole("cell")).toHaveText(
      [watched.onHand, watched.reserved, watched.available].map((n) => n.toLocaleString("en-US")),
      { timeout: 5_000 },
    );
    await expectNotReloaded(page);
  } finally {
    await managerContext.close();
  }
});
