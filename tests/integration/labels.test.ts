// Labels (issue 13, item 5; docs/architecture.md "Labels") on real PostgreSQL: product labels carry each chosen
// product's name, SKU and the barcode its stored code calls for, `copies` times in the order chosen; the sale price
// only for whoever may see money; location labels carry a QR code of the location's stocktake address. Company B
// naming company A's products or locations gets NOT_FOUND and nothing of A; bounds are VALIDATION errors on the
// field to fix.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import { getLabelOptions } from "../../lib/labels/get-label-options";
import { getLocationLabels } from "../../lib/labels/get-location-labels";
import { getProductLabels } from "../../lib/labels/get-product-labels";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { makeProduct } from "../factories/products";
import { addMember, type MemberFixture } from "../factories/users";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
let a: CompanyFixture;
let b: CompanyFixture;
let staff: MemberFixture;
let retail: { id: string; name: string; sku: string };
let plain: { id: string; name: string; sku: string };
let upc: { id: string; name: string; sku: string };
let spare: { id: string; name: string };
let old: { id: string; name: string };

const EAN = "4006381333931";
const UPC = "036000291452";

beforeAll(async () => {
  system = superuserClient(4);
  a = await createCompanyFixture(system, "lbl-a");
  b = await createCompanyFixture(system, "lbl-b");
  staff = await addMember(system, a.companyId, { role: "STAFF" });
  retail = await makeProduct(system, a.ctx, { name: "Retail tin", barcode: EAN });
  plain = await makeProduct(system, a.ctx, { name: "Loose bolts" });
  upc = await makeProduct(system, a.ctx, { name: "US carton", barcode: UPC });
  await system.product.update({ where: { id: retail.id }, data: { salePrice: "12.5", costPrice: "7.31" } });
  spare = await system.location.create({
    data: { companyId: a.companyId, name: `Aisle ${uniqueSuffix()}`, code: "A-7" },
    select: { id: true, name: true },
  });
  old = await system.location.create({
    data: { companyId: a.companyId, name: `Old ${uniqueSuffix()}`, archivedAt: new Date() },
    select: { id: true, name: true },
  });
});

afterAll(async () => {
  await system.$disconnect();
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to be refused");
    },
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return error;
    },
  );

