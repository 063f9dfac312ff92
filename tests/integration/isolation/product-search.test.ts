// Product search through search_product_ids() (migration 20261209010000_product_search_function) and
// search_product_ids_by_name() (migration 20261211030000_product_search_by_name): the functions run as a role that
// bypasses row-level security, so they must keep companies apart by themselves. As the real app role through
// real pools: company B searching for what only A's product contains finds nothing, through each lib function that
// searches and by calling the function directly in B's transaction; without a company setting the function returns
// nothing; A finds its own product; its cap (max_rows) never lets another company's id in.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../../lib/db/client";
import { findOrderProducts } from "../../../lib/orders/find-order-products";
import { listProducts } from "../../../lib/products/list-products";
import { containsPattern, PRODUCT_SEARCH_ID_LIMIT } from "../../../lib/products/product-search";
import { listStocktakeProducts } from "../../../lib/stock/list-stocktake-products";
import { searchStockProducts } from "../../../lib/stock/search-stock-products";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../../factories/company";
import { appRolePool, asCompany, superuserClient } from "../../helpers/db";

let system: PrismaClient;
let app: pg.Pool;
let a: CompanyFixture;
let b: CompanyFixture;
let secret: { id: string; name: string; sku: string; barcode: string };

beforeAll(async () => {
  system = superuserClient();
  app = appRolePool(2);
  [a, b] = await Promise.all([createCompanyFixture(system, "search-a"), createCompanyFixture(system, "search-b")]);
  const marker = uniqueSuffix();
  const product = await system.product.create({
    data: {
      companyId: a.companyId,
      name: `Quasar flange ${marker}`,
      sku: `QF-${marker}-77`,
      barcode: `QB${marker}99`,
    },
    select: { id: true, name: true, sku: true, barcode: true },
  });
  secret = { id: product.id, name: product.name, sku: product.sku, barcode: product.barcode! };
});

afterAll(async () => {
  await Promise.all([system.$disconnect(), app.end()]);
});

/**
 * The ids search_product_ids returns to the app role for `pattern`, at most `maxRows` (as many as the lib asks for by
 * default), in a transaction of `companyId` (or none).
 */
async function searchIds(
  companyId: string | null,
  pattern: string,
  maxRows = PRODUCT_SEARCH_ID_LIMIT + 1,
): Promise<string[]> {
  const client = await app.connect();
  try {
    const result = await asCompany(client, companyId, () =>
      client.query<{ id: string }>("SELECT search_product_ids($1, $2)::text AS id", [pattern, maxRows]),
    );
    return result.rows.map((row) => row.id).sort();
  } finally {
    client.release();
  }
}

/** What every lib function that searches products answers `fixture` for `term`: product ids. */
async function searchEverywhere(fixture: CompanyFixture, term: string) {
  return {
    list: (await listProducts(fixture.ctx, { q: term, status: "all" })).rows.map((row) => row.id),
    stock: (await searchStockProducts(fixture.ctx, { search: term })).products.map((p) => p.productId),
    stocktake: (
      await listStocktakeProducts(fixture.ctx, { locationId: fixture.locationId, search: term })
    ).products.map((p) => p.productId),
    request: (await findOrderProducts(fixture.ctx, { q: term })).map((match) => match.productId),
  };
}

const terms = () => [secret.name.toUpperCase(), secret.sku.toLowerCase(), secret.barcode, secret.barcode.slice(2, 9)];

describe("searching for what only company A's product contains", () => {
  it("company B finds nothing through any lib function that searches", async () => {
    for (const term of terms()) {
      expect(await searchEverywhere(b, term), term).toEqual({ list: [], stock: [], stocktake: [], request: [] });
    }
  });

  it("company A finds its product through each of them: the empty answers above are isolation", async () => {
    for (const term of terms()) {
      const own = [secret.id];
      expect(await searchEverywhere(a, term), term).toEqual({ list: own, stock: own, stocktake: own, request: own });
    }
  });
});

describe("search_product_ids called directly as the app role", () => {
  it("in B's transaction returns none of A's ids, even for a pattern that matches every product", async () => {
    for (const term of terms()) expect(await searchIds(b.companyId, containsPattern(term)), term).toEqual([]);
    const everything = await searchIds(b.companyId, "%");
    expect(everything).toEqual([b.productId]);
    expect(everything).not.toContain(secret.id);
  });

  it("with no company setting returns nothing", async () => {
    expect(await searchIds(null, containsPattern(secret.sku))).toEqual([]);
    expect(await searchIds(null, "%")).toEqual([]);
  });

  it("in A's transaction returns A's product", async () => {
    expect(await searchIds(a.companyId, containsPattern(secret.sku))).toEqual([secret.id]);
    expect(await searchIds(a.companyId, "%")).toEqual([a.productId, secret.id].sort());
  });

  it("returns at most max_rows ids, all of them the transaction's company's", async () => {
    const one = await searchIds(a.companyId, "%", 1);
    expect(one).toHaveLength(1);
    expect([a.productId, secret.id]).toContain(one[0]);
    expect(await searchIds(a.companyId, "%", 0)).toEqual([]);
    expect(await searchIds(b.companyId, "%", 1)).toEqual([b.productId]);
  });
});

/**
 * The ids search_product_ids_by_name (migration 20261211030000_product_search_by_name) returns to the app role, in a
 * transaction of `companyId` (or none): the first `maxRows` from the start in name order, walking `walkRows`
 * products before it turns to the trigram index, or from `after` (a name and an id) when given.
 */
async function searchIdsByName(
  companyId: string | null,
  pattern: string,
  { walkRows, maxRows = 10, after }: { walkRows: number; maxRows?: number; after?: { name: string; id: string } },
): Promise<string[]> {
  const client = await app.connect();
  try {
    const result = await asCompany(client, companyId, () =>
      client.query<{ id: string }>("SELECT search_product_ids_by_name($1, false, $2, $3, $4, $5)::text AS id", [
        pattern,
        after?.name ?? null,
        after?.id ?? null,
        maxRows,
        walkRows,
      ]),
    );
    return result.rows.map((row) => row.id).sort();
  } finally {
    client.release();
  }
}

describe("search_product_ids_by_name called directly as the app role", () => {
  // A walk of one product ends before it finds ten: the trigram index answers. A walk of 100 finds them all.
  for (const walkRows of [1, 100]) {
    it(`in B's transaction returns none of A's ids, even from A's product's place in the order (walk ${walkRows})`, async () => {
      for (const term of terms()) {
        expect(await searchIdsByName(b.companyId, containsPattern(term), { walkRows }), term).toEqual([]);
      }
      expect(await searchIdsByName(b.companyId, "%", { walkRows })).toEqual([b.productId]);
      const fromSecret = { name: secret.name, id: secret.id };
      expect(await searchIdsByName(b.companyId, containsPattern(secret.sku), { walkRows, after: fromSecret })).toEqual(
        [],
      );
    });

    it(`with no company setting returns nothing (walk ${walkRows})`, async () => {
      expect(await searchIdsByName(null, containsPattern(secret.sku), { walkRows })).toEqual([]);
      expect(await searchIdsByName(null, "%", { walkRows })).toEqual([]);
    });

    it(`in A's transaction returns A's products (walk ${walkRows})`, async () => {
      expect(await searchIdsByName(a.companyId, containsPattern(secret.sku), { walkRows })).toEqual([secret.id]);
      expect(await searchIdsByName(a.companyId, "%", { walkRows })).toEqual([a.productId, secret.id].sort());
      expect(await searchIdsByName(a.companyId, "%", { walkRows, maxRows: 0 })).toEqual([]);
    });
  }
});
