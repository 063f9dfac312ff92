"use server";

// Thin: read the form, run one transition as the signed-in caller (tenantAction resolves the caller and turns
// errors into safe results: a CONFLICT, INVALID_TRANSITION or INSUFFICIENT_STOCK message reaches the page as the
// lib wrote it), refresh what shows the request and stock. The note typed into a failed form comes back.
import { revalidatePath } from "next/cache";
import type { FormState } from "@/components/ui/form-state";
import { tenantAction } from "@/lib/action";
import type { AppContext } from "@/lib/auth/context";
import { approveOrderRequest } from "@/lib/orders/approve-order-request";
import { cancelOrderRequest } from "@/lib/orders/cancel-order-request";
import { closeOrderRequest } from "@/lib/orders/close-order-request";
import { fulfilOrderRequest } from "@/lib/orders/fulfil-order-request";
import type { OrderMoved } from "@/lib/orders/order-moved";
import { rejectOrderRequest } from "@/lib/orders/reject-order-request";

type Transition = (ctx: AppContext, input: unknown) => Promise<OrderMoved>;

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** The per-line quantities a form posts as `quantities.<productId>`, as typed; absent when the form has none. */
function quantities(formData: FormData): Record<string, string> | undefined {
  const typed: Record<string, string> = {};
  for (const [name, value] of formData) {
    if (name.startsWith(QUANTITY_PREFIX) && typeof value === "string")
      typed[name.slice(QUANTITY_PREFIX.length)] = value;
  }
  return Object.keys(typed).length > 0 ? typed : undefined;
}

const QUANTITY_PREFIX = "quantities.";

async function move(transition: Transition, formData: FormData): Promise<FormState<OrderMoved>> {
  // The version and quantities as typed: the lib's schemas coerce them and refuse anything else.
  const typed = quantities(formData);
  const values = {
    orderId: field(formData, "orderId"),
    version: field(formData, "version"),
    note: field(formData, "note"),
    ...(typed && { quantities: typed }),
  };
  const result = await tenantAction(formData, (ctx) => transition(ctx, values));
  if (!result.ok) {
    // What was typed comes back, so a refused form shows it again (the note and each quantity).
    const again = Object.fromEntries(Object.entries(typed ?? {}).map(([id, value]) => [QUANTITY_PREFIX + id, value]));
    return { ...result, values: { note: values.note, ...again } };
  }
  revalidatePath(`/requests/${result.data.id}`);
  revalidatePath("/requests");
  revalidatePath("/dashboard");
  // Approving, fulfilling and cancelling change stock (on hand, reserved), shown with products and locations.
  revalidatePath("/products", "layout");
  revalidatePath("/locations", "layout");
  return result;
}

export async function approveOrderAction(
  _state: FormState<OrderMoved>,
  formData: FormData,
): Promise<FormState<OrderMoved>> {
  return move(approveOrderRequest, formData);
}

export async function rejectOrderAction(
  _state: FormState<OrderMoved>,
  formData: FormData,
): Promise<FormState<OrderMoved>> {
  return move(rejectOrderRequest, formData);
}

export async function fulfilOrderAction(
  _state: FormState<OrderMoved>,
  formData: FormData,
): Promise<FormState<OrderMoved>> {
  return move(fulfilOrderRequest, formData);
}

export async function closeOrderAction(
  _state: FormState<OrderMoved>,
  formData: FormData,
): Promise<FormState<OrderMoved>> {
  return move(closeOrderRequest, formData);
}

export async function cancelOrderAction(
  _state: FormState<OrderMoved>,
  formData: FormData,
): Promise<FormState<OrderMoved>> {
  return move(cancelOrderRequest, formData);
}
