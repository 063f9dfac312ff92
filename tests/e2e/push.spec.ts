import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
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
// - the service worker's handlers run in a real Chromium service worker, bundled from lib/push/service-worker-push.ts
//   and served by a small server of this test, receiving a push through CDP's ServiceWorker.deliverPushMessage.

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

/** A page and a service worker made of the push module, on an origin of their own (loopback: a secure context). */
async function serveTestWorker(): Promise<{ origin: string; server: Server }> {
  const bundled = await build({
    stdin: {
      contents: `
        import { handleNotificationClick, handlePush } from "./lib/push/service-worker-push";
        self.addEventListener("push", (event) => handlePush(event, self));
        self.addEventListener("notificationclick", (event) => handleNotificationClick(event, self));
        self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));`,
      resolveDir: path.resolve(import.meta.dirname, "../.."),
      loader: "ts",
    },
    bundle: true,
    write: false,
    format: "iife",
    logLevel: "silent",
  });
  const worker = bundled.outputFiles[0]!.text;
  const server = createServer((request, response) => {
    if (request.url === "/sw.js") {
      response.writeHead(200, { "content-type": "text/javascript" }).end(worker);
    } else {
      response.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>push worker</title>");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test("the service worker shows a pushed notification with its link, and a plain one for anything else", async ({
  page,
  context,
}) => {
  const { origin, server } = await serveTestWorker();
  try {
    await context.grantPermissions(["notifications"], { origin });
    const cdp = await context.newCDPSession(page);
    const registrations = new Map<string, string>();
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations: updated }) => {
      for (const r of updated) if (!r.isDeleted) registrations.set(r.scopeURL, r.registrationId);
    });
    await cdp.send("ServiceWorker.enable");
    await page.goto(origin);
    await page.evaluate(async () => {
      await navigator.serviceWorker.register("/sw.js");
      await navigator.serviceWorker.ready;
    });
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
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
