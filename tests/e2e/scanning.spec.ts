// The camera scanner in real Chromium (docs/architecture.md "Camera scanning"), run by the "scanning" project
// only (playwright.config.ts): its fake camera plays a video of a demo product's EAN-13
// (tests/e2e/helpers/barcode-video.ts). Linux Chromium has no BarcodeDetector, so the first three tests go through
// the WebAssembly decoder, served from the app's own origin under its CSP; the others inject a stub BarcodeDetector
// and prove the native path is taken (the decoder's .wasm is never requested), and that a refused camera still
// leaves the code field.
import type { Page } from "@playwright/test";
import { queryE2eDatabase } from "./helpers/db";
import { expect, test } from "./helpers/csp";
import { VIDEO_BARCODE } from "./helpers/barcode-video";
import { signIn } from "./helpers/session";

const PASSWORD = "stockflow-demo";
const WASM = /\/vendor\/zxing-wasm\/[^/]+\/zxing_reader\.wasm$/;

test.setTimeout(90_000);

/** The Acme product whose barcode the fake camera shows, and Acme's main warehouse. */
async function videoProduct() {
  const rows = await queryE2eDatabase<{ id: string; name: string; sku: string; warehouse: string }>(
    `SELECT p.id::text, p.name, p.sku, l.id::text AS warehouse
       FROM products p
       JOIN companies c ON c.id = p.company_id AND c.slug = 'acme'
       JOIN locations l ON l.company_id = p.company_id AND l.name = 'Main warehouse'
      WHERE p.barcode = $1 AND NOT p.archived`,
    [VIDEO_BARCODE],
  );
  expect(rows, `an active Acme product with barcode ${VIDEO_BARCODE}`).toHaveLength(1);
  return rows[0]!;
}

/** Every URL the page requests, to check what was (not) fetched and from where. */
function requestsOf(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}

