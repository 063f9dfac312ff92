// One request as its page shows it: the lines with the stock at the request's location (on hand, reserved,
// available), who made, decided, fulfilled or cancelled it, its timeline (the audit entries of its transitions,
// visible to whoever may see the request) and the events the viewer may take now (from the state machine, so the
// page offers exactly what the server would accept). Staff see only their own requests: anyone else's is NOT_FOUND.
// A restock's line prices are cost prices: whoever may not see money (lib/auth/permissions.ts) gets no prices on it.
// Its quantities are totalled per unit, never added across units (docs/architecture.md §5).
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { Prisma } from "../db/generated/client";
import { withTenantTx } from "../db/tenant";
import { callerSeesMoney } from "../companies/money-visibility";
import { AppError, parseInput } from "../errors";
import { unitTotals, type UnitTotal } from "../products/unit-totals";
import { findShortfalls, shortLineText, type Shortfall } from "../stock/shortage";
import { memberAsKnown } from "../users/member-summary";
import { orderIdSchema, ORDER_AUDIT_ACTIONS, type OrderType } from "./order-fields";
import { outstanding } from "./order-quantities";
import { ORDER_EVENTS, ORDER_STATUSES, transition, type OrderEvent, type OrderStatus } from "./order-state-machine";

export const getSchema = z.object({ orderId: z.unknown() }).strict();

export interface OrderPerson {
  id: string;
  name: string;
}

