"use server";

// Thin: read the form, run the lib function as the signed-in manager (tenantAction resolves the caller and turns
// errors into safe results), refresh what shows stock. Values typed into a failed form come back.
import { revalidatePath } from "next/cache";
import type { StockAdjustedView } from "@/components/stock/adjust-stock-form";
import type { StockTransferredView } from "@/components/stock/transfer-stock-form";
import type { FormState } from "@/components/ui/form-state";
import { tenantAction } from "@/lib/action";
import { adjustStock } from "@/lib/stock/adjust-stock";
import { transferStock } from "@/lib/stock/transfer-stock";

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

function refreshStock() {
  revalidatePath("/stock", "layout");
  revalidatePath("/locations", "layout");
  revalidatePath("/products", "layout");
}

export async function adjustStockAction(
  _state: FormState<StockAdjustedView>,
  formData: FormData,
): Promise<FormState<StockAdjustedView>> {
  const values = {
    operationId: field(formData, "operationId"),
    productId: field(formData, "productId"),
    locationId: field(formData, "locationId"),
    mode: field(formData, "mode"),
    quantity: field(formData, "quantity"),
    reason: field(formData, "reason"),
  };
  const result = await tenantAction(formData, (ctx) => adjustStock(ctx, values));
  if (result.ok) refreshStock();
  return result.ok ? result : { ...result, values };
}

export async function transferStockAction(
  _state: FormState<StockTransferredView>,
  formData: FormData,
): Promise<FormState<StockTransferredView>> {
  const values = {
    operationId: field(formData, "operationId"),
    productId: field(formData, "productId"),
    fromLocationId: field(formData, "fromLocationId"),
    toLocationId: field(formData, "toLocationId"),
    quantity: field(formData, "quantity"),
    note: field(formData, "note"),
  };
  const result = await tenantAction(formData, (ctx) => transferStock(ctx, values));
  if (result.ok) refreshStock();
  return result.ok ? result : { ...result, values };
}
