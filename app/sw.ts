/// <reference lib="webworker" />
// The service worker (docs/architecture.md "Installable app and service worker"), bundled by Serwist's Turbopack
// integration at build time and served from /serwist/sw.js (app/serwist/[path]/route.ts). It
// - precaches the build's static files (/_next/static: scripts, styles, fonts) and public/ (icons, the offline page),
//   whose list and hashes Serwist injects as self.__SW_MANIFEST: a build with other files is another worker;
// - answers the pages staff need offline (lib/pwa/cache-names.ts OFFLINE_PAGES) network first, keeping the last
//   good copy in the page cache for when the network fails or stalls;
// - answers every other navigation from the network only, with the precached offline page when that fails;
// - leaves everything else alone: server actions (POST), route handlers (/api: the live-update stream, auth, the
//   replay endpoint), the router's RSC fetches. Nothing personal is cached but the pages, which sign-out wipes.
// A new worker waits until the page asks it to take over (SKIP_WAITING, components/pwa/service-worker-registration.tsx).
// It also shows push notifications (lib/push/service-worker-push.ts) and, where the browser has Background Sync,
// sends the offline request queue when the connection returns (lib/offline/replay.ts).
import {
  ExpirationPlugin,
  NetworkFirst,
  NetworkOnly,
  Serwist,
  type PrecacheEntry,
  type SerwistGlobalConfig,
  type SerwistPlugin,
} from "serwist";
import {
  OFFLINE_FALLBACK_URL,
  PAGE_CACHE,
  PAGE_NETWORK_TIMEOUT_SECONDS,
  STAGED_PAGE_CACHE,
  isOfflinePage,
} from "@/lib/pwa/cache-names";
import { OUTBOX_SYNC_TAG, replayOutbox } from "@/lib/offline/replay";
import { handleNotificationClick, handlePush } from "@/lib/push/service-worker-push";

declare global {
  interface WorkerGlobalScope extends SerwistGlobalConfig {
    __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  }
}

declare const self: ServiceWorkerGlobalScope;

/** A page's HTML, not the router's RSC payload for it (that carries the `RSC` header or an `_rsc` parameter). */
function wantsDocument(request: Request, url: URL): boolean {
  return request.headers.get("RSC") === null && !url.searchParams.has("_rsc");
}

/**
 * What the page cache keeps: a page as rendered (200), or the redirect a navigation got (e.g. /start → the person's
 * home, or → /login once signed out), replayed as such offline. Never an error page, nor a copy fetched by following a
 * redirect (a navigation cannot be answered with one).
 */
function isKeptPage(response: Response): boolean {
  return (response.status === 200 && !response.redirected) || response.type === "opaqueredirect";
}

const keepPagesAndRedirects: SerwistPlugin = {
  cacheWillUpdate: async ({ response }) => (isKeptPage(response) ? response : null),
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: {
    // Next.js appends ?dpl=<deployment id> to its static files; the precache holds them without.
    ignoreURLParametersMatching: [/^utm_/, /^fbclid$/, /^dpl$/],
    cleanupOutdatedCaches: true,
  },
  skipWaiting: false,
  clientsClaim: true,
  runtimeCaching: [
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && isOfflinePage(url.pathname) && wantsDocument(request, url),
      handler: new NetworkFirst({
        cacheName: PAGE_CACHE,
        networkTimeoutSeconds: PAGE_NETWORK_TIMEOUT_SECONDS,
        plugins: [keepPagesAndRedirects, new ExpirationPlugin({ maxEntries: 20 })],
      }),
    },
    {
      matcher: ({ request, url, sameOrigin }) =>
        sameOrigin && request.mode === "navigate" && !url.pathname.startsWith("/api/"),
      handler: new NetworkOnly(),
    },
  ],
  fallbacks: {
    entries: [{ url: OFFLINE_FALLBACK_URL, matcher: ({ request }) => request.mode === "navigate" }],
  },
});

/**
 * While a new worker installs (online: it was just downloaded), it fetches fresh copies of the cached pages: the old
 * copies name the old build's scripts, which its precache drops when it activates.
 */
async function stageFreshPages(): Promise<void> {
  const current = await caches.open(PAGE_CACHE);
  const staged = await caches.open(STAGED_PAGE_CACHE);
  for (const request of await current.keys()) {
    try {
      const response = await fetch(request.url, { credentials: "same-origin", redirect: "manual" });
      if (isKeptPage(response)) await staged.put(request, response);
    } catch {
      // Offline now: the page is not staged, and goes (below) rather than stay with scripts that no longer exist.
    }
  }
}

/** On activation the staged copies replace the old ones; a page that could not be refreshed is dropped. */
async function promoteStagedPages(): Promise<void> {
  if (!(await caches.has(STAGED_PAGE_CACHE))) return;
  const current = await caches.open(PAGE_CACHE);
  const staged = await caches.open(STAGED_PAGE_CACHE);
  for (const request of await current.keys()) {
    const fresh = await staged.match(request);
    if (fresh) await current.put(request, fresh);
    else await current.delete(request);
  }
  await caches.delete(STAGED_PAGE_CACHE);
}

self.addEventListener("install", (event) => event.waitUntil(stageFreshPages()));
self.addEventListener("activate", (event) => event.waitUntil(promoteStagedPages()));

self.addEventListener("push", (event) => handlePush(event, self));
self.addEventListener("notificationclick", (event) => handleNotificationClick(event, self));
// Background Sync (Chromium): rejected while requests still wait for the network, so the browser tries again later.
self.addEventListener("sync", (event: Event & { tag?: string; waitUntil(promise: Promise<unknown>): void }) => {
  if (event.tag === OUTBOX_SYNC_TAG) event.waitUntil(replayOutbox(fetch, { forSync: true }));
});

serwist.addEventListeners();
