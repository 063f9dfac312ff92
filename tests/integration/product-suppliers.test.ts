// A product's suppliers (issue 15, item 2) on real PostgreSQL: several suppliers per product, each with a part number,
// a purchase price and a lead time, at most one of them preferred; every change audited; two people marking two
// suppliers preferred at once both succeed, one after the other, and the product ends with exactly one; archived
// suppliers are never newly linked; the purchase price follows the money rule; and another company's products and
// suppliers are NOT_FOUND, with nothing changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TenantContext } from "../../lib/context";
import type { PrismaClient } from "../../lib/db/client";
import { AppError } from "../../lib/errors";
import {
  listProductSuppliers,
  makePreferredSupplier,
  removeProductSupplier,
  setProductSupplier,
} from "../../lib/products/product-suppliers";
import { updateProduct } from "../../lib/products/update-product";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "../factories/company";
import { addMember, type MemberFixture } from "../factories/users";
import { superuserClient } from "../helpers/db";

let system: PrismaClient;
let a: CompanyFixture;
let b: CompanyFixture;
let manager: MemberFixture;
let staff: MemberFixture;

beforeAll(async () => {
  system = superuserClient(6);
  [a, b] = await Promise.all([createCompanyFixture(system, "psa"), createCompanyFixture(system, "psb")]);
  [manager, staff] = await Promise.all([
    addMember(system, a.companyId, { role: "MANAGER" }),
    addMember(system, a.companyId, { role: "STAFF" }),
  ]);
});

afterAll(async () => {
  await system.$disconnect();
});

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => new Error("expected the call to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function supplier(fixture: CompanyFixture, name: string, archived = false): Promise<string> {
  const row = await system.supplier.create({
    data: { companyId: fixture.companyId, name: `${name} ${uniqueSuffix()}`, archivedAt: archived ? new Date() : null },
    select: { id: true },
  });
  return row.id;
}

async function product(fixture: CompanyFixture): Promise<string> {
  const suffix = uniqueSuffix();
  const row = await system.product.create({
    data: { companyId: fixture.companyId, sku: `PS-${suffix}`, name: `Part ${suffix}`, costPrice: 3, salePrice: 5 },
    select: { id: true },
  });
  return row.id;
}

const linksOf = (productId: string) =>
  system.productSupplier.findMany({
    where: { productId },
    orderBy: { supplierId: "asc" },
    select: {
      companyId: true,
      supplierId: true,
      supplierSku: true,
      purchasePrice: true,
      leadTimeDays: true,
      preferred: true,
    },
  });

