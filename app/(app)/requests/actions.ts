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
import { fulfilOrderRequest } from "@/lib/orders/fulfil-order-request";
import type { OrderMoved } from "@/lib/orders/order-moved";
import { rejectOrderRequest } from "@/lib/orders/reject-order-request";

type Transition = (ctx: AppContext, input: unknown) => Promise<OrderMoved>;

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

async function move(transition: Transition, formData: FormData): Promise<FormState<OrderMoved>> {
  // The version as typed: the lib's versionSchema coerces it and refuses anything else.
  const values = {
    orderId: field(formData, "orderId"),
    version: field(formData, "version"),
    note: field(formData, "note"),
  };
  const result = await tenantAction(formData, (ctx) => transition(ctx, values));
  if (!result.ok) return { ...result, values: { note: values.note } };
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

export async function cancelOrderAction(
  _state: FormState<OrderMoved>,
  formData: FormData,
): Promise<FormState<OrderMoved>> {
  return move(cancelOrderRequest, formData);
}
