// "Draft restock" on the reorder page (issue 15, item 3; docs/architecture.md §5 "Restock suggestions"): one pending
// RESTOCK request for one supplier group at one location (a request has one location), whose lines are what the list
// suggests there now. The quantities are read here, with the list's own query and rule (./reorder-query.ts,
// ./reorder-quantity.ts), never taken from the page: a page opened an hour ago may suggest what has arrived since.
//
// The request is made by createOrderRequest, so numbering, audit, the approvers' email and push and the live event are
// a request's like any other, and the client request id makes it exactly once: a double tap, or a retry after a lost
// answer, returns the request the first one made. What this adds to make that hold although the suggestions move (the
// first tap's request is itself "coming", so a second reading suggests less): the earlier request is looked up by the
// client request id in the same snapshot (REPEATABLE READ) as the suggestions are read, so either the snapshot holds
// that request and it is returned, or it holds neither and the lines come out as the first tap's, which
// createOrderRequest then recognises by its payload hash. A retry that still lands on different contents (stock moved
// in between) gets createOrderRequest's CONFLICT, and then the request its id made is returned as well.
import "server-only";
import { z } from "zod";
import { can } from "../auth/permissions";
import type { TenantContext } from "../context";
import { withTenantTx, type TenantTx } from "../db/tenant";
import { AppError, parseInput } from "../errors";
import { idempotencyKeySchema, idSchema, locationIdSchema } from "../fields";
import { createOrderRequest, type OrderCreated } from "../orders/create-order-request";
import { MAX_ORDER_LINES } from "../orders/order-fields";
import { readReorderPage } from "./reorder-suggestions";
import { NO_SUPPLIER, reorderListSchema, type ReorderRow } from "./reorder-query";
import { restockDraftLines } from "./restock-draft-lines";

/** Reads of the list while collecting a group's rows at a location: the schema's largest page. */
const READ_PAGE = 200;
const REFERENCE = "Reorder suggestions";

export const draftRestockSchema = z
  .object({
    /** A fresh id per rendering of the page's button: the same id again is the same request. */
    clientRequestId: idempotencyKeySchema,
    /** The group: a supplier, or "none" for the products without a preferred supplier. */
    supplierId: z.union([z.literal(NO_SUPPLIER), idSchema("That supplier")]),
    locationId: locationIdSchema,
  })
  .strict();

export interface RestockDrafted extends OrderCreated {
  /** Products on the request. */
  lines: number;
  /** Products with something to order that did not fit (at most MAX_ORDER_LINES per request); 0 on a replay. */
  leftOut: number;
  /** The group's supplier, null for "no preferred supplier": the supplier the drafted request names. */
  supplierId: string | null;
}

type Plan =
  | { kind: "earlier"; id: string; number: number; lines: number }
  | { kind: "new"; lines: { productId: string; quantity: number }[]; leftOut: number; reference: string };

/** Every row of the group at the location, in the list's order (a few pages at most: the low rows are few). */
async function groupRowsAt(
  tx: TenantTx,
  ctx: TenantContext,
  filter: { supplierId: string; locationId: string },
): Promise<ReorderRow[]> {
  const rows: ReorderRow[] = [];
  let next: string | null = null;
  do {
    const input = reorderListSchema.parse({ ...filter, limit: READ_PAGE, ...(next !== null && { after: next }) });
    const page = await readReorderPage(tx, ctx, input);
    rows.push(...page.rows);
    next = page.next;
  } while (next !== null);
  return rows;
}

/** The request this client request id already made, if it is this person's restock to this location. */
async function earlierRequest(
  tx: TenantTx,
  ctx: TenantContext,
  clientRequestId: string,
  locationId: string,
): Promise<{ id: string; number: number; lines: number } | null> {
  const earlier = await tx.orderRequest.findFirst({
    where: { clientRequestId },
    select: {
      id: true,
      number: true,
      requesterId: true,
      type: true,
      locationId: true,
      _count: { select: { lines: true } },
    },
  });
  if (!earlier) return null;
  if (earlier.requesterId !== ctx.userId || earlier.type !== "RESTOCK" || earlier.locationId !== locationId) {
    throw new AppError("CONFLICT", "This page is out of date. Reload it to draft the restock again.");
  }
  return { id: earlier.id, number: earlier.number, lines: earlier._count.lines };
}

export async function draftRestockFromSuggestions(ctx: TenantContext, input: unknown): Promise<RestockDrafted> {
  const { clientRequestId, supplierId, locationId } = parseInput(draftRestockSchema, input);
  if (!can(ctx.role, "stock.view") || !can(ctx.role, "requests.create")) throw AppError.forbidden();
  const supplier = supplierId === NO_SUPPLIER ? null : supplierId;

  const plan = await withTenantTx(
    ctx,
    async (tx): Promise<Plan> => {
      // Another company's location or supplier is as unknown as one that never was.
      const location = await tx.location.findUnique({
        where: { id: locationId },
        select: { name: true, archivedAt: true },
      });
      if (!location) throw AppError.notFound("That location");
      const named = supplier ? await tx.supplier.findUnique({ where: { id: supplier }, select: { name: true } }) : null;
      if (supplier && !named) throw AppError.notFound("That supplier");

      const earlier = await earlierRequest(tx, ctx, clientRequestId, locationId);
      if (earlier) return { kind: "earlier", ...earlier };

      const group = named ? named.name : "the products without a preferred supplier";
      if (location.archivedAt) {
        throw new AppError("CONFLICT", `${location.name} is archived: nothing is restocked there.`);
      }
      const { lines, leftOut } = restockDraftLines(await groupRowsAt(tx, ctx, { supplierId, locationId }));
      if (lines.length === 0) {
        throw new AppError(
          "CONFLICT",
          `Nothing to order for ${group} at ${location.name}: open restock requests already bring what the reorder points call for, or nothing there is low any more. Nothing was created.`,
        );
      }
      const reference = named ? `${REFERENCE}: ${named.name}` : REFERENCE;
      return { kind: "new", lines, leftOut, reference: reference.slice(0, 200) };
    },
    { isolationLevel: "RepeatableRead" },
  );
  if (plan.kind === "earlier") {
    return { id: plan.id, number: plan.number, created: false, lines: plan.lines, leftOut: 0, supplierId: supplier };
  }

  try {
    const created = await createOrderRequest(ctx, {
      clientRequestId,
      type: "RESTOCK",
      locationId,
      ...(supplier && { supplierId: supplier }),
      lines: plan.lines,
      reference: plan.reference,
      note:
        plan.leftOut > 0
          ? `Drafted from the reorder suggestions. ${plan.leftOut} more ${plan.leftOut === 1 ? "product" : "products"} to order did not fit (at most ${MAX_ORDER_LINES} per request): draft again for them.`
          : "Drafted from the reorder suggestions.",
    });
    return { ...created, lines: plan.lines.length, leftOut: plan.leftOut, supplierId: supplier };
  } catch (error) {
    // The id made a request meanwhile (a double tap whose first answer was lost, with stock moving in between).
    if (error instanceof AppError && error.code === "CONFLICT" && error.fieldErrors?.clientRequestId) {
      const earlier = await withTenantTx(ctx, (tx) => earlierRequest(tx, ctx, clientRequestId, locationId));
      if (earlier) return { ...earlier, created: false, leftOut: 0, supplierId: supplier };
    }
    throw error;
  }
}