test.describe("with the WebAssembly decoder", () => {
  test("scan to open: the scanned barcode opens its product; the decoder comes from the app's origin", async ({
    page,
    baseURL,
  }) => {
    const product = await videoProduct();
    const urls = requestsOf(page);
    await signIn(page, { email: "staff@acme.example", password: PASSWORD });
    await page.goto("/products");
    expect(
      urls.filter((url) => WASM.test(url)),
      "the decoder is not fetched before the scanner opens",
    ).toEqual([]);

    // The dialog is not awaited here: the decoder can read the code and the product page replace the dialog before
    // a check for it comes round. The decoder's one request below shows the dialog ran.
    await page.getByRole("button", { name: "Scan" }).click();
    await expect(page).toHaveURL(new RegExp(`/products/${product.id}$`), { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(product.name);

    const wasm = urls.filter((url) => WASM.test(url));
    expect(wasm).toHaveLength(1);
    expect(new URL(wasm[0]!).origin).toBe(new URL(baseURL!).origin);
    expect(urls.filter((url) => !url.startsWith(new URL(baseURL!).origin) && !url.startsWith("data:"))).toEqual([]);
  });

  test("add to a request: a scan adds the product, scanning it again makes it two", async ({ page }) => {
    const product = await videoProduct();
    await signIn(page, { email: "staff@acme.example", password: PASSWORD });
    const scripts: Promise<string>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(response.text().catch(() => ""));
    });
    await page.goto("/requests/new", { waitUntil: "load" });
    // The scanner is not in the form's first load: neither the dialog nor the decoder until Scan is pressed.
    const firstLoad = await Promise.all(scripts);
    expect(firstLoad.length).toBeGreaterThan(0);
    expect(firstLoad.filter((text) => text.includes("Or type the code") || text.includes("zxing"))).toEqual([]);
    const form = page.getByRole("form", { name: "New request" });
    await form.getByRole("radio", { name: /Restock/ }).check();
    await expect(form.getByLabel("Location")).toHaveValue(/.+/);

    const scan = form.getByRole("button", { name: "Scan" });
    const quantity = form
      .getByRole("list", { name: "Products on this request" })
      .getByLabel(`Quantity of ${product.name}`);
    await scan.click();
    await expect(quantity).toHaveValue("1", { timeout: 30_000 });
    await expect(page.getByRole("dialog")).toHaveCount(0);

    await scan.click();
    await expect(quantity).toHaveValue("2", { timeout: 30_000 });
    await expect(form.getByRole("list", { name: "Products on this request" }).getByRole("listitem")).toHaveCount(1);
  });

  test("stocktake: the scanner stays open and the count rises with each scan", async ({ page }) => {
    const product = await videoProduct();
    await signIn(page, { email: "manager@acme.example", password: PASSWORD });
    await page.goto(`/locations/${product.warehouse}/stocktake?q=${encodeURIComponent(product.sku)}`);
    const counts = page.getByRole("form", { name: "Stocktake counts" });
    const box = counts.getByLabel(product.name, { exact: true });
    await expect(box).toHaveValue("");

    await counts.getByRole("button", { name: "Scan to count" }).click();
    const dialog = page.getByRole("dialog", { name: "Count by scanning" });
    const boxCount = async () => Number(await box.inputValue());
    await expect.poll(boxCount, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    const first = await boxCount();
    await expect(dialog.getByRole("status").filter({ hasText: /counted\./ })).toHaveText(
      new RegExp(`^${product.name}: \\d+ counted\\.$`),
    );
    // A label held in view counts once (components/scan/scan-gate.ts), not at every frame; the video takes it away
    // and holds it up again each second, and each time the count rises, with the scanner still open.
    await expect.poll(boxCount, { timeout: 15_000 }).toBeGreaterThan(first);
    await expect(dialog).toBeVisible();

    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(counts.getByRole("button", { name: "Scan to count" })).toBeFocused();
    const counted = Number(await box.inputValue());
    expect(counted).toBeGreaterThanOrEqual(2);
    // Closed means stopped: the count stays.
    await page.waitForTimeout(2_000);
    await expect(box).toHaveValue(String(counted));
  });
});

test.describe("with the browser's own BarcodeDetector", () => {
  test.beforeEach(async ({ page }) => {
    // A stub of the Barcode Detection API: it reads every format and reports whatever the test puts in
    // window.__stubCodes, counting its calls.
    await page.addInitScript(() => {
      const scope = window as unknown as { __stubCodes: string[]; __detectCalls: number; BarcodeDetector: unknown };
      scope.__stubCodes = [];
      scope.__detectCalls = 0;
      scope.BarcodeDetector = class {
        static async getSupportedFormats() {
          return ["ean_13", "ean_8", "upc_a", "upc_e", "code_128", "code_39", "qr_code"];
        }
        async detect() {
          scope.__detectCalls += 1;
          return scope.__stubCodes.map((rawValue) => ({ rawValue, format: "ean_13" }));
        }
      };
    });
  });

  test("is used when present: the WebAssembly decoder is never fetched", async ({ page }) => {
    const product = await videoProduct();
    const urls = requestsOf(page);
    await signIn(page, { email: "staff@acme.example", password: PASSWORD });
    await page.goto("/products");
    await page.getByRole("button", { name: "Scan" }).click();
    await expect(page.getByRole("dialog", { name: "Scan a product" })).toBeVisible();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __detectCalls: number }).__detectCalls))
      .toBeGreaterThan(2);

    await page.evaluate((code) => {
      (window as unknown as { __stubCodes: string[] }).__stubCodes = [code];
    }, VIDEO_BARCODE);
    await expect(page).toHaveURL(new RegExp(`/products/${product.id}$`));
    expect(urls.filter((url) => WASM.test(url))).toEqual([]);
  });

  test("an unknown code says so and offers the search; a typed code works like a scanned one", async ({ page }) => {
    await signIn(page, { email: "staff@acme.example", password: PASSWORD });
    await page.goto("/products");
    await page.getByRole("button", { name: "Scan" }).click();
    const dialog = page.getByRole("dialog", { name: "Scan a product" });
    await dialog.getByLabel("Or type the code").fill("1234567890");
    await dialog.getByLabel("Or type the code").press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("No product with code “1234567890”");
    const search = page.getByRole("link", { name: "Search for it?" });
    await expect(search).toHaveAttribute("href", "/products?q=1234567890");
  });

  test("a refused camera says so, and typing still works", async ({ page }) => {
    const product = await videoProduct();
    await page.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException("Denied", "NotAllowedError"));
    });
    await signIn(page, { email: "staff@acme.example", password: PASSWORD });
    await page.goto("/products");
    await page.getByRole("button", { name: "Scan" }).click();
    const dialog = page.getByRole("dialog", { name: "Scan a product" });
    await expect(dialog.getByRole("alert")).toHaveText(/^Camera access was refused — type the code instead\./);
    await dialog.getByLabel("Or type the code").fill(product.sku.toLowerCase());
    await dialog.getByRole("button", { name: "Use code" }).click();
    await expect(page).toHaveURL(new RegExp(`/products/${product.id}$`));
  });
});
