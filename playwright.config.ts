import { defineConfig, devices } from "@playwright/test";
import { writeBarcodeVideo } from "./tests/e2e/helpers/barcode-video";

// Debian's Chromium, never a downloaded browser (`npx playwright install` cannot reach its servers here).
// PLAYWRIGHT_CHROMIUM_PATH points at another build, e.g. Playwright's own where it is installed.
const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium";
const port = Number(process.env.E2E_PORT ?? 3100);
// A second app instance on the same database (tests/e2e/instances.spec.ts): live updates cross instances.
const secondaryPort = Number(process.env.E2E_SECONDARY_PORT ?? 3101);
const launchOptions = {
  executablePath,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
  ],
};

// The camera scanner's own project (tests/e2e/scanning.spec.ts, and the stocktake counted by scanning,
// stocktake-documents.spec.ts): Chromium's fake camera plays a barcode video drawn at run time
// (tests/e2e/helpers/barcode-video.ts) and grants the camera without asking. Only this project runs those specs, and
// it runs nothing else.
const SCANNING_SPEC = /(scanning|stocktake-documents)\.spec\.ts$/;
const scanningLaunchOptions = {
  ...launchOptions,
  args: [
    ...launchOptions.args,
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    `--use-file-for-fake-video-capture=${writeBarcodeVideo(port)}`,
  ],
};

// Most specs run on both the desktop and the phone project. Some are about one of them: the warehouse floor's specs
// (the installed app, push, the offline queue, drafts, phone pages) run on the phone only, as a person on the floor
// uses them; within a spec, a test tagged "@phone" or "@desktop" runs on that project only (label printing is done
// at a desk). Each test still runs somewhere: the choice only saves running it twice.
const PHONE_SPECS = /(pwa|push|offline-queue|drafts|phone-pages)\.spec\.ts$/;

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "test-results/e2e.json" }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    // The app's service worker would answer navigations itself, out of page.route's reach, and precache the build in
    // every new context: the specs about it (pwa, push) allow it; the others test the pages without it.
    serviceWorkers: "block",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "desktop",
      testIgnore: [SCANNING_SPEC, PHONE_SPECS],
      grepInvert: /@phone\b/,
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
    // A phone-sized Chromium (Pixel 7 viewport, touch, mobile user agent).
    {
      name: "phone",
      testIgnore: SCANNING_SPEC,
      grepInvert: /@desktop\b/,
      use: { ...devices["Pixel 7"], launchOptions },
    },
    {
      name: "scanning",
      testMatch: SCANNING_SPEC,
      use: { ...devices["Pixel 7"], launchOptions: scanningLaunchOptions },
    },
  ],
  webServer: [
    // A production build on a freshly seeded database (TEST_DATABASE_URL's server, else an embedded one).
    {
      command: "npm run e2e:server",
      url: `http://127.0.0.1:${port}/api/health`,
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
      stdout: "pipe",
    },
    // Started after the first one is up (Playwright starts them in order): the same build and database, its own
    // process and LISTEN connection. It neither migrates, seeds nor builds (scripts/start.ts --e2e-secondary).
    {
      command: "npm run e2e:server -- --e2e-secondary",
      url: `http://127.0.0.1:${secondaryPort}/api/health`,
      env: { E2E_PORT: String(port), E2E_SECONDARY_PORT: String(secondaryPort) },
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
      stdout: "pipe",
    },
  ],
});
