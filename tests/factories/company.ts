// Factories make unique data, so test files run in parallel on one database without seeing each other's rows.
// They write through the client they are given: tests pass superuserClient() (tests/helpers/db.ts).
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../lib/db/client";
import type { TenantContext } from "../../lib/context";

export interface CompanyFixture {
  companyId: string;
  slug: string;
  locationId: string;
  productId: string;
  supplierId: string;
  customerId: string;
  orderId: string;
  auditId: string;
  membershipId: string;
  /** A stocktake booked at the location, its one line confirming the product's stock (nothing moved). */
  stocktakeId: string;
  admin: { id: string; email: string };
  /** A tenant context acting as the company's admin. */
  ctx: TenantContext;
}

export function uniqueSuffix(): string {
  return randomUUID().slice(0, 8);
}

/** A company with one of each tenant row, so isolation tests can aim at every table. */
export async function createCompanyFixture(system: PrismaClient, label = "co"): Promise<CompanyFixture> {
  const suffix = uniqueSuffix();
  const slug = `${label}-${suffix}`;
  return system.$transaction(async (tx) => {
    const company = await tx.company.create({
      data: { name: `Company ${slug}`, slug },
      select: { id: true },
    });
    const companyId = company.id;
    const admin = await tx.user.create({
      data: {
        email: `admin-${suffix}@${label}.test`,
        name: `Admin ${suffix}`,
        passwordHash: "not-a-real-hash",
        emailVerifiedAt: new Date(),
      },
      select: { id: true, email: true },
    });
    const membership = await tx.membership.create({
      data: { companyId, userId: admin.id, role: "ADMIN" },
      select: { id: true },
    });
    await tx.notificationPreference.create({
      data: { companyId, userId: admin.id, kind: "order.created", enabled: true },
    });
    const location = await tx.location.create({
      data: { companyId, name: "Main", isDefault: true },
      select: { id: true },
    });
    const product = await tx.product.create({
      data: { companyId, sku: `SKU-${suffix}`, name: `Widget ${suffix}`, costPrice: 2.5, salePrice: 4 },
      select: { id: true },
    });
    const supplier = await tx.supplier.create({
      data: { companyId, name: `Supplier ${suffix}` },
      select: { id: true },
    });
    const customer = await tx.customer.create({
      data: { companyId, name: `Customer ${suffix}` },
      select: { id: true },
    });
    await tx.productSupplier.create({
      data: { companyId, productId: product.id, supplierId: supplier.id, preferred: true },
    });
    await tx.stockLevel.create({ data: { companyId, productId: product.id, locationId: location.id, onHand: 10 } });
    const movement = await tx.stockMovement.create({
      data: {
        companyId,
        productId: product.id,
        locationId: location.id,
        quantity: 10,
        balanceAfter: 10,
        reason: "INITIAL",
      },
      select: { createdAt: true },
    });
    // Its lines in the dashboard's daily rollups, as the ledger would write them (the company's time zone is UTC; the
    // shard is the last byte of the product id modulo 16).
    const day = new Date(movement.createdAt.toISOString().slice(0, 10));
    await tx.stockMovementDay.create({ data: { companyId, productId: product.id, day, unitsIn: 10 } });
    await tx.stockMovementDayTotal.create({
      data: { companyId, day, shard: parseInt(product.id.slice(-2), 16) % 16, movementsIn: 1 },
    });
    await tx.orderRequestCounter.create({ data: { companyId, lastNumber: 1 } });
    const order = await tx.orderRequest.create({
      data: {
        companyId,
        number: 1,
        type: "CUSTOMER_ORDER",
        locationId: location.id,
        requesterId: admin.id,
        clientRequestId: randomUUID(),
        payloadHash: "0".repeat(64),
        lines: { create: [{ productId: product.id, quantity: 2, unitPrice: 4 }] },
      },
      select: { id: true },
    });
    const audit = await tx.auditLog.create({
      data: { companyId, actorId: admin.id, action: "company.created", entityType: "company", entityId: companyId },
      select: { id: true },
    });
    await tx.emailOutbox.create({
      data: { companyId, template: "test", toAddress: admin.email, subject: "Hello", props: {} },
    });
    await tx.lowStockAlert.create({ data: { companyId, productId: product.id, day: new Date("2026-01-01") } });
    await tx.stockOperation.create({
      data: {
        companyId,
        operationId: randomUUID(),
        kind: "ADJUSTMENT",
        payloadHash: "0".repeat(64),
        result: {},
        createdBy: admin.id,
      },
    });
    const booked = new Date();
    const stocktake = await tx.stocktake.create({
      data: {
        companyId,
        number: 1,
        locationId: location.id,
        status: "BOOKED",
        version: 3,
        createdById: admin.id,
        finishedById: admin.id,
        finishedAt: booked,
        bookedById: admin.id,
        bookedAt: booked,
      },
      select: { id: true },
    });
    await tx.stocktakeLine.create({
      data: {
        companyId,
        stocktakeId: stocktake.id,
        productId: product.id,
        counted: 10,
        expected: 10,
        countedById: admin.id,
        countedAt: booked,
        unitCost: 2.5,
        bookedQuantity: 0,
      },
    });
    await tx.oneTimeToken.create({
      data: {
        companyId,
        purpose: "INVITATION",
        tokenHash: randomUUID().replaceAll("-", "").padEnd(64, "0"),
        email: `invitee-${suffix}@${label}.test`,
        role: "STAFF",
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    return {
      companyId,
      slug,
      locationId: location.id,
      productId: product.id,
      supplierId: supplier.id,
      customerId: customer.id,
      orderId: order.id,
      auditId: audit.id,
      membershipId: membership.id,
      stocktakeId: stocktake.id,
      admin,
      ctx: { companyId, userId: admin.id, email: admin.email, role: "ADMIN" },
    };
  });
}
