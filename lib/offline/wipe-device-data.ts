// What signing out leaves on the device (docs/architecture.md "Offline request queue and the first API endpoint"):
// nothing but unsent requests. It removes the offline product cache and the device session (IndexedDB), every
// localStorage key starting with `stockflow:` (device drafts), and every Cache Storage cache except Serwist's precache
// (`serwist-precache…`: the build's static files, the same for everyone, which the service worker needs for its offline
// page) — so the page and API caches go whatever they are named.
// The outbox is not touched: the signing-out person's unsent requests (asked first, components/offline/sign-out-form.tsx)
// go out when that same person signs in again, and requests another person left the same way stay theirs. (So this
// takes no "keep whose outbox" argument: wiping one person's sign-out must never drop another person's requests.)
import { clearDeviceCache } from "./device-db";

export const DEVICE_STORAGE_PREFIX = "stockflow:";
export const PRECACHE_PREFIX = "serwist-precache";

/** The localStorage keys and cache names to remove, from what is there. Pure. */
export function deviceDataToWipe(storageKeys: string[], cacheNames: string[]) {
  return {
    storageKeys: storageKeys.filter((key) => key.startsWith(DEVICE_STORAGE_PREFIX)),
    cacheNames: cacheNames.filter((name) => !name.startsWith(PRECACHE_PREFIX)),
  };
}

export async function wipeDeviceData(): Promise<void> {
  const storageKeys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter(
    (key): key is string => key !== null,
  );
  const cacheNames = typeof caches === "undefined" ? [] : await caches.keys();
  const doomed = deviceDataToWipe(storageKeys, cacheNames);
  for (const key of doomed.storageKeys) localStorage.removeItem(key);
  await Promise.all([clearDeviceCache(), ...doomed.cacheNames.map((name) => caches.delete(name))]);
}
