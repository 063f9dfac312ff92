// Product search through search_product_ids() (migration 20261209010000_product_search_function): the function runs as
// a role that bypasses row-level security, so it must keep companies apart by itself. As the real app role through
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
