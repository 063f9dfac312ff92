// The request form on a slow phone (issue 13, "Performance"): largest contentful paint on a first visit and on a
// repeat visit (service worker installed), and the JavaScript the page loads before anyone touches it, gzipped.
// Chromium is throttled through the DevTools protocol the way Lighthouse's mobile preset does it: "fast 3G"
// (562 ms round trip, 1.44 Mbit/s down, 675 kbit/s up) and a 4× slower CPU, on a Pixel 7 sized touch screen.
//
//   npx tsx bench/phone-load.ts [base URL]          (default http://127.0.0.1:3100, a running `npm run e2e:server`)
//
// Signs in as the demo staff member on an unthrottled page first (the form is a signed-in page), then measures
// with the session cookie. Prints one table; targets: LCP ≤ 4 s first, ≤ 1.5 s repeat, first-load JS ≤ 200 KB.
import { gzipSync } from "node:zlib";
import { chromium, devices, type BrowserContext, type Page } from "@playwright/test";

const BASE_URL = process.argv[2] ?? "http://127.0.0.1:3100";
const PATH = "/requests/new";
const STAFF = { email: "staff@northwind.example", password: "stockflow-demo" };
const RUNS = 5;

const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.44 * 1024 * 1024) / 8,
  uploadThroughput: (675 * 1024) / 8,
};

async function throttle(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", FAST_3G);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return cdp;
}

/** The page's largest contentful paint, in ms from navigation start, once the page has loaded. */
async function largestContentfulPaint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]!.startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
      }),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
  });
  const phone = { ...devices["Pixel 7"], baseURL: BASE_URL };

  const signIn = await browser.newContext(phone);
  const signInPage = await signIn.newPage();
  await signInPage.goto("/login");
  await signInPage.getByLabel("Email").fill(STAFF.email);
  await signInPage.getByLabel("Password").fill(STAFF.password);
  await signInPage.getByRole("button", { name: "Sign in" }).click();
  await signInPage.waitForURL((url) => url.pathname !== "/login");
  const storageState = await signIn.storageState();
  await signIn.close();

  const first: number[] = [];
  const repeat: number[] = [];
  let scriptBytes = 0;
  let scriptFiles = 0;
  for (let run = 0; run < RUNS; run++) {
    // A fresh profile each run: no HTTP cache, no service worker — a first visit.
    const context = await browser.newContext({ ...phone, storageState });
    const page = await context.newPage();
    await throttle(context, page);
    const scripts = new Map<string, number>();
    page.on("response", async (response) => {
      if (response.request().resourceType() !== "script") return;
      try {
        scripts.set(response.url(), gzipSync(await response.body()).length);
      } catch {
        // A response without a body (a redirect) loads no code.
      }
    });
    await page.goto(PATH, { waitUntil: "load" });
    first.push(await largestContentfulPaint(page));
    if (run === 0) {
      scriptFiles = scripts.size;
      scriptBytes = [...scripts.values()].reduce((sum, bytes) => sum + bytes, 0);
    }
    // Repeat visit: the service worker has installed and precached; a new tab of the same profile.
    await page.evaluate(async () => {
      if ("serviceWorker" in navigator && (await navigator.serviceWorker.getRegistration())) {
        await navigator.serviceWorker.ready;
      }
    });
    await page.waitForTimeout(2_000);
    const again = await context.newPage();
    await throttle(context, again);
    await again.goto(PATH, { waitUntil: "load" });
    repeat.push(await largestContentfulPaint(again));
    await context.close();
  }
  await browser.close();

  const ms = (value: number) => `${Math.round(value)} ms`;
  console.log(`Request form (${PATH}) on ${BASE_URL}, Pixel 7 profile, fast 3G, 4x CPU slowdown, ${RUNS} runs`);
  console.log(`| measure | median | worst | target |`);
  console.log(`| --- | --- | --- | --- |`);
  console.log(`| LCP, first visit | ${ms(median(first))} | ${ms(Math.max(...first))} | ≤ 4,000 ms |`);
  console.log(`| LCP, repeat visit | ${ms(median(repeat))} | ${ms(Math.max(...repeat))} | ≤ 1,500 ms |`);
  console.log(`| first-load JS (gzip) | ${(scriptBytes / 1024).toFixed(1)} KB in ${scriptFiles} files | | ≤ 200 KB |`);
}

await main();
