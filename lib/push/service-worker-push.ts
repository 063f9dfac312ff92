// The service worker's half of push notifications (docs/architecture.md §8, "Push notifications"), imported by
// app/sw.ts: `push` shows the notification the server sent, `notificationclick` opens its request page, focusing a
// tab that already shows it, else steering an open StockFlow tab there, else opening a new window. No DOM or server
// imports: the worker's scope is passed in, described by the few members used here, so this runs in a unit test.
import { readPushPayload, type PushPayload } from "./push-payload";

export interface PushEventLike {
  data: { json(): unknown } | null;
  waitUntil(promise: Promise<unknown>): void;
}

export interface NotificationEventLike {
  notification: { data: unknown; close(): void };
  waitUntil(promise: Promise<unknown>): void;
}

export interface WindowClientLike {
  url: string;
  focus(): Promise<unknown>;
  navigate(url: string): Promise<unknown>;
}

export interface PushWorkerScope {
  location: { origin: string };
  registration: {
    showNotification(title: string, options: { body: string; tag: string; data: { url: string } }): Promise<void>;
  };
  clients: {
    matchAll(options: { type: "window"; includeUncontrolled: boolean }): Promise<readonly WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
  };
}

/**
 * Shown for a message this app did not write (or could not read): the subscription is userVisibleOnly, so every
 * push must show something, and this says nothing a stranger could choose.
 */
const FALLBACK: PushPayload = {
  title: "StockFlow",
  body: "Something changed. Open StockFlow to see it.",
  url: "/",
  tag: "stockflow",
};

function payloadOf(event: PushEventLike): PushPayload {
  try {
    return readPushPayload(event.data?.json()) ?? FALLBACK;
  } catch {
    return FALLBACK;
  }
}

export function handlePush(event: PushEventLike, self: PushWorkerScope): void {
  const { title, body, tag, url } = payloadOf(event);
  event.waitUntil(self.registration.showNotification(title, { body, tag, data: { url } }));
}

/** The page to open: the notification's path on this worker's own origin, never another site. */
function targetOf(data: unknown, origin: string): string {
  const path = typeof data === "object" && data !== null ? (data as { url?: unknown }).url : undefined;
  const payload = readPushPayload({ ...FALLBACK, url: path });
  return new URL(payload?.url ?? "/", origin).href;
}

async function open(target: string, self: PushWorkerScope): Promise<void> {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const showing = windows.find((client) => client.url === target);
  if (showing) {
    await showing.focus();
    return;
  }
  const ours = windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (ours) {
    try {
      await ours.navigate(target);
      await ours.focus();
      return;
    } catch {
      // A tab this worker does not control cannot be steered: open a window instead.
    }
  }
  await self.clients.openWindow(target);
}

export function handleNotificationClick(event: NotificationEventLike, self: PushWorkerScope): void {
  event.notification.close();
  event.waitUntil(open(targetOf(event.notification.data, self.location.origin), self));
}
