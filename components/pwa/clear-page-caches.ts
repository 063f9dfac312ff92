// Deletes the service worker's caches of rendered pages (lib/pwa/cache-names.ts), which hold the signed-in person's
// data. Signing in calls it (components/auth/login-form.tsx): a session can end without the sign-out button (expired,
// revoked, "sign out everywhere"), and the pages kept for one person must never open for the next on a shared phone.
// Sign-out wipes every cache but the precache anyway (lib/offline/wipe-device-data.ts). Static files stay cached.
import { PAGE_CACHE_NAMES } from "@/lib/pwa/cache-names";

export async function clearPageCaches(): Promise<void> {
  if (typeof caches === "undefined") return;
  await Promise.all(PAGE_CACHE_NAMES.map((name) => caches.delete(name)));
}
