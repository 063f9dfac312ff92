// Order requests for the order tests, made through the real domain functions (createOrderRequest,
// approveOrderRequest, ...), never written around them: a team of people in a fresh company (so test files and
// tests run in parallel without seeing each other's requests), priced products with stock booked through the
// ledger, and snapshots of everything a refused call could have changed.
import { randomUUID } from "node:crypto";
import type { TenantContext } from "../../lib/context";
import type { PrismaClient } from "../../lib/db/client";
import { approveOrderRequest } from "../../lib/orders/approve-order-request";
import { createOrderRequest } from "../../lib/orders/create-order-request";
import { fulfilOrderRequest } from "../../lib/orders/fulfil-order-request";
import { createCompanyFixture, uniqueSuffix, type CompanyFixture } from "./company";
import { receiveStock, stockSnapshot } from "./stock";
import { addMember, type MemberFixture } from "./users";

export type OrderKind = "CUSTOMER_ORDER" | "RESTOCK";

export interface OrderTeam {
  /** The company, its default location and its admin (fixture.ctx). */
  fixture: CompanyFixture;
  manager: MemberFixture;
  manager2: MemberFixture;
  staff: MemberFixture;
  staff2: MemberFixture;
}

/** A fresh company with an admin (the fixture's), two managers and two staff, all active. */
export async function orderTeam(
  system: PrismaClient,
  label: string,
  options: { timeZone?: string; requireSecondApprover?: boolean } = {},
): Promise<OrderTeam> {
  const fixture = await createCompanyFixture(system, label);
  if (options.timeZone !== undefined || options.requireSecondApprover !== undefined) {
    await system.company.update({
      where: { id: fixture.companyId },
      data: {
        // A company created in that zone: its rollups are bucketed in it from the start.
        ...(options.timeZone !== undefined && { timeZone: options.timeZone, rollupTimeZone: options.timeZone }),
        ...(options.requireSecondApprover !== undefined && { requireSecondApprover: options.requireSecondApprover }),
      },
    });
  }
  const [manager, manager2, staff, staff2] = await Promise.all([
    addMember(system, fixture.companyId, { role: "MANAGER" }),
    addMember(system, fixture.companyId, { role: "MANAGER" }),
    addMember(system, fixture.companyId, { role: "STAFF" }),
    addMember(system, fixture.companyId, { role: "STAFF" }),
  ]);
  return { fixture, manager, manager2, staff, staff2 };
}

export interface PricedProduct {
  id: string;
  sku: string;
  name: string;
  barcode: string | null;
  salePrice: string;
  costPrice: string;
}

/**
 * A fresh product with a sale and a cost price, and stock booked through the ledger (as the fixture's admin) at
 * each location id given.
 */
export async function pricedProduct(
  system: PrismaClient,
  fixture: CompanyFixture,
  options: {
    name?: string;
    sku?: string;
    barcode?: string | null;
    /** The product's unit; the column's default ("each") when absent. */
    unit?: string;
    salePrice?: string;
    costPrice?: string;
    archived?: boolean;
    stock?: Record<string, number>;
  } = {},
): Promise<PricedProduct> {
  const suffix = uniqueSuffix();
  const salePrice = options.salePrice ?? "12.50";
  const costPrice = options.costPrice ?? "7.25";
  const product = await system.product.create({
    data: {
      companyId: fixture.companyId,
      sku: options.sku ?? `OR-${suffix}`,
      name: options.name ?? `Order item ${suffix}`,
      barcode: options.barcode ?? null,
      unit: options.unit,
      salePrice,
      costPrice,
      archived: options.archived ?? false,
      archivedAt: options.archived ? new Date() : null,
    },
    select: { id: true, sku: true, name: true, barcode: true },
  });
  for (const [locationId, quantity] of Object.entries(options.stock ?? {})) {
    if (quantity > 0) await receiveStock(fixture, product.id, locationId, quantity);
  }
  return { ...product, salePrice, costPrice };
}

export interface OrderDraftInput {
  type?: OrderKind;
  locationId: string;
  lines: { productId: string; quantity: number | string }[];
  reference?: string | null;
  note?: string | null;
}

