// What the service worker (app/sw.ts) keeps on the device and under which names, in one place: the worker, the page
// that registers it (components/pwa/) and sign-out, which wipes the page caches because they hold a person's data
// (docs/architecture.md "Installable app and service worker"). Pure constants: bundled into the worker too.

/** The worker's URL (app/serwist/[path]/route.ts builds and serves it); its scope is the whole app. */
export const SERVICE_WORKER_URL = "/serwist/sw.js";
export const SERVICE_WORKER_SCOPE = "/";

/** The page shown for a navigation the network cannot answer and no cache holds: static, precached, no script. */
export const OFFLINE_FALLBACK_URL = "/offline.html";

/**
 * The pages staff need on the warehouse floor without a connection: fetched from the network first (always fresh
 * online), kept in PAGE_CACHE for when the network fails or takes longer than PAGE_NETWORK_TIMEOUT_SECONDS.
 */
export const OFFLINE_PAGES: readonly string[] = ["/start", "/requests", "/requests/new"];
export const PAGE_NETWORK_TIMEOUT_SECONDS = 4;

/** Rendered pages of the signed-in person (their requests, their products): wiped at sign-out. */
export const PAGE_CACHE = "stockflow-pages";
/** Fresh copies of PAGE_CACHE's pages fetched by a new worker while it installs, swapped in when it activates. */
export const STAGED_PAGE_CACHE = "stockflow-pages-staged";
/** Every cache that holds a person's data; the precache holds only the build's static files and stays. */
export const PAGE_CACHE_NAMES: readonly string[] = [PAGE_CACHE, STAGED_PAGE_CACHE];

/** Whether `pathname` is one of the pages kept for offline use. */
export function isOfflinePage(pathname: string): boolean {
  return OFFLINE_PAGES.includes(pathname);
}