export interface OrderDetailLine {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  /** How many units one pack holds, or null: the edit form says it beside the quantity. */
  packSize: number | null;
  archived: boolean;
  /** Requested. */
  quantity: number;
  /** What the approver allowed (null until approved; may be lower than requested, or 0). */
  approvedQuantity: number | null;
  /** Shipped or received so far. */
  fulfilledQuantity: number;
  /** Approved and not yet fulfilled: on a partly fulfilled request, the backorder. */
  outstanding: number;
  /**
   * What a fulfilment now would move by default: everything still to come on a restock; on a customer order, no more
   * than is on hand at the location (the rest stays on backorder).
   */
  fulfilNow: number;
  /** Absent on a restock for whoever may not see money: its prices are cost prices. */
  unitPrice?: string;
  /** quantity × unit price, as a decimal string; absent with the unit price. */
  value?: string;
  /** At the request's location, now. */
  onHand: number;
  reserved: number;
  available: number;
  /**
   * An approved customer order whose location approved orders reserve beyond what is on hand (a stocktake counted
   * fewer): what the line says about it, and whether this line can still ship (lib/stock/shortage.ts).
   */
  shortForApproved: { text: string; canShip: boolean } | null;
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

/** The supplier a restock names or the customer a customer order names (the directory, docs/architecture.md §5). */
export interface OrderPartner {
  kind: "supplier" | "customer";
  id: string;
  name: string;
  archived: boolean;
}

export interface OrderDetail {
  id: string;
  number: number;
  type: OrderType;
  status: OrderStatus;
  version: number;
  /** The id its creating form sent: the device's draft of it is done with once the request exists. */
  clientRequestId: string;
  reference: string | null;
  note: string | null;
  createdAt: Date;
  location: { id: string; name: string; archived: boolean };
  partner: OrderPartner | null;
  requester: OrderPerson;
  decision: { by: OrderPerson | null; at: Date; note: string | null } | null;
  fulfilment: { by: OrderPerson | null; at: Date } | null;
  cancellation: { by: OrderPerson | null; at: Date } | null;
  lines: OrderDetailLine[];
  /** The lines' requested quantities per unit, in the order the units first appear in `lines`. */
  unitTotals: UnitTotal[];
  /** What is still to come per unit (approved, not yet fulfilled): what fulfilling the rest moves. */
  outstandingTotals: UnitTotal[];
  /** Sum of quantity × unit price, as a decimal string; absent with the line prices. */
  totalValue?: string;
  /** The latest TIMELINE_LIMIT entries, oldest first. */
  timeline: TimelineEntry[];
  /** Whether older entries exist than the timeline shows. */
  timelineTruncated: boolean;
  /** What the viewer may do now. */
  actions: OrderEvent[];
  /** Why the viewer may not take each other event (the state machine's reasons). */
  refusals: Partial<Record<OrderEvent, string>>;
  /** Whether the viewer made this request. */
  isRequester: boolean;
  requireSecondApprover: boolean;
  timeZone: string;
  currency: string;
}

const ACTION_BY_AUDIT = new Map(
  Object.entries(ORDER_AUDIT_ACTIONS).map(([event, action]) => [action as string, event as TimelineAction]),
);

const STATUS_VALUES = new Set<string>(ORDER_STATUSES);

function field(value: unknown, key: string): unknown {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : null;
}

const statusOf = (value: unknown): OrderStatus | null =>
  typeof value === "string" && STATUS_VALUES.has(value) ? (value as OrderStatus) : null;

export const TIMELINE_LIMIT = 200;

export async function getOrderRequest(ctx: TenantContext, input: unknown): Promise<OrderDetail> {
  const parsed = orderIdSchema.safeParse(parseInput(getSchema, input).orderId);
  // A malformed id in a URL names no request, like an unknown one.
  if (!parsed.success) throw AppError.notFound("That request");
  const orderId = parsed.data;
  const ownOnly = !can(ctx.role, "requests.viewAll");
  return withTenantTx(ctx, async (tx) => {
    // One query at a time (a transaction is one connection): no nested relations, which Prisma reads in parallel.
    const order = await tx.orderRequest.findFirst({
      where: { id: orderId, ...(ownOnly && { requesterId: ctx.userId }) },
      select: {
        id: true,
        number: true,
        type: true,
        status: true,
        version: true,
        clientRequestId: true,
        reference: true,
        note: true,
        createdAt: true,
        locationId: true,
        supplierId: true,
        customerId: true,
        requesterId: true,
        decidedById: true,
        decidedAt: true,
        decisionNote: true,
        fulfilledById: true,
        fulfilledAt: true,
        cancelledById: true,
        cancelledAt: true,
      },
    });
    if (!order) throw AppError.notFound("That request");
    const location = (await tx.location.findFirst({
      where: { id: order.locationId },
      select: { id: true, name: true, archivedAt: true },
    }))!;
    const partnerQuery = { select: { id: true, name: true, archivedAt: true } } as const;
    const partnerRow = order.supplierId
      ? await tx.supplier.findFirst({ where: { id: order.supplierId }, ...partnerQuery })
      : order.customerId
        ? await tx.customer.findFirst({ where: { id: order.customerId }, ...partnerQuery })
        : null;
    const orderLines = await tx.orderLine.findMany({
      where: { orderId },
      select: {
        productId: true,
        quantity: true,
        approvedQuantity: true,
        fulfilledQuantity: true,
        unitPrice: true,
        product: { select: { sku: true, name: true, unit: true, packSize: true, archived: true } },
      },
      orderBy: { product: { name: "asc" } },
    });
    const levels = await tx.stockLevel.findMany({
      where: { locationId: location.id, productId: { in: orderLines.map((l) => l.productId) } },
      select: { productId: true, onHand: true, reserved: true },
    });
    // The latest entries, read newest first and shown oldest first: a long history never hides its end.
    const audit = (
      await tx.auditLog.findMany({
        where: { entityType: "order", entityId: order.id, action: { in: Object.values(ORDER_AUDIT_ACTIONS) } },
        select: {
          id: true,
          action: true,
          actorId: true,
          actorName: true,
          actorEmail: true,
          before: true,
          after: true,
          createdAt: true,
        },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: TIMELINE_LIMIT + 1,
      })
    ).reverse();
    const timelineTruncated = audit.length > TIMELINE_LIMIT;
    if (timelineTruncated) audit.shift();
    const company = await tx.company.findFirst({
      select: { timeZone: true, currency: true, requireSecondApprover: true },
    });
    const timeZone = company?.timeZone ?? "UTC";
    const priced = order.type === "CUSTOMER_ORDER" || (await callerSeesMoney(tx, ctx));
    const shortfalls =
      (order.status === "APPROVED" || order.status === "PARTIALLY_FULFILLED") && order.type === "CUSTOMER_ORDER"
        ? await findShortfalls(
            tx,
            ctx.companyId,
            location.id,
            orderLines.map((line) => line.productId),
          )
        : new Map<string, Shortfall>();
    const personIds = [order.requesterId, order.decidedById, order.fulfilledById, order.cancelledById];
    const actorIds = audit.map((entry) => entry.actorId);
    const ids = [...new Set([...personIds, ...actorIds].filter((id): id is string => id !== null))];
    const people = await tx.user.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true, email: true },
    });
    const memberships = await tx.membership.findMany({
      where: { userId: { in: ids } },
      select: { userId: true, active: true, deactivatedName: true, deactivatedEmail: true },
    });
    // Named as the company knows them: a deactivated member as they were then (memberAsKnown).
    const membershipOf = new Map(memberships.map((membership) => [membership.userId, membership]));
    const personBy = new Map(
      people.map((user) => {
        const membership = membershipOf.get(user.id);
        const known = membership ? memberAsKnown({ ...membership, user }) : user;
        return [user.id, { id: user.id, name: known.name || known.email }];
      }),
    );
    const levelBy = new Map(levels.map((level) => [level.productId, level]));
    const person = (id: string | null) => (id ? (personBy.get(id) ?? null) : null);

