"use server";

// Thin: read the form, run one lib function as the signed-in caller (tenantAction resolves the caller and turns
// errors into safe results), refresh the pages that show locations and stock.
import { revalidatePath } from "next/cache";
import type { LocationChanged } from "@/components/locations/location-actions";
import type { StocktakeSummaryView } from "@/components/stock/stocktake-form";
import type { FormState } from "@/components/ui/form-state";
import { tenantAction } from "@/lib/action";
import type { AppContext } from "@/lib/auth/context";
import { archiveLocation } from "@/lib/locations/archive-location";
import { createLocation } from "@/lib/locations/create-location";
import { renameLocation } from "@/lib/locations/rename-location";
import { restoreLocation } from "@/lib/locations/restore-location";
import { setDefaultLocation } from "@/lib/locations/set-default-location";
import { recordStocktake } from "@/lib/stock/record-stocktake";

/** The stocktake form names each count input `count.<productId>`; blank means not counted. */
const COUNT_PREFIX = "count.";

type Work<T> = (ctx: AppContext) => Promise<T>;

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

async function run<T>(formData: FormData, work: Work<T>, values?: Record<string, string>): Promise<FormState<T>> {
  const result = await tenantAction(formData, work);
  if (result.ok) {
    revalidatePath("/locations", "layout");
    revalidatePath("/stock", "layout");
  }
  return result.ok || !values ? result : { ...result, values };
}

export async function createLocationAction(_state: FormState<LocationChanged>, formData: FormData) {
  const input = { name: field(formData, "name"), code: field(formData, "code") };
  return run(formData, (ctx) => createLocation(ctx, input), input);
}

export async function renameLocationAction(_state: FormState<LocationChanged>, formData: FormData) {
  const input = { locationId: field(formData, "locationId"), name: field(formData, "name") };
  return run(formData, (ctx) => renameLocation(ctx, input), input);
}

export async function archiveLocationAction(_state: FormState<LocationChanged>, formData: FormData) {
  const input = { locationId: field(formData, "locationId") };
  return run(formData, (ctx) => archiveLocation(ctx, input));
}

export async function restoreLocationAction(_state: FormState<LocationChanged>, formData: FormData) {
  const input = { locationId: field(formData, "locationId") };
  return run(formData, (ctx) => restoreLocation(ctx, input));
}

export async function setDefaultLocationAction(_state: FormState<LocationChanged>, formData: FormData) {
  const input = { locationId: field(formData, "locationId") };
  return run(formData, (ctx) => setDefaultLocation(ctx, input));
}

export async function recordStocktakeAction(
  _state: FormState<StocktakeSummaryView>,
  formData: FormData,
): Promise<FormState<StocktakeSummaryView>> {
  const values: Record<string, string> = { operationId: field(formData, "operationId"), note: field(formData, "note") };
  const counts: { productId: string; counted: string }[] = [];
  for (const [name, value] of formData.entries()) {
    if (!name.startsWith(COUNT_PREFIX) || typeof value !== "string") continue;
    values[name] = value;
    if (value.trim() !== "") counts.push({ productId: name.slice(COUNT_PREFIX.length), counted: value });
  }
  const input = {
    operationId: values.operationId,
    locationId: field(formData, "locationId"),
    counts,
    note: values.note,
  };
  const result = await run(formData, (ctx) => recordStocktake(ctx, input));
  if (result?.ok || !result) return result;
  // The lib names a bad count by its place in the list ("counts.3.counted"); the form by its product.
  const fieldErrors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(result.fieldErrors ?? {})) {
    const index = /^counts\.(\d+)\./.exec(key)?.[1];
    const productId = index === undefined ? undefined : counts[Number(index)]?.productId;
    const target = productId ? `${COUNT_PREFIX}${productId}` : key === "note" ? "note" : "_form";
    (fieldErrors[target] ??= []).push(...messages);
  }
  return { ...result, fieldErrors, values };
}
