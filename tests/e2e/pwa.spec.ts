// The installable app (docs/architecture.md "Installable app and service worker"), in the production build the e2e
// server runs: the manifest and its icons, the service worker taking control, Chromium's installability verdict,
// the offline page and the pages kept for offline use, and an update that waits for the person's Reload.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./helpers/csp";
import { NORTHWIND_STAFF } from "./helpers/live";
import { controlledBy, deployNewWorker } from "./helpers/service-worker";
import { HOME, signIn } from "./helpers/session";

// The service worker is what this spec is about (playwright.config.ts blocks it for the others).
test.use({ serviceWorkers: "allow" });

// Each test installs the worker afresh (a new browser context), precaching the build's files meanwhile.
test.setTimeout(120_000);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("the manifest describes an installable StockFlow, and every icon it names is there", async ({ page }) => {
  await page.goto("/login");
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(href).toBe("/manifest.webmanifest");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  const manifest = await response.json();
  expect(manifest).toMatchObject({
    id: "/",
    name: "StockFlow",
    short_name: "StockFlow",
    start_url: "/start",
    scope: "/",
    display: "standalone",
    theme_color: "#1f57d6",
    background_color: "#f8fafc",
  });
  const icons = manifest.icons as { src: string; sizes: string; type: string; purpose: string }[];
  expect(icons.map(({ sizes, purpose }) => `${sizes} ${purpose}`).sort()).toEqual([
    "192x192 any",
    "512x512 any",
    "512x512 maskable",
  ]);
  for (const icon of icons) {
    const file = await page.request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"], icon.src).toBe(icon.type);
    const [width] = icon.sizes.split("x").map(Number);
    expect(pngSize(await file.body()), icon.src).toEqual({ width, height: width });
  }

  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/icon/);
  const apple = await page.locator('link[rel="apple-touch-icon"]').getAttribute("href");
  const appleIcon = await page.request.get(apple!);
  expect(appleIcon.status()).toBe(200);
  expect(pngSize(await appleIcon.body())).toEqual({ width: 180, height: 180 });
});

test("the service worker takes control of the app from /serwist/sw.js, uncached", async ({ page }) => {
  await page.goto("/login");
  expect(await controlledBy(page)).toMatch(/\/serwist\/sw\.js$/);

  const script = await page.request.get("/serwist/sw.js");
  expect(script.status()).toBe(200);
  expect(script.headers()["content-type"]).toMatch(/javascript/);
  expect(script.headers()["service-worker-allowed"]).toBe("/");
  expect(script.headers()["cache-control"]).toBe("no-cache");
});

test("Chromium reports the app installable", async ({ playwright, baseURL }, testInfo) => {
  // Chromium offers no install in an incognito profile, which every context of a launched browser is: this check
  // runs in a profile on disk, as a person's browser does.
  const { launchOptions, viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = testInfo.project.use;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "stockflow-install-"));
  const context = await playwright.chromium.launchPersistentContext(profile, {
    ...launchOptions,
    baseURL,
    viewport,
    userAgent,
    deviceScaleFactor,
    isMobile,
    hasTouch,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto("/login");
    await controlledBy(page);
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test("offline, the pages kept for the floor still open and any other shows the offline page", async ({ page }) => {
  await signIn(page, NORTHWIND_STAFF, { landsOn: HOME });
  await controlledBy(page);
  // A page load through the worker keeps /requests; the router's move to /requests/new (no page load) asks the
  // worker to fetch and keep that one.
  await page.goto("/requests");
  await expect(page.getByRole("heading", { name: "My requests" })).toBeVisible();
  await page.getByRole("link", { name: "New request" }).first().click();
  await expect(page).toHaveURL(/\/requests\/new$/);
  await expect(page.getByRole("heading", { name: "New request" })).toBeVisible();
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const cache = await caches.open("stockflow-pages");
        return (await cache.keys()).map((request) => new URL(request.url).pathname).sort();
      }),
    )
    .toEqual(["/requests", "/requests/new"]);

  // Offline, something typed survives a reload the worker answers: the draft is on the device, not in the page.
  await page.context().setOffline(true);
  await page.getByLabel(/reference/i).fill("Typed with no signal");
  await page.waitForFunction(() =>
    Object.keys(localStorage).some((key) => key.startsWith("stockflow:draft:") && key.includes(":request-new")),
  );
  await page.reload();
  await expect(page.getByRole("heading", { name: "New request" })).toBeVisible();
  await expect(page.getByLabel(/reference/i)).toHaveValue("Typed with no signal");
  await page.goto("/requests");
  await expect(page.getByRole("heading", { name: "My requests" })).toBeVisible();

  await page.goto("/products");
  await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  await expect(page).toHaveURL(/\/products$/);
  await expect(page.getByRole("link", { name: "Try again" })).toBeVisible();

  // Back online, "Try again" loads the page that was asked for, fresh from the server.
  await page.context().setOffline(false);
  await page.getByRole("link", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Products" })).toBeVisible();
});

test("a new version waits until the person chooses Reload, then takes over", async ({ page }) => {
  await page.goto("/login");
  await controlledBy(page);
  await expect(page.getByText("A new version of StockFlow is ready")).toHaveCount(0);

  await deployNewWorker(page);
  const banner = page.getByRole("status").filter({ hasText: "A new version of StockFlow is ready" });
  await expect(banner).toBeVisible();
  expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toMatch(/sw\.js$/);

  // Reload loads the page again once the new worker controls it (the marker set on this page is gone then).
  await page.evaluate(() => Object.assign(window, { beforeUpdate: true }));
  await banner.getByRole("button", { name: "Reload" }).click();
  await expect
    .poll(() => page.evaluate(() => "beforeUpdate" in window).catch(() => true), { timeout: 30_000 })
    .toBe(false);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/sw\.js\?next-deploy=1$/);
  await expect(page.getByRole("heading", { name: "Sign in to StockFlow" })).toBeVisible();
});
