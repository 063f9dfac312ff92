"use server";

// Thin: read the form, run one lib function as the signed-in person (tenantAction resolves the caller and turns
// errors into safe results), then refresh or go to the product. Values typed into a failed form come back.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { FormState } from "@/components/ui/form-state";
import type { DuplicateResolved } from "@/components/products/duplicate-resolve-form";
import type { LocationPointSaved } from "@/components/products/location-reorder-points";
import type { ProductChanged } from "@/components/products/product-status-form";
import type { SupplierLinkChanged } from "@/components/products/product-suppliers";
import { tenantAction } from "@/lib/action";
import { archiveProduct } from "@/lib/products/archive-product";
import { createProduct } from "@/lib/products/create-product";
import { makePreferredSupplier, removeProductSupplier, setProductSupplier } from "@/lib/products/product-suppliers";
import { resolveProductDuplicate } from "@/lib/products/product-duplicates";
import { restoreProduct } from "@/lib/products/restore-product";
import { updateProduct } from "@/lib/products/update-product";
import { setLocationReorderPoint } from "@/lib/stock/set-location-reorder-point";

const PRODUCT_FIELDS = [
  "sku",
  "name",
  "description",
  "category",
  "unit",
  "barcode",
  "costPrice",
  "salePrice",
  "reorderPoint",
  "packSize",
  "reorderQuantity",
  "targetLevel",
] as const;

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

function productValues(formData: FormData, extra: readonly string[] = []): Record<string, string> {
  return Object.fromEntries([...PRODUCT_FIELDS, ...extra].map((name) => [name, field(formData, name)]));
}

export async function createProductAction(
  _state: FormState<{ id: string }>,
  formData: FormData,
): Promise<FormState<{ id: string }>> {
  const values = productValues(formData, ["openingQuantity", "openingLocationId"]);
  const result = await tenantAction(formData, async (ctx) => ({ id: (await createProduct(ctx, values)).id }));
  if (!result.ok) return { ...result, values };
  revalidatePath("/products");
  revalidatePath("/dashboard");
  redirect(`/products/${result.data.id}?notice=created`);
}

export async function updateProductAction(
  _state: FormState<{ id: string }>,
  formData: FormData,
): Promise<FormState<{ id: string }>> {
  const values = productValues(formData);
  const id = field(formData, "id");
  const input = { ...values, id, version: field(formData, "version") };
  const result = await tenantAction(formData, async (ctx) => ({ id: (await updateProduct(ctx, input)).id }));
  if (!result.ok) return { ...result, values };
  revalidatePath("/products");
  revalidatePath("/dashboard");
  redirect(`/products/${result.data.id}?notice=updated`);
}

async function changeArchived(formData: FormData, change: typeof archiveProduct): Promise<FormState<ProductChanged>> {
  const input = { id: field(formData, "id"), version: field(formData, "version") };
  const result = await tenantAction(formData, async (ctx) => {
    const product = await change(ctx, input);
    return { name: product.name, archived: product.archived };
  });
  if (result.ok) {
    revalidatePath("/products");
    revalidatePath(`/products/${input.id}`);
    revalidatePath("/dashboard");
  }
  return result;
}

export async function archiveProductAction(
  _state: FormState<ProductChanged>,
  formData: FormData,
): Promise<FormState<ProductChanged>> {
  return changeArchived(formData, archiveProduct);
}

export async function restoreProductAction(
  _state: FormState<ProductChanged>,
  formData: FormData,
): Promise<FormState<ProductChanged>> {
  return changeArchived(formData, restoreProduct);
}

export async function resolveProductDuplicateAction(
  _state: FormState<DuplicateResolved>,
  formData: FormData,
): Promise<FormState<DuplicateResolved>> {
  const values = { sku: field(formData, "sku"), barcode: field(formData, "barcode") };
  const input = { ...values, id: field(formData, "id"), version: field(formData, "version") };
  const result = await tenantAction(formData, async (ctx) => {
    const product = await resolveProductDuplicate(ctx, input);
    return { sku: product.sku, barcode: product.barcode };
  });
  if (!result.ok) return { ...result, values };
  revalidatePath("/products");
  revalidatePath("/products/duplicates");
  return result;
}

// A product's suppliers (components/products/product-suppliers.tsx): the dialog keeps what was typed in its own state,
// so a refusal returns no values.
function supplierLinkKey(formData: FormData) {
  return { productId: field(formData, "productId"), supplierId: field(formData, "supplierId") };
}

async function changeSupplierLink(
  formData: FormData,
  input: Record<string, string>,
  change: typeof setProductSupplier,
): Promise<FormState<SupplierLinkChanged>> {
  const result = await tenantAction(formData, (ctx) => change(ctx, input));
  if (result.ok) revalidatePath(`/products/${input.productId}`);
  return result;
}

export async function saveProductSupplierAction(
  _state: FormState<SupplierLinkChanged>,
  formData: FormData,
): Promise<FormState<SupplierLinkChanged>> {
  const input = {
    ...supplierLinkKey(formData),
    supplierSku: field(formData, "supplierSku"),
    purchasePrice: field(formData, "purchasePrice"),
    leadTimeDays: field(formData, "leadTimeDays"),
    preferred: field(formData, "preferred"),
  };
  return changeSupplierLink(formData, input, setProductSupplier);
}

export async function preferProductSupplierAction(
  _state: FormState<SupplierLinkChanged>,
  formData: FormData,
): Promise<FormState<SupplierLinkChanged>> {
  return changeSupplierLink(formData, supplierLinkKey(formData), makePreferredSupplier);
}

export async function removeProductSupplierAction(
  _state: FormState<SupplierLinkChanged>,
  formData: FormData,
): Promise<FormState<SupplierLinkChanged>> {
  return changeSupplierLink(formData, supplierLinkKey(formData), removeProductSupplier);
}
/** A location's own reorder point for the product ("Clear", or an empty field, removes it). */
export async function setLocationReorderPointAction(
  _state: FormState<LocationPointSaved>,
  formData: FormData,
): Promise<FormState<LocationPointSaved>> {
  const values = { locationId: field(formData, "locationId"), reorderPoint: field(formData, "reorderPoint") };
  const productId = field(formData, "productId");
  const clear = field(formData, "intent") === "clear";
  const result = await tenantAction(formData, async (ctx) => {
    const saved = await setLocationReorderPoint(ctx, {
      productId,
      locationId: values.locationId,
      reorderPoint: clear ? null : values.reorderPoint,
    });
    return { locationName: saved.locationName, reorderPoint: saved.reorderPoint, onHand: saved.onHand, low: saved.low };
  });
  if (!result.ok) return { ...result, values };
  revalidatePath(`/products/${productId}`);
  revalidatePath("/products");
  revalidatePath("/reorder");
  revalidatePath("/dashboard");
  return result;
}
