"use server";

// The request form's actions. Thin: read the form (quantities as typed: lib validates), run one lib function as the
// signed-in person (tenantAction resolves the caller and turns errors into safe results), then refresh the lists
// and go to the request. A failed submit returns everything that was sent, the lines' display details included,
// and keeps the client request id: a retry after a timeout is still the same request.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { tenantAction } from "@/lib/action";
import { createOrderRequest } from "@/lib/orders/create-order-request";
import { readOrderFormData } from "@/lib/orders/order-form-data";
import { updateOrderRequest } from "@/lib/orders/update-order-request";

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

function refreshRequests(id: string) {
  revalidatePath("/requests");
  revalidatePath(`/requests/${id}`);
  revalidatePath("/dashboard");
}

export async function createOrderAction(
  _state: FormState<{ id: string }>,
  formData: FormData,
): Promise<FormState<{ id: string }>> {
  const { draft, values } = readOrderFormData(formData);
  const input = { clientRequestId: field(formData, "clientRequestId"), ...draft };
  const result = await tenantAction(formData, async (ctx) => ({ id: (await createOrderRequest(ctx, input)).id }));
  if (!result.ok) return { ...result, values };
  refreshRequests(result.data.id);
  // A retried submit (created: false) lands on the same request, with the same notice.
  redirect(`/requests/${result.data.id}?notice=created`);
}

export async function updateOrderAction(
  _state: FormState<{ id: string }>,
  formData: FormData,
): Promise<FormState<{ id: string }>> {
  const { draft, values } = readOrderFormData(formData);
  const input = { orderId: field(formData, "orderId"), version: field(formData, "version"), ...draft };
  const result = await tenantAction(formData, async (ctx) => ({ id: (await updateOrderRequest(ctx, input)).id }));
  if (!result.ok) return { ...result, values };
  refreshRequests(result.data.id);
  redirect(`/requests/${result.data.id}?notice=updated`);
}
