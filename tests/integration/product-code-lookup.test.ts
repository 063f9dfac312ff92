// Scan to open a product (lib/products/find-product-by-code.ts) on real PostgreSQL: exact barcode or SKU in any
// letter case, a UPC-A and its EAN-13 spelling alike, archived products found after active ones, blank and overlong
// codes refused with a field error; and tenant isolation — company B never finds company A's product by A's code,
// even when B has a product of its own with the same code. The request form's search follows the same code rule.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { findOrderProducts } from "../../lib/orders/find-order-products";
import { findProductByCode } from "../../lib/products/find-product-by-code";
import { ean13 } from "../../lib/products/product-code";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { makeProduct } from "../factories/products";
import { addMember, type MemberFixture } from "../factories/users";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
let a: CompanyFixture;
let b: CompanyFixture;
let staffA: MemberFixture;

beforeAll(async () => {
  system = superuserClient(4);
  a = await createCompanyFixture(system, "code-a");
  b = await createCompanyFixture(system, "code-b");
  staffA = await addMember(system, a.companyId, { role: "STAFF" });
});

afterAll(async () => {
  await system.$disconnect();
});

/** A fresh 12-digit UPC-A (its check digit right), unique to this run. */
function freshUpc(): string {
  const digits = String(Date.now()).slice(-7) + String(Math.floor(Math.random() * 1e4)).padStart(4, "0");
  return ean13(`0${digits}`).slice(1);
}

describe("findProductByCode", () => {
  it("finds the product by its barcode, in either retail spelling, or by its SKU in any letter case", async () => {
    const upc = freshUpc();
    const sku = `Scan-${uniqueSuffix()}`;
    const product = await makeProduct(system, a.ctx, { name: "Basin tap", sku, barcode: upc });
    const found = (matchedBy: "barcode" | "sku") => [
      {
        id: product.id,
        name: "Basin tap",
        sku,
        archived: false,
        matchedBy,
        matchedCode: matchedBy === "sku" ? sku : upc,
      },
    ];

    expect(await findProductByCode(staffA.ctx, { code: upc })).toEqual({ code: upc, products: found("barcode") });
    expect(await findProductByCode(staffA.ctx, { code: `0${upc}` })).toEqual({
      code: `0${upc}`,
      products: found("barcode"),
    });
    expect(await findProductByCode(staffA.ctx, { code: ` ${sku.toUpperCase()}\n` })).toEqual({
      code: sku.toUpperCase(),
      products: found("sku"),
    });
    // Exact only: part of a code is a search, not a scan.
    expect((await findProductByCode(staffA.ctx, { code: upc.slice(0, 10) })).products).toEqual([]);
  });

  it("finds archived products too: a label still on the shelf opens its product", async () => {
    const code = `AR-${uniqueSuffix()}`;
    const archived = await makeProduct(system, a.ctx, { name: "Old label", barcode: code, archived: true });
    expect((await findProductByCode(a.ctx, { code })).products).toEqual([
      {
        id: archived.id,
        name: "Old label",
        sku: archived.sku,
        archived: true,
        matchedBy: "barcode",
        matchedCode: code,
      },
    ]);
  });

  it("says which code matched when one product's barcode is another's SKU, the barcode first", async () => {
    const code = `X-${uniqueSuffix()}`;
    const bySku = await makeProduct(system, a.ctx, { name: "Coded by SKU", sku: code });
    const byBarcode = await makeProduct(system, a.ctx, { name: "Coded by barcode", barcode: code.toLowerCase() });
    const { products } = await findProductByCode(a.ctx, { code });
    expect(products.map((p) => [p.id, p.matchedBy, p.matchedCode])).toEqual([
      [byBarcode.id, "barcode", code.toLowerCase()],
      [bySku.id, "sku", code],
    ]);
  });

  it("refuses a blank or overlong code with a field error, before reading anything", async () => {
    for (const code of [" \t", "9".repeat(65)]) {
      const error = await findProductByCode(a.ctx, { code }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("VALIDATION");
      expect((error as AppError).fieldErrors?.code?.[0]).toMatch(/^Code: /);
    }
  });

  it("never finds another company's product: B scanning A's code finds nothing, or only B's own", async () => {
    const upc = freshUpc();
    const sku = `ISO-${uniqueSuffix()}`;
    const ofA = await makeProduct(system, a.ctx, { name: "A's drill", sku, barcode: upc });
    expect((await findProductByCode(b.ctx, { code: upc })).products).toEqual([]);
    expect((await findProductByCode(b.ctx, { code: sku })).products).toEqual([]);
    expect((await findProductByCode(b.ctx, { code: ofA.id })).products).toEqual([]);

    const ofB = await makeProduct(system, b.ctx, { name: "B's drill", sku, barcode: upc });
    expect((await findProductByCode(b.ctx, { code: upc })).products.map((p) => p.id)).toEqual([ofB.id]);
    expect((await findProductByCode(a.ctx, { code: upc })).products.map((p) => p.id)).toEqual([ofA.id]);
  });
});

describe("the request form's search", () => {
  it("takes a scanned EAN-13 as the exact match of the product stored with its UPC-A spelling", async () => {
    const upc = freshUpc();
    const product = await makeProduct(system, a.ctx, { name: "Sink trap", barcode: upc });
    const matches = await findOrderProducts(staffA.ctx, { q: `0${upc}` });
    expect(matches.map((match) => [match.productId, match.exact])).toEqual([[product.id, true]]);
  });
});