const auditsOf = (productId: string) =>
  system.auditLog.findMany({
    where: { entityId: productId, action: { startsWith: "product.supplier_" } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { action: true, actorId: true, before: true, after: true },
  });

const preferredOf = async (productId: string) =>
  (await linksOf(productId)).filter((link) => link.preferred).map((link) => link.supplierId);

describe("linking a supplier to a product", () => {
  it("adds the link with its terms, audits it, and lists it", async () => {
    const productId = await product(a);
    const acme = await supplier(a, "Acme");
    const done = await setProductSupplier(manager.ctx, {
      productId,
      supplierId: acme,
      supplierSku: " AC-77 ",
      purchasePrice: "2.1",
      leadTimeDays: "5",
    });
    expect(done.outcome).toBe("linked");
    const [link] = await linksOf(productId);
    expect(link).toMatchObject({ supplierId: acme, supplierSku: "AC-77", leadTimeDays: 5, preferred: false });
    expect(link!.purchasePrice?.toFixed(2)).toBe("2.10");

    const audits = await auditsOf(productId);
    expect(audits).toEqual([
      {
        action: "product.supplier_linked",
        actorId: manager.userId,
        before: null,
        after: {
          supplierId: acme,
          supplierName: done.supplierName,
          supplierSku: "AC-77",
          purchasePrice: "2.10",
          leadTimeDays: 5,
          preferred: false,
        },
      },
    ]);
    const listed = await listProductSuppliers(manager.ctx, { productId });
    expect(listed.canManage).toBe(true);
    expect(listed.links).toEqual([
      {
        supplier: { id: acme, name: done.supplierName, archived: false },
        supplierSku: "AC-77",
        purchasePrice: "2.10",
        leadTimeDays: 5,
        preferred: false,
      },
    ]);
  });

  it("changes an existing link (audited before and after); saving it unchanged writes nothing", async () => {
    const productId = await product(a);
    const acme = await supplier(a, "Acme");
    await setProductSupplier(a.ctx, { productId, supplierId: acme, supplierSku: "A-1", purchasePrice: "4.00" });
    const changed = await setProductSupplier(a.ctx, {
      productId,
      supplierId: acme,
      supplierSku: "",
      purchasePrice: "4.50",
      leadTimeDays: "0",
    });
    expect(changed.outcome).toBe("updated");
    const again = await setProductSupplier(a.ctx, {
      productId,
      supplierId: acme,
      purchasePrice: "4.5",
      leadTimeDays: 0,
    });
    expect(again.outcome).toBe("unchanged");

    const [link] = await linksOf(productId);
    expect(link).toMatchObject({ supplierSku: null, leadTimeDays: 0, preferred: false });
    expect(link!.purchasePrice?.toFixed(2)).toBe("4.50");
    const audits = await auditsOf(productId);
    expect(audits.map((entry) => entry.action)).toEqual(["product.supplier_linked", "product.supplier_updated"]);
    expect(audits[1]!.before).toMatchObject({ supplierSku: "A-1", purchasePrice: "4.00", leadTimeDays: null });
    expect(audits[1]!.after).toMatchObject({ supplierSku: null, purchasePrice: "4.50", leadTimeDays: 0 });
  });

  it("refuses bad terms beside their fields and writes nothing", async () => {
    const productId = await product(a);
    const acme = await supplier(a, "Acme");
    const refused = await failure(
      setProductSupplier(a.ctx, {
        productId,
        supplierId: acme,
        supplierSku: "x".repeat(65),
        purchasePrice: "2.555",
        leadTimeDays: "366",
      }),
    );
    expect(refused.code).toBe("VALIDATION");
    expect(Object.keys(refused.fieldErrors ?? {}).sort()).toEqual(["leadTimeDays", "purchasePrice", "supplierSku"]);
    expect(await linksOf(productId)).toEqual([]);
  });

  it("never newly links an archived supplier; a link made before it was archived stays, shown as archived", async () => {
    const productId = await product(a);
    const gone = await supplier(a, "Gone", true);
    const refused = await failure(setProductSupplier(a.ctx, { productId, supplierId: gone }));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.fieldErrors?.supplierId?.[0]).toMatch(/is archived/);
    expect(await linksOf(productId)).toEqual([]);

    const old = await supplier(a, "Old");
    await setProductSupplier(a.ctx, { productId, supplierId: old, purchasePrice: "1.00" });
    await system.supplier.update({ where: { id: old }, data: { archivedAt: new Date() } });
    const listed = await listProductSuppliers(a.ctx, { productId });
    expect(listed.links.map((link) => link.supplier)).toEqual([
      { id: old, name: expect.stringMatching(/^Old /), archived: true },
    ]);
    // Its terms can still be kept current, but it does not become the preferred supplier.
    expect((await setProductSupplier(a.ctx, { productId, supplierId: old, purchasePrice: "1.20" })).outcome).toBe(
      "updated",
    );
    const notPreferred = await failure(makePreferredSupplier(a.ctx, { productId, supplierId: old }));
    expect(notPreferred.fieldErrors?.supplierId?.[0]).toMatch(/is archived/);
    expect(await preferredOf(productId)).toEqual([]);
  });
});

describe("the preferred supplier", () => {
  it("moves from the previous one when another is marked, in one change audited with the previous one's name", async () => {
    const productId = await product(a);
    const [acme, bolt] = [await supplier(a, "Acme"), await supplier(a, "Bolt")];
    const acmeName = (await setProductSupplier(a.ctx, { productId, supplierId: acme, preferred: "on" })).supplierName;
    await setProductSupplier(a.ctx, { productId, supplierId: bolt, preferred: true });
    expect(await preferredOf(productId)).toEqual([bolt]);
    const linked = (await auditsOf(productId)).at(-1)!;
    expect(linked.action).toBe("product.supplier_linked");
    expect(linked.after).toMatchObject({
      preferred: true,
      previousPreferred: { supplierId: acme, supplierName: acmeName },
    });

    await makePreferredSupplier(a.ctx, { productId, supplierId: acme });
    expect(await preferredOf(productId)).toEqual([acme]);
    // Listed first, whatever the names.
    expect((await listProductSuppliers(a.ctx, { productId })).links.map((link) => link.supplier.id)).toEqual([
      acme,
      bolt,
    ]);
    // Unticked on the preferred link: the product has none.
    await setProductSupplier(a.ctx, { productId, supplierId: acme, preferred: "" });
    expect(await preferredOf(productId)).toEqual([]);
  });

  it("two people marking two suppliers at once: both are applied in turn, never a failure, and one stays preferred", async () => {
    for (let round = 0; round < 5; round++) {
      const productId = await product(a);
      const [acme, bolt, crane] = [await supplier(a, "Acme"), await supplier(a, "Bolt"), await supplier(a, "Crane")];
      await setProductSupplier(a.ctx, { productId, supplierId: acme, preferred: true });
      await setProductSupplier(a.ctx, { productId, supplierId: bolt });
      // One marks an existing link, the other adds a new link as preferred.
      const results = await Promise.allSettled([
        makePreferredSupplier(manager.ctx, { productId, supplierId: bolt }),
        setProductSupplier(a.ctx, { productId, supplierId: crane, preferred: "on" }),
      ]);
      expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled"]);

      const preferred = await preferredOf(productId);
      expect(preferred).toHaveLength(1);
      // The later of the two took the mark from the earlier one, which had taken it from Acme.
      const [first, second] = (await auditsOf(productId)).slice(-2);
      const firstId = (first!.after as { supplierId: string }).supplierId;
      const secondAfter = second!.after as { supplierId: string; previousPreferred: { supplierId: string } };
      expect(first!.after).toMatchObject({ previousPreferred: { supplierId: acme } });
      expect(secondAfter.previousPreferred.supplierId).toBe(firstId);
      expect(preferred).toEqual([secondAfter.supplierId]);
      expect(new Set([firstId, secondAfter.supplierId])).toEqual(new Set([bolt, crane]));
    }
  });
});

