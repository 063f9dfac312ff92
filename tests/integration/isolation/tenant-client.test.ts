// Layer 1 + layer 2 together, then layer 1 alone: company B acting through the tenant client on company A's
// ids finds nothing and changes nothing. "Alone" runs the same tenant client on a superuser connection, which
// bypasses RLS and grants, so only the Prisma extension stands between the companies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenantTx, TenantScopeError } from "../../../lib/db/tenant";
import type { PrismaClient } from "../../../lib/db/client";
import { createCompanyFixture, type CompanyFixture } from "../../factories/company";
import { appClient, superuserClient } from "../../helpers/db";

let system: PrismaClient;
let app: PrismaClient;
let a: CompanyFixture;
let b: CompanyFixture;

beforeAll(async () => {
  system = superuserClient();
  app = appClient();
  [a, b] = await Promise.all([createCompanyFixture(system, "iso-a"), createCompanyFixture(system, "iso-b")]);
});

afterAll(async () => {
  await Promise.all([system.$disconnect(), app.$disconnect()]);
});

/** Everything company A owns, read through the superuser client (no scoping) to check nothing changed. */
async function snapshotOfA() {
  const [product, location, order, level, audit, membership, company] = await Promise.all([
    system.product.findUniqueOrThrow({ where: { id: a.productId } }),
    system.location.findUniqueOrThrow({ where: { id: a.locationId } }),
    system.orderRequest.findUniqueOrThrow({ where: { id: a.orderId }, include: { lines: true } }),
    system.stockLevel.findFirstOrThrow({ where: { companyId: a.companyId } }),
    system.auditLog.count({ where: { companyId: a.companyId } }),
    system.membership.findUniqueOrThrow({ where: { id: a.membershipId } }),
    system.company.findUniqueOrThrow({ where: { id: a.companyId } }),
  ]);
  return { product, location, order, level, audit, membership, company };
}

