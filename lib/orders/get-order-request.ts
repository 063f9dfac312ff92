// One request as its page shows it: the lines with the stock at the request's location (on hand, reserved,
// available), who made, decided, fulfilled or cancelled it, its timeline (the audit entries of its transitions,
// visible to whoever may see the request) and the events the viewer may take now (from the state machine, so the
// page offers exactly what the server would accept). Staff see only their own requests: anyone else's is NOT_FOUND.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { orderIdSchema, ORDER_AUDIT_ACTIONS, type OrderType } from "./order-fields";
import { availableEvents, type OrderEvent, type OrderStatus } from "./order-state-machine";

const getSchema = z.object({ orderId: orderIdSchema }).strict();

export interface OrderPerson {
  id: string;
  name: string;
}

export interface OrderDetailLine {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  archived: boolean;
  quantity: number;
  unitPrice: string;
  /** At the request's location, now. */
  onHand: number;
  reserved: number;
  available: number;
}

export type TimelineAction = keyof typeof ORDER_AUDIT_ACTIONS;

export interface TimelineEntry {
  id: string;
  action: TimelineAction;
  actorName: string;
  at: Date;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  note: string | null;
}

export interface OrderDetail {
  id: string;
  number: number;
  type: OrderType;
  status: OrderStatus;
  version: number;
  reference: string | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
  location: { id: string; name: string; archived: boolean };
  requester: OrderPerson;
  decision: { by: OrderPerson | null; at: Date; note: string | null } | null;
  fulfilment: { by: OrderPerson | null; at: Date } | null;
  cancellation: { by: OrderPerson | null; at: Date } | null;
  lines: OrderDetailLine[];
  totalUnits: number;
  /** Sum of quantity × unit price, as a decimal string. */
  totalValue: string;
  timeline: TimelineEntry[];
  /** What the viewer may do now. */
  actions: OrderEvent[];
  /** Whether the viewer made this request. */
  isRequester: boolean;
  requireSecondApprover: boolean;
  timeZone: string;
  currency: string;
}

const ACTION_BY_AUDIT = new Map(
  Object.entries(ORDER_AUDIT_ACTIONS).map(([event, action]) => [action as string, event as TimelineAction]),
);

const STATUS_VALUES = new Set<string>(["PENDING", "APPROVED", "REJECTED", "FULFILLED", "CANCELLED"]);

function field(value: unknown, key: string): unknown {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : null;
}

const statusOf = (value: unknown): OrderStatus | null =>
  typeof value === "string" && STATUS_VALUES.has(value) ? (value as OrderStatus) : null;

const TIMELINE_LIMIT = 200;

export async function getOrderRequest(ctx: TenantContext, input: unknown): Promise<OrderDetail> {
  const { orderId } = parseInput(getSchema, input);
  const ownOnly = !can(ctx.role, "requests.viewAll");
  return withTenantTx(ctx, async (tx) => {
    const order = await tx.orderRequest.findFirst({
      where: { id: orderId, ...(ownOnly && { requesterId: ctx.userId }) },
      select: {
        id: true,
        number: true,
        type: true,
        status: true,
        version: true,
        reference: true,
        note: true,
        createdAt: true,
        updatedAt: true,
        decidedAt: true,
        decisionNote: true,
        fulfilledAt: true,
        cancelledAt: true,
        location: { select: { id: true, name: true, archivedAt: true } },
        requester: { select: { id: true, name: true, email: true } },
        decidedBy: { select: { id: true, name: true, email: true } },
        fulfilledBy: { select: { id: true, name: true, email: true } },
        cancelledBy: { select: { id: true, name: true, email: true } },
        lines: {
          select: {
            productId: true,
            quantity: true,
            unitPrice: true,
            product: { select: { sku: true, name: true, unit: true, archived: true } },
          },
          orderBy: { product: { name: "asc" } },
        },
      },
    });
    if (!order) throw AppError.notFound("That request");
    // One query at a time: a transaction is one connection.
    const levels = await tx.stockLevel.findMany({
      where: { locationId: order.location.id, productId: { in: order.lines.map((l) => l.productId) } },
      select: { productId: true, onHand: true, reserved: true },
    });
    const audit = await tx.auditLog.findMany({
      where: { entityType: "order", entityId: order.id, action: { in: Object.values(ORDER_AUDIT_ACTIONS) } },
      select: { id: true, action: true, actorId: true, actorEmail: true, before: true, after: true, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: TIMELINE_LIMIT,
    });
    const company = await tx.company.findFirst({
      select: { timeZone: true, currency: true, requireSecondApprover: true },
    });
    const actorIds = [...new Set(audit.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])))];
    const actors = await tx.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
    const actorName = new Map(actors.map((actor) => [actor.id, actor.name]));
    const levelBy = new Map(levels.map((level) => [level.productId, level]));
    const person = (user: { id: string; name: string; email: string } | null) =>
      user ? { id: user.id, name: user.name || user.email } : null;

    const lines = order.lines.map((line) => {
      const level = levelBy.get(line.productId);
      const onHand = level?.onHand ?? 0;
      const reserved = level?.reserved ?? 0;
      return {
        productId: line.productId,
        sku: line.product.sku,
        name: line.product.name,
        unit: line.product.unit,
        archived: line.product.archived,
        quantity: line.quantity,
        unitPrice: line.unitPrice.toFixed(2),
        onHand,
        reserved,
        available: Math.max(0, onHand - reserved),
      };
    });
    const totalValue = order.lines.reduce(
      (sum, line) => sum.add(line.unitPrice.mul(line.quantity)),
      new Prisma.Decimal(0),
    );
    const requireSecondApprover = company?.requireSecondApprover ?? false;
    const isRequester = order.requester.id === ctx.userId;
    return {
      id: order.id,
      number: order.number,
      type: order.type,
      status: order.status,
      version: order.version,
      reference: order.reference,
      note: order.note,
      createdAt: order.createdAt,
      updatedAt: order.updatedAt,
      location: { id: order.location.id, name: order.location.name, archived: order.location.archivedAt !== null },
      requester: person(order.requester)!,
      decision: order.decidedAt ? { by: person(order.decidedBy), at: order.decidedAt, note: order.decisionNote } : null,
      fulfilment: order.fulfilledAt ? { by: person(order.fulfilledBy), at: order.fulfilledAt } : null,
      cancellation: order.cancelledAt ? { by: person(order.cancelledBy), at: order.cancelledAt } : null,
      lines,
      totalUnits: lines.reduce((sum, line) => sum + line.quantity, 0),
      totalValue: totalValue.toFixed(2),
      timeline: audit.map((entry) => {
        const action = ACTION_BY_AUDIT.get(entry.action)!;
        // A decision's note; on a creation or an edit, `note` is the request's own note, shown on the request.
        const note = action === "create" || action === "edit" ? null : field(entry.after, "note");
        return {
          id: entry.id,
          action,
          actorName: (entry.actorId && actorName.get(entry.actorId)) || entry.actorEmail || "StockFlow",
          at: entry.createdAt,
          fromStatus: statusOf(field(entry.before, "status")),
          toStatus: statusOf(field(entry.after, "status")),
          note: typeof note === "string" && note ? note : null,
        };
      }),
      actions: availableEvents(order.status, { role: ctx.role, isRequester }, { requireSecondApprover }),
      isRequester,
      requireSecondApprover,
      timeZone: company?.timeZone ?? "UTC",
      currency: company?.currency ?? "USD",
    };
  });
}
