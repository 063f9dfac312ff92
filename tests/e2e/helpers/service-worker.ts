// The app's own service worker in a test that allows it (playwright.config.ts blocks it for the others).
import { expect, type Page } from "@playwright/test";

/** Waits for an active worker, then reloads until it controls the page (the first load predates it); its script URL. */
export async function controlledBy(page: Page): Promise<string> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect(async () => {
    if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  }).toPass();
  return page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
}

/**
 * A deploy, as an open page sees it: the worker script changes (here its URL), the browser installs the new one, and
 * it waits behind the one controlling this page until the person chooses Reload.
 */
export async function deployNewWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.register("/serwist/sw.js?next-deploy=1", { scope: "/" }));
}