    const lines = orderLines.map((line) => {
      const level = levelBy.get(line.productId);
      const onHand = level?.onHand ?? 0;
      const reserved = level?.reserved ?? 0;
      const shortfall = shortfalls.get(line.productId);
      const left = outstanding(line);
      return {
        productId: line.productId,
        sku: line.product.sku,
        name: line.product.name,
        unit: line.product.unit,
        packSize: line.product.packSize,
        archived: line.product.archived,
        quantity: line.quantity,
        approvedQuantity: line.approvedQuantity,
        fulfilledQuantity: line.fulfilledQuantity,
        outstanding: left,
        fulfilNow: order.type === "CUSTOMER_ORDER" ? Math.min(left, Math.max(0, onHand)) : left,
        ...(priced && {
          unitPrice: line.unitPrice.toFixed(2),
          value: line.unitPrice.mul(line.quantity).toFixed(2),
        }),
        onHand,
        reserved,
        available: Math.max(0, onHand - reserved),
        shortForApproved: shortfall
          ? { text: shortLineText(shortfall, left, timeZone), canShip: shortfall.onHand >= left }
          : null,
      };
    });
    const totalValue = orderLines.reduce(
      (sum, line) => sum.add(line.unitPrice.mul(line.quantity)),
      new Prisma.Decimal(0),
    );
    const requireSecondApprover = company?.requireSecondApprover ?? false;
    const isRequester = order.requesterId === ctx.userId;
    const actor = { role: ctx.role, isRequester };
    const actions: OrderEvent[] = [];
    const refusals: Partial<Record<OrderEvent, string>> = {};
    for (const event of ORDER_EVENTS) {
      const result = transition(order.status, event, actor, { requireSecondApprover });
      if (result.ok) actions.push(event);
      else refusals[event] = result.reason;
    }
    return {
      id: order.id,
      number: order.number,
      type: order.type,
      status: order.status,
      version: order.version,
      clientRequestId: order.clientRequestId,
      reference: order.reference,
      note: order.note,
      createdAt: order.createdAt,
      location: { id: location.id, name: location.name, archived: location.archivedAt !== null },
      partner: partnerRow
        ? {
            kind: order.supplierId ? "supplier" : "customer",
            id: partnerRow.id,
            name: partnerRow.name,
            archived: partnerRow.archivedAt !== null,
          }
        : null,
      requester: person(order.requesterId) ?? { id: order.requesterId, name: "someone no longer in the company" },
      decision: order.decidedAt
        ? { by: person(order.decidedById), at: order.decidedAt, note: order.decisionNote }
        : null,
      fulfilment: order.fulfilledAt ? { by: person(order.fulfilledById), at: order.fulfilledAt } : null,
      cancellation: order.cancelledAt ? { by: person(order.cancelledById), at: order.cancelledAt } : null,
      lines,
      unitTotals: unitTotals(lines),
      outstandingTotals: unitTotals(
        lines.filter((line) => line.outstanding > 0).map((line) => ({ unit: line.unit, quantity: line.outstanding })),
      ),
      ...(priced && { totalValue: totalValue.toFixed(2) }),
      timeline: audit.map((entry) => {
        const action = ACTION_BY_AUDIT.get(entry.action)!;
        // A decision's note; on a creation or an edit, `note` is the request's own note, shown on the request.
        const note = action === "create" || action === "edit" ? null : field(entry.after, "note");
        return {
          id: entry.id,
          action,
          // As they were then (docs/architecture.md §8); older entries recorded no name: today's.
          actorName:
            entry.actorName || (entry.actorId && personBy.get(entry.actorId)?.name) || entry.actorEmail || "StockFlow",
          at: entry.createdAt,
          fromStatus: statusOf(field(entry.before, "status")),
          toStatus: statusOf(field(entry.after, "status")),
          note: typeof note === "string" && note ? note : null,
        };
      }),
      timelineTruncated,
      actions,
      refusals,
      isRequester,
      requireSecondApprover,
      timeZone,
      currency: company?.currency ?? "USD",
    };
  });
}
