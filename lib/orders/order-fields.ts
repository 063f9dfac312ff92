// The fields of an order request (docs/architecture.md §5, §6), shared by the domain functions, the request form and the pages.
// Pure: imports nothing server-side.
import { z } from "zod";
import type { OrderType as StoredOrderType } from "../db/generated/enums";
import { quantitySchema } from "../stock/quantity";
import {
  idSchema,
  locationIdSchema,
  multiLineText,
  optionalMultiLineText,
  optionalSingleLineText,
  productIdSchema,
  versionSchema as versionOf,
} from "../fields";

export const ORDER_TYPES = ["CUSTOMER_ORDER", "RESTOCK"] as const satisfies readonly StoredOrderType[];
export type OrderType = (typeof ORDER_TYPES)[number];

/** One request names at most this many products: a bigger order is split, or imported. */
export const MAX_ORDER_LINES = 100;

/** REQ-000123: the number people read and say; the id (a UUID) is what URLs use. */
export function formatOrderNumber(number: number): string {
  return `REQ-${String(number).padStart(6, "0")}`;
}

/** "REQ-000123", "req-123", "#123" or "123" → 123; anything else is no request number. */
export function parseOrderNumber(text: string): number | null {
  const match = /^(?:req-?|#)?0*(\d{1,9})$/i.exec(text.trim());
  if (!match) return null;
  const number = Number(match[1]);
  return number > 0 ? number : null;
}

export { orderIdSchema } from "../fields";

/** The version of the request the person saw: a change in between is a CONFLICT, never a silent overwrite. */
export const versionSchema = versionOf("request");

export const referenceSchema = optionalSingleLineText({ label: "Reference", max: 200 });
export const orderNoteSchema = optionalMultiLineText({ label: "Note", max: 2000 });

/** A decision's note: optional when approving, required (at least 3 characters) when rejecting. */
export const decisionNoteSchema = orderNoteSchema;
export const rejectionNoteSchema = multiLineText({
  label: "Note",
  missing: "Note: say why the request is rejected.",
  min: 3,
  max: 2000,
});
/** Closing a backorder: why the rest is not coming (required, like a rejection's). */
export const closingNoteSchema = multiLineText({
  label: "Reason",
  missing: "Reason: say why the rest is not coming.",
  min: 3,
  max: 2000,
});

export const orderLineSchema = z
  .object({
    productId: productIdSchema,
    quantity: quantitySchema({ min: 1, label: "Quantity" }),
  })
  .strict();

/**
 * A directory entry the request names (docs/architecture.md §5, "Partners"), or none: blank, null or missing is none,
 * so a form, a queued request from before partners and an API caller that leaves it out all mean the same.
 */
function optionalPartnerId(entity: string) {
  return z
    .preprocess((value) => (value === "" ? null : value), idSchema(entity).nullish())
    .transform((id) => id ?? null);
}

/** What a person fills in to make or edit a request. */
export const orderDraftShape = {
  type: z.enum(ORDER_TYPES, { error: "Type: choose a customer order or a restock." }),
  locationId: locationIdSchema,
  lines: z
    .array(orderLineSchema, { error: "Add at least one product." })
    .min(1, "Add at least one product.")
    .max(MAX_ORDER_LINES, `One request holds at most ${MAX_ORDER_LINES} products: split it into several.`),
  /** The supplier a restock is from, picked from the company's directory (the reference stays free text). */
  supplierId: optionalPartnerId("That supplier"),
  /** The customer a customer order is for. */
  customerId: optionalPartnerId("That customer"),
  reference: referenceSchema,
  note: orderNoteSchema,
};

/** Each product once per request: a second line for it is an error on that line, not a silent merge. */
export function refineDistinctProducts(
  draft: { lines: { productId: string }[] },
  ctx: z.RefinementCtx<{ lines: { productId: string }[] }>,
): void {
  const seen = new Set<string>();
  draft.lines.forEach((line, index) => {
    if (seen.has(line.productId)) {
      ctx.addIssue({
        code: "custom",
        path: ["lines", index, "productId"],
        message: "This product is already on the request: change that line's quantity instead.",
      });
    }
    seen.add(line.productId);
  });
}

/** A restock names a supplier, a customer order a customer: the other kind is a field error, never dropped silently. */
export function refinePartnerKind(
  draft: { type: OrderType; supplierId: string | null; customerId: string | null },
  ctx: z.RefinementCtx<{ type: OrderType; supplierId: string | null; customerId: string | null }>,
): void {
  if (draft.type === "CUSTOMER_ORDER" && draft.supplierId) {
    ctx.addIssue({
      code: "custom",
      path: ["supplierId"],
      message: "A customer order names a customer, not a supplier: choose a customer, or none.",
    });
  }
  if (draft.type === "RESTOCK" && draft.customerId) {
    ctx.addIssue({
      code: "custom",
      path: ["customerId"],
      message: "A restock names a supplier, not a customer: choose a supplier, or none.",
    });
  }
}

export interface OrderDraft {
  type: OrderType;
  locationId: string;
  lines: { productId: string; quantity: number }[];
  supplierId: string | null;
  customerId: string | null;
  reference: string | null;
  note: string | null;
}

/** The audit action of each event: the request's timeline is read back from these entries. */
export const ORDER_AUDIT_ACTIONS = {
  create: "order.created",
  edit: "order.edited",
  approve: "order.approved",
  reject: "order.rejected",
  fulfil: "order.fulfilled",
  close: "order.closed",
  cancel: "order.cancelled",
} as const;

/** A request as a person fills it in, whole: what the offline queue checks before keeping a request on the device. */
export const orderDraftSchema = z
  .object(orderDraftShape)
  .strict()
  .superRefine(refineDistinctProducts)
  .superRefine(refinePartnerKind);
