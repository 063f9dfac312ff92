"use server";

// Thin: read the form, run one lib function as the signed-in caller (tenantAction resolves the caller and turns
// errors into safe results: a CONFLICT or INVALID_TRANSITION reaches the page as the lib wrote it), refresh what shows
// the stocktake and the stock. Values typed into a failed form come back.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import { tenantAction } from "@/lib/action";
import { bookStocktake, type StocktakeBooked } from "@/lib/stocktakes/book-stocktake";
import { cancelStocktake, type StocktakeCancelled } from "@/lib/stocktakes/cancel-stocktake";
import { countStocktakeLine, type StocktakeCounted } from "@/lib/stocktakes/count-stocktake-line";
import { finishStocktake, type StocktakeFinished } from "@/lib/stocktakes/finish-stocktake";
import { startStocktake } from "@/lib/stocktakes/start-stocktake";

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

function refreshStocktake(stocktakeId: string) {
  revalidatePath("/stocktakes");
  revalidatePath(`/stocktakes/${stocktakeId}`, "layout");
}

function refreshStock() {
  revalidatePath("/products", "layout");
  revalidatePath("/locations", "layout");
  revalidatePath("/stock", "layout");
  revalidatePath("/dashboard");
}

export async function startStocktakeAction(
  _state: FormState<{ id: string }>,
  formData: FormData,
): Promise<FormState<{ id: string }>> {
  const values = {
    locationId: field(formData, "locationId"),
    blind: field(formData, "blind"),
    recountUnits: field(formData, "recountUnits"),
    recountPercent: field(formData, "recountPercent"),
  };
  // A checkbox sends "on" when ticked and nothing otherwise; the thresholds go as typed (blank is none).
  const input = { ...values, blind: values.blind === "on" };
  const result = await tenantAction(formData, async (ctx) => ({ id: (await startStocktake(ctx, input)).id }));
  if (!result.ok) return { ...result, values };
  refreshStocktake(result.data.id);
  redirect(`/stocktakes/${result.data.id}`);
}

export async function countStocktakeAction(
  _state: FormState<StocktakeCounted>,
  formData: FormData,
): Promise<FormState<StocktakeCounted>> {
  const values = {
    operationId: field(formData, "operationId"),
    stocktakeId: field(formData, "stocktakeId"),
    productId: field(formData, "productId"),
    counted: field(formData, "counted"),
  };
  const result = await tenantAction(formData, (ctx) => countStocktakeLine(ctx, values));
  if (result.ok) refreshStocktake(values.stocktakeId);
  return result.ok ? result : { ...result, values };
}

export async function finishStocktakeAction(
  _state: FormState<StocktakeFinished>,
  formData: FormData,
): Promise<FormState<StocktakeFinished>> {
  const input = { stocktakeId: field(formData, "stocktakeId"), version: field(formData, "version") };
  const result = await tenantAction(formData, (ctx) => finishStocktake(ctx, input));
  if (result.ok) refreshStocktake(input.stocktakeId);
  return result;
}

export async function bookStocktakeAction(
  _state: FormState<StocktakeBooked>,
  formData: FormData,
): Promise<FormState<StocktakeBooked>> {
  const input = {
    operationId: field(formData, "operationId"),
    stocktakeId: field(formData, "stocktakeId"),
    version: field(formData, "version"),
  };
  const result = await tenantAction(formData, (ctx) => bookStocktake(ctx, input));
  if (result.ok) {
    refreshStocktake(input.stocktakeId);
    refreshStock();
  }
  return result;
}

export async function cancelStocktakeAction(
  _state: FormState<StocktakeCancelled>,
  formData: FormData,
): Promise<FormState<StocktakeCancelled>> {
  const input = { stocktakeId: field(formData, "stocktakeId"), version: field(formData, "version") };
  const result = await tenantAction(formData, (ctx) => cancelStocktake(ctx, input));
  if (result.ok) refreshStocktake(input.stocktakeId);
  return result;
}