describe("getProductLabels", () => {
  it("repeats each product `copies` times in the order chosen, with the barcode its code calls for", async () => {
    const sheet = await getProductLabels(a.ctx, {
      productIds: [plain.id, retail.id, upc.id, plain.id.toUpperCase()],
      preset: "letter-5160",
      copies: 2,
    });
    expect(sheet.preset).toBe("letter-5160");
    expect(sheet.labels.map((label) => label.productId)).toEqual([
      plain.id,
      plain.id,
      retail.id,
      retail.id,
      upc.id,
      upc.id,
    ]);
    const [bolts, , tin, , carton] = sheet.labels;
    expect(bolts).toMatchObject({ name: plain.name, sku: plain.sku });
    expect(bolts!.barcode).toMatchObject({ symbology: "code128", text: plain.sku, source: "sku" });
    expect(tin!.barcode).toMatchObject({ symbology: "ean13", text: EAN, source: "barcode" });
    expect(carton!.barcode).toMatchObject({ symbology: "upca", text: UPC });
    for (const label of sheet.labels) expect(label.barcode?.svg).toMatch(/^<svg [^>]*viewBox="[\d ]+"/);
    expect(sheet.labels.every((label) => label.price === undefined)).toBe(true);
  });

  it("prints the sale price on request for whoever may see money, and never the cost price", async () => {
    const sheet = await getProductLabels(a.ctx, { productIds: [retail.id], showPrice: true });
    expect(sheet).toMatchObject({ showPrice: true, currency: "USD", preset: "a4-l7160" });
    expect(await getLabelOptions(a.ctx)).toEqual({ canShowPrice: true });
    expect(sheet.labels).toEqual([expect.objectContaining({ price: "12.50" })]);
    expect(JSON.stringify(sheet)).not.toContain("7.31");
  });

  it("leaves the price off for staff where the company hides money, and prints it where it does not", async () => {
    await system.company.update({ where: { id: a.companyId }, data: { staffSeeMoney: false } });
    const hidden = await getProductLabels(staff.ctx, { productIds: [retail.id], showPrice: true });
    expect(hidden.showPrice).toBe(false);
    expect(await getLabelOptions(staff.ctx)).toEqual({ canShowPrice: false });
    expect(JSON.stringify(hidden)).not.toContain("12.50");
    // Staff may print labels all the same.
    expect(hidden.labels[0]).toMatchObject({ name: retail.name, barcode: { symbology: "ean13" } });

    await system.company.update({ where: { id: a.companyId }, data: { staffSeeMoney: true } });
    const shown = await getProductLabels(staff.ctx, { productIds: [retail.id], showPrice: true });
    expect(shown.labels[0]?.price).toBe("12.50");
    expect(await getLabelOptions(staff.ctx)).toEqual({ canShowPrice: true });
  });

  it("gives company B NOT_FOUND for company A's products, alone or among its own, and nothing of A", async () => {
    for (const productIds of [[retail.id], [b.productId, retail.id], [a.productId, b.productId]]) {
      const error = await failure(getProductLabels(b.ctx, { productIds, showPrice: true }));
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).not.toContain(retail.name);
    }
    // B's own product prints; A's own call still sees A's.
    const own = await getProductLabels(b.ctx, { productIds: [b.productId] });
    expect(own.labels.map((label) => label.productId)).toEqual([b.productId]);
  });

  it("treats a malformed id as unknown: NOT_FOUND", async () => {
    expect((await failure(getProductLabels(a.ctx, { productIds: ["not-an-id"] }))).code).toBe("NOT_FOUND");
    expect((await failure(getProductLabels(a.ctx, { productIds: [retail.id, 42] }))).message).toBe(
      "One of those products was not found.",
    );
  });

  it("refuses out-of-bounds input with field errors", async () => {
    const noCopies = await failure(getProductLabels(a.ctx, { productIds: [retail.id], copies: 0 }));
    expect(noCopies).toMatchObject({ code: "VALIDATION" });
    expect(noCopies.fieldErrors?.copies).toEqual(["Enter a whole number of copies from 1 to 100."]);
    const none = await failure(getProductLabels(a.ctx, { productIds: [] }));
    expect(none.fieldErrors?.productIds).toEqual(["Choose at least one of the products."]);
    const strange = await failure(getProductLabels(a.ctx, { productIds: [retail.id], companyId: b.companyId }));
    expect(strange.code).toBe("VALIDATION");
  });
});

describe("getLocationLabels", () => {
  const stocktakeUrl = (id: string) => `${process.env.APP_URL}/locations/${id}/stocktake`;

  it("labels every location in use, default first, each with a QR code of its stocktake's address", async () => {
    const sheet = await getLocationLabels(a.ctx, {});
    expect(sheet.labels.map((label) => label.locationId)).toEqual([a.locationId, spare.id]);
    const aisle = sheet.labels[1]!;
    expect(aisle).toMatchObject({ name: spare.name, code: "A-7", url: stocktakeUrl(spare.id) });
    expect(aisle.qrSvg).toMatch(/^<svg [^>]*viewBox="0 0 (\d+) \1"/);
    expect(sheet.labels.map((label) => label.locationId)).not.toContain(old.id);
  });

  it("labels the chosen locations, archived ones too, `copies` times each; staff may print them", async () => {
    const sheet = await getLocationLabels(staff.ctx, { locationIds: [old.id, spare.id], copies: 2 });
    expect(sheet.labels.map((label) => label.locationId)).toEqual([old.id, old.id, spare.id, spare.id]);
  });

  it("gives company B NOT_FOUND for company A's locations and only its own when it asks for all", async () => {
    for (const locationIds of [[spare.id], [b.locationId, spare.id]]) {
      const error = await failure(getLocationLabels(b.ctx, { locationIds }));
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).not.toContain(spare.name);
    }
    const all = await getLocationLabels(b.ctx, {});
    expect(all.labels.map((label) => label.locationId)).toEqual([b.locationId]);
  });

  it("refuses more than 2,000 labels once it knows how many locations there are", async () => {
    expect((await getLocationLabels(a.ctx, { copies: 100 })).labels).toHaveLength(200);
    const many = Array.from({ length: 21 }, (_, i) => `Rack ${i} ${uniqueSuffix()}`);
    await system.location.createMany({ data: many.map((name) => ({ companyId: b.companyId, name })) });
    const error = await failure(getLocationLabels(b.ctx, { copies: 100 }));
    expect(error).toMatchObject({ code: "VALIDATION" });
    expect(error.fieldErrors?.copies?.[0]).toMatch(/more than 2,000 labels/);
  });
});
