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
import { MAX_ORDER_LINES } from "@/lib/orders/order-fields";
import { updateOrderRequest } from "@/lib/orders/update-order-request";

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** The draft as lib takes it, and the same as flat form values for a failed submit to show again. */
function readDraft(formData: FormData) {
  const values: Record<string, string> = {
    type: field(formData, "type"),
    locationId: field(formData, "locationId"),
    reference: field(formData, "reference"),
    note: field(formData, "note"),
    lineDetails: field(formData, "lineDetails"),
  };
  const lines: { productId: string; quantity: string }[] = [];
  // One line more than allowed is read, so an oversized request gets lib's "at most" message, not a silent cut.
  for (let index = 0; index <= MAX_ORDER_LINES && formData.has(`lines.${index}.productId`); index++) {
    const line = {
      productId: field(formData, `lines.${index}.productId`),
      quantity: field(formData, `lines.${index}.quantity`),
    };
    values[`lines.${index}.productId`] = line.productId;
    values[`lines.${index}.quantity`] = line.quantity;
    lines.push(line);
  }
  const draft = {
    type: values.type,
    locationId: values.locationId,
    lines,
    reference: values.reference,
    note: values.note,
  };
  return { draft, values };
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
  const { draft, values } = readDraft(formData);
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
  const { draft, values } = readDraft(formData);
  const input = { orderId: field(formData, "orderId"), version: field(formData, "version"), ...draft };
  const result = await tenantAction(formData, async (ctx) => ({ id: (await updateOrderRequest(ctx, input)).id }));
  if (!result.ok) return { ...result, values };
  refreshRequests(result.data.id);
  redirect(`/requests/${result.data.id}?notice=updated`);
}
