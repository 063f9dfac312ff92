// Sending the offline queue (docs/architecture.md "Offline request queue and the first API endpoint"): from a page (on
// load, on the `online` event, after queueing) and from the service worker's Background Sync `sync` event. One sender
// at a time on the device: a Web Lock named OUTBOX_LOCK is held while sending, so two tabs and the worker never send
// the same entry at once (the idempotency key makes even that harmless; the lock keeps it from happening). Only the
// entries of the person signed in now (the device session the last signed-in page wrote) are sent. Open pages hear
// about every change on the OUTBOX_CHANNEL BroadcastChannel. No DOM: runs in a window or a worker.
import { outboxStorage, readDeviceSession } from "./device-db";
import { sendOutbox, type ReplayResult } from "./outbox";

/** The Background Sync tag, and the name of the Web Lock and BroadcastChannel. */
export const OUTBOX_SYNC_TAG = "stockflow-outbox";
export const OUTBOX_LOCK = "stockflow-outbox";
export const OUTBOX_CHANNEL = "stockflow-outbox";

/** Tells every open page (and this one) that the outbox changed. */
export function announceOutboxChange(): void {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(OUTBOX_CHANNEL);
  channel.postMessage("changed");
  channel.close();
}

function withOutboxLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request(OUTBOX_LOCK, work) as Promise<T>) : work();
}

/**
 * Sends the signed-in person's waiting requests. With `forSync`, rejects when some had to stay waiting for the
 * connection, so that the browser retries the Background Sync later.
 */
export async function replayOutbox(
  fetcher: typeof fetch = globalThis.fetch.bind(globalThis),
  options: { forSync?: boolean } = {},
): Promise<ReplayResult> {
  const result = await withOutboxLock(async () => {
    const session = await readDeviceSession();
    if (!session) return { sent: [], refused: [] } satisfies ReplayResult;
    return sendOutbox(outboxStorage, session, fetcher);
  });
  announceOutboxChange();
  if (options.forSync && result.stopped === "offline") throw new Error("offline: the outbox waits for the next sync");
  return result;
}

/** Asks for a Background Sync, where the browser has it and a service worker is installed; the pages send otherwise. */
export async function requestOutboxSync(): Promise<void> {
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    const sync = (
      registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined
    )?.sync;
    await sync?.register(OUTBOX_SYNC_TAG);
  } catch {
    // No Background Sync (most browsers but Chromium's): the `online` event and the next page load send instead.
  }
}
