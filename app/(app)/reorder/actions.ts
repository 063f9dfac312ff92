"use server";

// Thin: read the form, draft the restock as the signed-in person (tenantAction resolves the caller and turns errors
// into safe results), then refresh what the new request changes: the list's "coming", the requests, the dashboard.
import { revalidatePath } from "next/cache";
import type { RestockDraftedView } from "@/components/reorder/draft-restock-form";
import type { FormState } from "@/components/ui/form-state";
import { tenantAction } from "@/lib/action";
import { formatOrderNumber } from "@/lib/orders/order-fields";
import { draftRestockFromSuggestions } from "@/lib/stock/draft-restock";

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

export async function draftRestockAction(
  _state: FormState<RestockDraftedView>,
  formData: FormData,
): Promise<FormState<RestockDraftedView>> {
  const input = {
    clientRequestId: field(formData, "clientRequestId"),
    supplierId: field(formData, "supplierId"),
    locationId: field(formData, "locationId"),
  };
  const result = await tenantAction(formData, async (ctx) => {
    const drafted = await draftRestockFromSuggestions(ctx, input);
    return {
      id: drafted.id,
      number: formatOrderNumber(drafted.number),
      lines: drafted.lines,
      leftOut: drafted.leftOut,
      created: drafted.created,
    };
  });
  if (result.ok) {
    revalidatePath("/reorder");
    revalidatePath("/requests");
    revalidatePath("/dashboard");
  }
  return result;
}
