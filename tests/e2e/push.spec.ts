import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./helpers/csp";
import { queryE2eDatabase } from "./helpers/db";
import { NORTHWIND_MANAGER } from "./helpers/live";
import { signIn } from "./helpers/session";

// The service worker is what this spec is about (playwright.config.ts blocks it for the others).
test.use({ serviceWorkers: "allow" });

// Push notifications (issue 13, item 6; docs/architecture.md §8). A real subscription needs a push service this
// machine cannot reach, so:
// - the profile's opt-in runs against a stubbed push manager (an init script): the switch calls the server, which
//   stores the subscription, and reads "On", after a reload too; "Off" removes it;
// - the app's own service worker (/serwist/sw.js, app/sw.ts) receives a push through CDP's
//   ServiceWorker.deliverPushMessage and shows the notification.

/** The browser's side of a subscription, kept in localStorage so a reload finds the same one. */
async function stubPushManager(page: Page, endpoint: string) {
  await page.addInitScript((endpoint: string) => {
    const key = "e2e-push-subscription";
    const subscription = () => {
      if (!localStorage.getItem(key)) return null;
      return {
        endpoint,
        toJSON: () => ({ endpoint, keys: { p256dh: `B${"A".repeat(86)}`, auth: "A".repeat(22) } }),
        unsubscribe: async () => (localStorage.removeItem(key), true),
      };
    };
    const pushManager = {
      getSubscription: async () => subscription(),
      subscribe: async (options: PushSubscriptionOptionsInit) => {
        if (!options.userVisibleOnly || !options.applicationServerKey) throw new Error("bad options");
        localStorage.setItem(key, "1");
        return subscription();
      },
    };
    const registration = { pushManager, update: async () => undefined, addEventListener: () => undefined };
    // Enough of a container for the app's own service worker code to run against it too.
    Object.defineProperty(navigator, "serviceWorker", {
      configurable: true,
      value: {
        ready: Promise.resolve(registration),
        controller: null,
        getRegistration: async () => registration,
        register: async () => registration,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
      },
    });
  }, endpoint);
}

const storedEndpoints = async (endpoint: string) =>
  queryE2eDatabase<{ email: string }>(
    `SELECT u.email FROM push_subscriptions s JOIN users u ON u.id = s.user_id WHERE s.endpoint = $1`,
    [endpoint],
  );

test("the profile's switch turns this device's notifications on through the server, and off again", async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(["notifications"], { origin: baseURL });
  const endpoint = `https://fcm.googleapis.com/fcm/send/e2e-${randomUUID()}`;
  await stubPushManager(page, endpoint);
  test.setTimeout(90_000);
  await signIn(page, NORTHWIND_MANAGER, { landsOn: /\/dashboard$/ });
  await page.goto("/profile");

  const toggle = page.getByRole("switch", { name: "Notifications on this device" });
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(toggle).toBeEnabled();
  await toggle.click();
  await expect(page.getByRole("status").filter({ hasText: "Notifications are on for this device." })).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-checked", "true");
  await expect(toggle).toHaveText("On");
  expect(await storedEndpoints(endpoint)).toEqual([{ email: NORTHWIND_MANAGER.email }]);

  // The server holds it for this session: after a reload the switch still reads On.
  await page.reload();
  await expect(toggle).toHaveAttribute("aria-checked", "true");

  await toggle.click();
  await expect(page.getByRole("status").filter({ hasText: "Notifications are off for this device." })).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  expect(await storedEndpoints(endpoint)).toEqual([]);
});

test("the app's service worker shows a pushed notification with its link, and a plain one for anything else", async ({
  page,
  context,
  baseURL,
}) => {
  const origin = new URL(baseURL!).origin;
  await context.grantPermissions(["notifications"], { origin });
  const cdp = await context.newCDPSession(page);
  const registrations = new Map<string, string>();
  cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations: updated }) => {
    for (const r of updated) if (!r.isDeleted) registrations.set(r.scopeURL, r.registrationId);
  });
  await cdp.send("ServiceWorker.enable");
  // The worker the app registers itself on every page (components/pwa/service-worker-registration.tsx).
  await page.goto("/login");
  const active = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active!.scriptURL));
  expect(active).toBe(`${origin}/serwist/sw.js`);
  await expect.poll(() => registrations.get(`${origin}/`)).toBeTruthy();
  const registrationId = registrations.get(`${origin}/`)!;

  const shown = () =>
    page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready;
      return (await registration.getNotifications()).map((n) => ({
        title: n.title,
        body: n.body,
        tag: n.tag,
        data: n.data as unknown,
      }));
    });
  const payload = {
    title: "REQ-000042 approved",
    body: "Northwind: approved by Mira",
    url: "/requests/abc",
    tag: "order-abc",
  };
  await cdp.send("ServiceWorker.deliverPushMessage", { origin, registrationId, data: JSON.stringify(payload) });
  await expect
    .poll(shown)
    .toEqual([{ title: payload.title, body: payload.body, tag: payload.tag, data: { url: "/requests/abc" } }]);

  await cdp.send("ServiceWorker.deliverPushMessage", {
    origin,
    registrationId,
    data: JSON.stringify({ title: "Click me", body: "x", url: "https://evil.example/", tag: "x" }),
  });
  await expect
    .poll(async () => (await shown()).find((n) => n.tag === "stockflow"))
    .toEqual({
      title: "StockFlow",
      body: "Something changed. Open StockFlow to see it.",
      tag: "stockflow",
      data: { url: "/" },
    });
});