/** The input of createOrderRequest as the form sends it, with a fresh client request id. */
export function orderInput(draft: OrderDraftInput, clientRequestId: string = randomUUID()) {
  return {
    clientRequestId,
    type: draft.type ?? "CUSTOMER_ORDER",
    locationId: draft.locationId,
    lines: draft.lines,
    ...(draft.reference !== undefined && { reference: draft.reference }),
    ...(draft.note !== undefined && { note: draft.note }),
  };
}

export interface OrderMade {
  id: string;
  number: number;
  version: number;
}

/** A pending request made by `ctx` through createOrderRequest. */
export async function createOrder(ctx: TenantContext, draft: OrderDraftInput): Promise<OrderMade> {
  const created = await createOrderRequest(ctx, orderInput(draft));
  if (!created.created) throw new Error("a fresh client request id created nothing");
  return { id: created.id, number: created.number, version: 1 };
}

/** A request made by `requester` and approved by `approver` (a customer order reserves its lines). */
export async function approvedOrder(
  requester: TenantContext,
  approver: TenantContext,
  draft: OrderDraftInput,
): Promise<OrderMade> {
  const order = await createOrder(requester, draft);
  const moved = await approveOrderRequest(approver, { orderId: order.id, version: order.version });
  return { id: order.id, number: order.number, version: moved.version };
}

/** A request made, approved and fulfilled. */
export async function fulfilledOrder(
  requester: TenantContext,
  manager: TenantContext,
  draft: OrderDraftInput,
): Promise<OrderMade> {
  const order = await approvedOrder(requester, manager, draft);
  const moved = await fulfilOrderRequest(manager, { orderId: order.id, version: order.version });
  return { id: order.id, number: order.number, version: moved.version };
}

/** REQ-000042, written out here rather than borrowed from the code under test. */
export function requestNumber(number: number): string {
  return `REQ-${String(number).padStart(6, "0")}`;
}

/** The request row and its lines as the database holds them (system client: no scoping). */
export async function orderRow(system: PrismaClient, orderId: string) {
  return system.orderRequest.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      companyId: true,
      number: true,
      type: true,
      status: true,
      version: true,
      locationId: true,
      requesterId: true,
      reference: true,
      note: true,
      decidedById: true,
      decidedAt: true,
      decisionNote: true,
      fulfilledById: true,
      fulfilledAt: true,
      cancelledById: true,
      cancelledAt: true,
      updatedAt: true,
      lines: {
        select: { productId: true, quantity: true, approvedQuantity: true, fulfilledQuantity: true, unitPrice: true },
        orderBy: { productId: "asc" },
      },
    },
  });
}

/** A product's stock row at a location (zeros when there is none). */
export async function stockAt(system: PrismaClient, productId: string, locationId: string) {
  const level = await system.stockLevel.findFirst({
    where: { productId, locationId },
    select: { onHand: true, reserved: true },
  });
  return level ?? { onHand: 0, reserved: 0 };
}

/**
 * Everything an order transition in this company could change: the requests named (rows and lines), the stock
 * of the products named (levels, movements, the company's audit count), the company's requests, lines, outbox
 * rows and request counter.
 */
export async function orderSnapshot(
  system: PrismaClient,
  companyId: string,
  orderIds: string[],
  productIds: string[] = [],
) {
  const [orders, stock, requests, lines, outbox, counter] = await Promise.all([
    Promise.all(orderIds.map((id) => orderRow(system, id))),
    stockSnapshot(system, companyId, productIds),
    system.orderRequest.count({ where: { companyId } }),
    system.orderLine.count({ where: { companyId } }),
    system.emailOutbox.count({ where: { companyId } }),
    system.orderRequestCounter.findUnique({ where: { companyId }, select: { lastNumber: true } }),
  ]);
  return { orders, stock, requests, lines, outbox, counter: counter?.lastNumber ?? 0 };
}

/** The outbox rows of one template about one request of a company. */
export async function orderEmails(
  system: PrismaClient,
  companyId: string,
  template: "order-submitted" | "order-status",
  number: number,
) {
  return system.emailOutbox.findMany({
    where: { companyId, template, props: { path: ["requestNumber"], equals: requestNumber(number) } },
    select: { toAddress: true, props: true },
    orderBy: { toAddress: "asc" },
  });
}

/** The audit rows of one request, oldest first. */
export async function orderAudit(system: PrismaClient, orderId: string) {
  return system.auditLog.findMany({
    where: { entityType: "order", entityId: orderId },
    select: { action: true, actorId: true, before: true, after: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}
