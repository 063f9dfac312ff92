// The device's IndexedDB database `stockflow-offline` (docs/architecture.md "Offline request queue and the first API
// endpoint"), through `idb`. Three stores:
// - `outbox`: queued requests (lib/offline/outbox.ts), keyed by client request id, indexed by person;
// - `products`: the offline product cache (lib/offline/product-cache.ts), keyed by company and product, indexed by
//   last use for eviction;
// - `meta`: who is signed in on this device (`session`), written by each signed-in page, so that the service worker
//   knows whose requests it may send.
// No DOM: the service worker's `sync` handler opens it too.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { DeviceSession, OutboxEntry, OutboxStorage } from "./outbox";
import { overLimit, PRODUCT_CACHE_LIMIT, type CachedProduct } from "./product-cache";

export const DEVICE_DB_NAME = "stockflow-offline";

interface DeviceDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { byUser: string } };
  products: { key: string; value: CachedProduct; indexes: { byLastUsed: number } };
  meta: { key: "session"; value: DeviceSession };
}

let opening: Promise<IDBPDatabase<DeviceDb>> | null = null;

export function deviceDb(): Promise<IDBPDatabase<DeviceDb>> {
  opening ??= openDB<DeviceDb>(DEVICE_DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore("outbox", { keyPath: "clientRequestId" }).createIndex("byUser", "userId");
      db.createObjectStore("products", { keyPath: "key" }).createIndex("byLastUsed", "lastUsed");
      db.createObjectStore("meta");
    },
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

export const outboxStorage: OutboxStorage = {
  all: async () => (await deviceDb()).getAll("outbox"),
  put: async (entry) => {
    await (await deviceDb()).put("outbox", entry);
  },
  remove: async (clientRequestId) => (await deviceDb()).delete("outbox", clientRequestId),
};

export async function outboxOf(userId: string): Promise<OutboxEntry[]> {
  const entries = await (await deviceDb()).getAllFromIndex("outbox", "byUser", userId);
  return entries.sort((a, b) => a.createdAt - b.createdAt);
}

export async function outboxEntry(clientRequestId: string): Promise<OutboxEntry | undefined> {
  return (await deviceDb()).get("outbox", clientRequestId);
}

export async function readDeviceSession(): Promise<DeviceSession | undefined> {
  return (await deviceDb()).get("meta", "session");
}

export async function writeDeviceSession(session: DeviceSession): Promise<void> {
  await (await deviceDb()).put("meta", session, "session");
}

/** Adds or refreshes products (their last use is now), then drops the least recently used past the limit. */
export async function putCachedProducts(products: CachedProduct[], limit = PRODUCT_CACHE_LIMIT): Promise<void> {
  if (products.length === 0) return;
  const tx = (await deviceDb()).transaction("products", "readwrite");
  await Promise.all(products.map((product) => tx.store.put(product)));
  const all: Pick<CachedProduct, "key" | "lastUsed">[] = [];
  let cursor = await tx.store.index("byLastUsed").openCursor();
  while (cursor) {
    all.push({ key: cursor.value.key, lastUsed: cursor.value.lastUsed });
    cursor = await cursor.continue();
  }
  await Promise.all(overLimit(all, limit).map((key) => tx.store.delete(key)));
  await tx.done;
}

export async function cachedProducts(): Promise<CachedProduct[]> {
  return (await deviceDb()).getAll("products");
}

/** Everything but the outbox: the product cache and who was signed in. */
export async function clearDeviceCache(): Promise<void> {
  const tx = (await deviceDb()).transaction(["products", "meta"], "readwrite");
  await Promise.all([tx.objectStore("products").clear(), tx.objectStore("meta").clear(), tx.done]);
}