describe("removing a supplier from a product", () => {
  it("deletes the link and audits what it was; a link that is not there is NOT_FOUND", async () => {
    const productId = await product(a);
    const acme = await supplier(a, "Acme");
    await setProductSupplier(a.ctx, { productId, supplierId: acme, preferred: true, supplierSku: "A-9" });
    await removeProductSupplier(a.ctx, { productId, supplierId: acme });
    expect(await linksOf(productId)).toEqual([]);
    const removed = (await auditsOf(productId)).at(-1)!;
    expect(removed).toMatchObject({
      action: "product.supplier_unlinked",
      before: { supplierId: acme, supplierSku: "A-9", preferred: true },
      after: null,
    });
    const again = await failure(removeProductSupplier(a.ctx, { productId, supplierId: acme }));
    expect(again.code).toBe("NOT_FOUND");
  });
});

describe("who may see and change a product's suppliers", () => {
  it("staff see the links, without the purchase price unless the company shows them money, and change nothing", async () => {
    const productId = await product(a);
    const acme = await supplier(a, "Acme");
    await setProductSupplier(a.ctx, { productId, supplierId: acme, purchasePrice: "7.00", preferred: true });

    await system.company.update({ where: { id: a.companyId }, data: { staffSeeMoney: false } });
    const hidden = await listProductSuppliers(staff.ctx, { productId });
    expect(hidden).toMatchObject({ canManage: false, seesMoney: false });
    expect(hidden.links[0]).not.toHaveProperty("purchasePrice");
    await system.company.update({ where: { id: a.companyId }, data: { staffSeeMoney: true } });
    expect((await listProductSuppliers(staff.ctx, { productId })).links[0]?.purchasePrice).toBe("7.00");

    const before = await linksOf(productId);
    const bolt = await supplier(a, "Bolt");
    for (const work of [
      () => setProductSupplier(staff.ctx, { productId, supplierId: bolt }),
      () => makePreferredSupplier(staff.ctx, { productId, supplierId: acme }),
      () => removeProductSupplier(staff.ctx, { productId, supplierId: acme }),
    ]) {
      expect((await failure(work())).code).toBe("FORBIDDEN");
    }
    expect(await linksOf(productId)).toEqual(before);
  });

  it("a product edit refused as changed since still names who edited it, not who linked a supplier after", async () => {
    const productId = await product(a);
    const current = await system.product.findUniqueOrThrow({ where: { id: productId } });
    const fields = { sku: current.sku, name: current.name, costPrice: "3", salePrice: "5" };
    await updateProduct(manager.ctx, { ...fields, id: productId, version: 1, name: `${current.name} v2` });
    await setProductSupplier(a.ctx, { productId, supplierId: await supplier(a, "Acme") });
    const stale = await failure(updateProduct(a.ctx, { ...fields, id: productId, version: 1 }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toContain(`${manager.name} (${manager.email}) changed this product`);
  });
});

describe("two companies", () => {
  it("company B acting on company A's products and suppliers gets NOT_FOUND and changes nothing", async () => {
    const productA = await product(a);
    const supplierA = await supplier(a, "Acme");
    await setProductSupplier(a.ctx, { productId: productA, supplierId: supplierA, preferred: true });
    const productB = await product(b);
    const supplierB = await supplier(b, "Bolt");
    const linksA = await linksOf(productA);
    const auditsB = () =>
      system.auditLog.count({ where: { companyId: b.companyId, action: { startsWith: "product.supplier_" } } });
    const auditCount = await auditsB();
    const asB: TenantContext = b.ctx;

    const attempts: [string, () => Promise<unknown>][] = [
      ["A's product, B's supplier", () => setProductSupplier(asB, { productId: productA, supplierId: supplierB })],
      ["B's product, A's supplier", () => setProductSupplier(asB, { productId: productB, supplierId: supplierA })],
      ["A's link", () => setProductSupplier(asB, { productId: productA, supplierId: supplierA, preferred: true })],
      ["mark A's link", () => makePreferredSupplier(asB, { productId: productA, supplierId: supplierA })],
      ["remove A's link", () => removeProductSupplier(asB, { productId: productA, supplierId: supplierA })],
      ["list A's product", () => listProductSuppliers(asB, { productId: productA })],
    ];
    for (const [label, work] of attempts) {
      expect((await failure(work())).code, label).toBe("NOT_FOUND");
    }
    // B's own product with A's supplier: said beside the picker.
    const foreign = await failure(setProductSupplier(asB, { productId: productB, supplierId: supplierA }));
    expect(foreign.fieldErrors).toEqual({ supplierId: ["That supplier was not found."] });

    expect(await linksOf(productA)).toEqual(linksA);
    expect(await linksOf(productB)).toEqual([]);
    expect(await auditsB()).toBe(auditCount);
  });
});
