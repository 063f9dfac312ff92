// The offline product cache's logic (docs/architecture.md "Offline request queue and the first API endpoint"): the
// products a person searched or used recently and those stocked at their default location, kept on the device so the
// request form can still find products offline. Bounded: at most PRODUCT_CACHE_LIMIT per device, the least recently
// used go first. Availability is what the server said when it was cached: the form says it may be out of date.
// Pure: lib/offline/device-db.ts stores it.

/** Most products one device keeps. */
export const PRODUCT_CACHE_LIMIT = 500;

export interface CachedProduct {
  /** `${companyId}:${productId}`: one company's product never answers for another's. */
  key: string;
  companyId: string;
  productId: string;
  sku: string;
  name: string;
  unit: string;
  /** How many units one pack holds, or null; missing from products saved before pack sizes existed. */
  packSize?: number | null;
  barcode: string | null;
  available: number;
  /** The location `available` was read at. */
  availableAt: string;
  /** Epoch milliseconds of the last search or use that returned it: the eviction order. */
  lastUsed: number;
}

/** What the product search answers with (GET /api/requests/products). */
export interface ProductAnswer {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  packSize: number | null;
  barcode: string | null;
  available: number;
}

export const cacheKey = (companyId: string, productId: string) => `${companyId}:${productId}`;

export function toCached(
  companyId: string,
  locationId: string,
  now: number,
  answers: ProductAnswer[],
): CachedProduct[] {
  return answers.map((answer) => ({
    key: cacheKey(companyId, answer.productId),
    companyId,
    productId: answer.productId,
    sku: answer.sku,
    name: answer.name,
    unit: answer.unit,
    packSize: answer.packSize,
    barcode: answer.barcode,
    available: answer.available,
    availableAt: locationId,
    lastUsed: now,
  }));
}

/** The keys to drop so that `limit` remain: the least recently used. */
export function overLimit(entries: Pick<CachedProduct, "key" | "lastUsed">[], limit = PRODUCT_CACHE_LIMIT): string[] {
  if (entries.length <= limit) return [];
  return [...entries]
    .sort((a, b) => a.lastUsed - b.lastUsed || (a.key < b.key ? -1 : 1))
    .slice(0, entries.length - limit)
    .map((entry) => entry.key);
}

export interface CachedMatch extends ProductAnswer {
  exact: boolean;
  /** The match comes from this device, not the server: availability may be out of date. */
  cached: true;
}

/**
 * The cached products of a company matching what was typed or scanned, like the server's search: an exact SKU or
 * barcode first (letter case aside), then name, SKU or barcode containing the text; by name. At most `limit`.
 */
export function searchCached(products: CachedProduct[], companyId: string, query: string, limit = 8): CachedMatch[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const matches: CachedMatch[] = [];
  for (const product of products) {
    if (product.companyId !== companyId) continue;
    const sku = product.sku.toLowerCase();
    const barcode = product.barcode?.toLowerCase() ?? "";
    const exact = sku === q || barcode === q;
    if (!exact && !product.name.toLowerCase().includes(q) && !sku.includes(q) && !barcode.includes(q)) continue;
    matches.push({
      productId: product.productId,
      sku: product.sku,
      name: product.name,
      unit: product.unit,
      packSize: product.packSize ?? null,
      barcode: product.barcode,
      available: product.available,
      exact,
      cached: true,
    });
  }
  return matches
    .sort((a, b) => Number(b.exact) - Number(a.exact) || a.name.localeCompare(b.name) || a.sku.localeCompare(b.sku))
    .slice(0, limit);
}