describe.each([
  { layers: "extension + RLS (app role)", client: () => app },
  { layers: "extension alone (a superuser bypasses RLS)", client: () => system },
])("company B through the tenant client, $layers", ({ client }) => {
  it("cannot read company A's rows by id or by listing", async () => {
    const seen = await withTenantTx(
      b,
      async (tx) => ({
        product: await tx.product.findUnique({ where: { id: a.productId } }),
        productFirst: await tx.product.findFirst({ where: { sku: { startsWith: "SKU-" }, id: a.productId } }),
        location: await tx.location.findUnique({ where: { id: a.locationId } }),
        order: await tx.orderRequest.findUnique({ where: { id: a.orderId } }),
        lines: await tx.orderLine.findMany({ where: { orderId: a.orderId } }),
        movements: await tx.stockMovement.findMany({ where: { productId: a.productId } }),
        levels: await tx.stockLevel.count({ where: { productId: a.productId } }),
        totals: await tx.productStockTotal.findMany({ where: { productId: a.productId } }),
        audit: await tx.auditLog.findUnique({ where: { id: a.auditId } }),
        membership: await tx.membership.findUnique({ where: { id: a.membershipId } }),
        company: await tx.company.findUnique({ where: { id: a.companyId } }),
        user: await tx.user.findUnique({ where: { id: a.admin.id }, select: { id: true } }),
        products: await tx.product.findMany({ where: {}, select: { companyId: true } }),
      }),
      { client: client() },
    );
    expect(seen.product).toBeNull();
    expect(seen.productFirst).toBeNull();
    expect(seen.location).toBeNull();
    expect(seen.order).toBeNull();
    expect(seen.lines).toEqual([]);
    expect(seen.movements).toEqual([]);
    expect(seen.levels).toBe(0);
    expect(seen.totals).toEqual([]);
    expect(seen.audit).toBeNull();
    expect(seen.membership).toBeNull();
    expect(seen.company).toBeNull();
    expect(seen.user).toBeNull();
    expect(seen.products.length).toBeGreaterThan(0);
    expect(seen.products.every((p) => p.companyId === b.companyId)).toBe(true);
  });

  it("cannot update or delete company A's rows", async () => {
    const before = await snapshotOfA();
    const counts = await withTenantTx(
      b,
      async (tx) => ({
        products: await tx.product.updateMany({ where: { id: a.productId }, data: { name: "stolen" } }),
        levels: await tx.stockLevel.updateMany({ where: { productId: a.productId }, data: { onHand: 0 } }),
        orders: await tx.orderRequest.updateMany({ where: { id: a.orderId }, data: { status: "CANCELLED" } }),
        memberships: await tx.membership.updateMany({ where: { id: a.membershipId }, data: { role: "STAFF" } }),
        lines: await tx.orderLine.deleteMany({ where: { orderId: a.orderId } }),
        locations: await tx.location.updateMany({ where: { id: a.locationId }, data: { name: "stolen" } }),
        company: await tx.company.updateMany({ where: { id: a.companyId }, data: { name: "stolen" } }),
      }),
      { client: client() },
    );
    expect(counts).toEqual({
      products: { count: 0 },
      levels: { count: 0 },
      orders: { count: 0 },
      memberships: { count: 0 },
      lines: { count: 0 },
      locations: { count: 0 },
      company: { count: 0 },
    });
    await expect(
      withTenantTx(b, (tx) => tx.product.update({ where: { id: a.productId }, data: { name: "stolen" } }), {
        client: client(),
      }),
    ).rejects.toMatchObject({ code: "P2025" });
    expect(await snapshotOfA()).toEqual(before);
  });

  it("cannot insert rows into company A", async () => {
    const before = await snapshotOfA();
    await expect(
      withTenantTx(
        b,
        (tx) => tx.product.create({ data: { companyId: a.companyId, sku: "INTRUDER", name: "Intruder" } }),
        { client: client() },
      ),
    ).rejects.toBeInstanceOf(TenantScopeError);
    // Without a companyId the scope writes B's: the row lands in B, never in A.
    const created = await withTenantTx(
      b,
      (tx) =>
        tx.location.create({
          data: { companyId: b.companyId, name: `B's own ${Date.now()}` },
          select: { companyId: true },
        }),
      { client: client() },
    );
    expect(created.companyId).toBe(b.companyId);
    // A line on B's side pointing at A's order or product is refused by the composite foreign keys.
    await expect(
      withTenantTx(
        b,
        (tx) =>
          tx.orderLine.create({
            data: { companyId: b.companyId, orderId: a.orderId, productId: a.productId, quantity: 1, unitPrice: 1 },
          }),
        { client: client() },
      ),
    ).rejects.toThrow();
    expect(await snapshotOfA()).toEqual(before);
    expect(await system.product.count({ where: { companyId: a.companyId, sku: "INTRUDER" } })).toBe(0);
  });

  it("refuses nested writes through the company relation and foreign companyIds in filters", async () => {
    await expect(
      withTenantTx(
        b,
        (tx) =>
          tx.orderRequest.update({
            where: { id: b.orderId },
            data: { company: { connect: { id: a.companyId } } },
          }),
        { client: client() },
      ),
    ).rejects.toBeInstanceOf(TenantScopeError);
    await expect(
      withTenantTx(b, (tx) => tx.product.findMany({ where: { companyId: a.companyId } }), { client: client() }),
    ).rejects.toBeInstanceOf(TenantScopeError);
    await expect(
      withTenantTx(b, (tx) => tx.product.findMany({ where: { companyId: { in: [a.companyId, b.companyId] } } }), {
        client: client(),
      }),
    ).rejects.toBeInstanceOf(TenantScopeError);
  });
});

describe("the extension's guard rails", () => {
  it("refuses many-row operations without a where clause, on any model", async () => {
    await expect(withTenantTx(b, (tx) => tx.product.findMany(), { client: app })).rejects.toBeInstanceOf(
      TenantScopeError,
    );
    await expect(
      withTenantTx(b, (tx) => tx.user.findMany({ select: { id: true } }), { client: app }),
    ).rejects.toBeInstanceOf(TenantScopeError);
    await expect(
      withTenantTx(b, (tx) => tx.stockLevel.updateMany({ data: { onHand: 0 } }), { client: app }),
    ).rejects.toBeInstanceOf(TenantScopeError);
    await expect(withTenantTx(b, (tx) => tx.auditLog.deleteMany(), { client: app })).rejects.toBeInstanceOf(
      TenantScopeError,
    );
  });

  it("keeps platform tables out of tenant transactions", async () => {
    await expect(
      withTenantTx(b, (tx) => tx.platformSettings.findUnique({ where: { id: 1 } }), { client: app }),
    ).rejects.toBeInstanceOf(TenantScopeError);
  });

  it("nested creates inherit the parent's company through the composite keys", async () => {
    const order = await withTenantTx(
      b,
      (tx) =>
        tx.orderRequest.create({
          data: {
            companyId: b.companyId,
            number: 999,
            type: "RESTOCK",
            locationId: b.locationId,
            requesterId: b.admin.id,
            clientRequestId: crypto.randomUUID(),
            payloadHash: "1".repeat(64),
            lines: { create: [{ productId: b.productId, quantity: 3, unitPrice: 1 }] },
          },
          select: { id: true, lines: { select: { companyId: true } } },
        }),
      { client: app },
    );
    expect(order.lines).toEqual([{ companyId: b.companyId }]);
  });
});
