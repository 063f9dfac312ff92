// The request form's use of the offline product cache (docs/architecture.md "Offline request queue and the first API
// endpoint"): every search answer is remembered, the products on hand at the form's location are taken in when it
// opens, and without a connection a search is answered from the device — for the company signed in on it.
import { cachedProducts, putCachedProducts, readDeviceSession } from "./device-db";
import { searchCached, toCached, type CachedMatch, type ProductAnswer } from "./product-cache";

/**
 * Remembers what a search answered (their last use is now), for `companyId` or else the company signed in on the
 * device. Never fails the search: the cache is a convenience.
 */
export function rememberProducts(answers: ProductAnswer[], locationId: string, companyId?: string): void {
  void (companyId ? Promise.resolve({ companyId }) : readDeviceSession())
    .then((session) => session && putCachedProducts(toCached(session.companyId, locationId, Date.now(), answers)))
    .catch(() => undefined);
}

/**
 * Takes in the products on hand at the location (GET /api/requests/products?stocked=1), when online. The page names
 * its company: the device's record of who is signed in may not have caught up with a company switch yet.
 */
export async function primeProductCache(locationId: string, companyId: string): Promise<void> {
  try {
    const response = await fetch(`/api/requests/products?${new URLSearchParams({ stocked: "1", locationId })}`, {
      headers: { accept: "application/json" },
      redirect: "manual",
    });
    if (response.ok) rememberProducts((await response.json()) as ProductAnswer[], locationId, companyId);
  } catch {
    // Offline or signed out: the cache keeps what it has.
  }
}

/** The search answered from this device; throws what to tell the person when it has nothing. */
export async function searchDeviceProducts(query: string): Promise<CachedMatch[]> {
  const nothing = `You are offline, and no product saved on this device matches “${query.trim()}”.`;
  let matches: CachedMatch[] = [];
  try {
    const session = await readDeviceSession();
    if (session) matches = searchCached(await cachedProducts(), session.companyId, query);
  } catch {
    // No IndexedDB (a private window may refuse it): nothing saved.
  }
  if (matches.length === 0) throw new Error(nothing);
  return matches;
}
