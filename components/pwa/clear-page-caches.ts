// Deletes the service worker's caches of rendered pages (lib/pwa/cache-names.ts), which hold the signed-in person's
// data: sign-out calls it. Static files stay cached; they hold nothing personal.
import { PAGE_CACHE_NAMES } from "@/lib/pwa/cache-names";

export async function clearPageCaches(): Promise<void> {
  if (typeof caches === "undefined") return;
  await Promise.all(PAGE_CACHE_NAMES.map((name) => caches.delete(name)));
}
