"use client";

import Link from "@/components/ui/link";
import { useActionState, useId, useState } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormAction } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { SubmitButton } from "@/components/ui/submit-button";
import { SelectField } from "@/components/ui/select-field";
import { TextAreaField } from "@/components/ui/text-area-field";
import { packSizeSchema } from "@/lib/products/product-fields";
import { quantityHint } from "@/lib/products/quantity-hint";

export interface ProductFormValues {
  sku: string;
  name: string;
  description: string;
  category: string;
  unit: string;
  barcode: string;
  costPrice: string;
  salePrice: string;
  reorderPoint: string;
  packSize: string;
  reorderQuantity: string;
  targetLevel: string;
}

const FIELDS = [
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
  "openingQuantity",
  "openingLocationId",
];

const EMPTY: ProductFormValues = {
  sku: "",
  name: "",
  description: "",
  category: "",
  unit: "each",
  barcode: "",
  costPrice: "0.00",
  salePrice: "0.00",
  reorderPoint: "0",
  packSize: "",
  reorderQuantity: "",
  targetLevel: "",
};

type ProductFormProps = {
  action: FormAction<{ id: string }>;
  categories: string[];
  cancelHref: string;
} & (
  | { mode: "create"; locations: { id: string; name: string; isDefault: boolean }[] }
  | { mode: "edit"; product: ProductFormValues & { id: string; version: number } }
);

/**
 * Create or edit a product. After a failed submission — refused, or dropped by the network — the typed values come
 * back (keyed inputs remount with them); field errors sit beside their fields, anything else (a CONFLICT naming who
 * changed it, "StockFlow did not answer — you're offline") above.
 */
export function ProductForm(props: ProductFormProps) {
  // A save the network dropped keeps the form as typed (keptWhenUnanswered); sent again, the version (an edit) or the
  // SKU (a new product) keeps it from counting twice.
  const [result, formAction] = useActionState(keptWhenUnanswered(props.action), null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const id = useId();
  const initial: ProductFormValues = props.mode === "edit" ? props.product : EMPTY;
  const values: Record<string, string | undefined> = {
    ...Object.fromEntries(Object.keys(EMPTY).map((name) => [name, initial[name as keyof ProductFormValues]])),
    ...state?.values,
  };
  const text = (
    name: keyof ProductFormValues,
    label: string,
    extra: Partial<React.ComponentProps<typeof TextField>> = {},
  ) => (
    <TextField
      key={`${name}-${values[name] ?? ""}`}
      id={`${id}-${name}`}
      name={name}
      label={label}
      defaultValue={values[name] ?? ""}
      errors={fieldErrors(state, name)}
      {...extra}
    />
  );
  const descriptionErrors = fieldErrors(state, "description");
  // The unit and pack size as typed, for the opening quantity's hint: a pack size the form would refuse says nothing.
  const [counted, setCounted] = useState({ unit: values.unit ?? "", packSize: values.packSize ?? "" });
  const typedPackSize = packSizeSchema.safeParse(counted.packSize);
  const openingHint = quantityHint({
    unit: counted.unit,
    packSize: typedPackSize.success ? typedPackSize.data : null,
  });

  return (
    <form
      onChange={clearOnEdit}
      action={formAction}
      aria-label={props.mode === "create" ? "New product" : "Edit product"}
      className="space-y-6"
      noValidate
    >
      <CompanyField />
      <FormMessage state={state} fields={FIELDS} />
      {props.mode === "edit" && (
        <>
          <input type="hidden" name="id" value={props.product.id} />
          <input type="hidden" name="version" value={props.product.version} />
        </>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        {text("name", "Name", { required: true, maxLength: 200, autoComplete: "off" })}
        {text("sku", "SKU", { required: true, maxLength: 64, autoComplete: "off", hint: "Unique in your company." })}
        {text("unit", "Unit", {
          required: true,
          maxLength: 16,
          hint: "What one counts: each, box, litre…",
          onChange: (event) => setCounted({ ...counted, unit: event.target.value }),
        })}
        {text("packSize", "Pack size", {
          inputMode: "numeric",
          autoComplete: "off",
          hint: "How many units one pack holds, e.g. 25 for a box of 25. Leave empty if you count single units.",
          onChange: (event) => setCounted({ ...counted, packSize: event.target.value }),
        })}
        {text("category", "Category", { maxLength: 80, list: `${id}-categories`, autoComplete: "off" })}
        {text("barcode", "Barcode", { maxLength: 64, autoComplete: "off", inputMode: "text" })}
        {text("costPrice", "Cost price", { inputMode: "decimal" })}
        {text("salePrice", "Sale price", { inputMode: "decimal" })}
      </div>
      <fieldset className="space-y-3 rounded-xl border border-slate-200 p-4">
        <legend className="px-1 text-sm font-semibold text-slate-900">Reordering</legend>
        <p className="text-sm text-slate-600">
          When the product is low, the To reorder page suggests how many to order, less what open restock requests
          already bring. A location can have its own reorder point, set on the product&apos;s page.
        </p>
        <div className="grid gap-4 sm:grid-cols-3">
          {text("reorderPoint", "Reorder point", {
            inputMode: "numeric",
            autoComplete: "off",
            hint: "Low stock when the total on hand is at or below this. 0 turns it off.",
          })}
          {text("reorderQuantity", "Reorder quantity", {
            inputMode: "numeric",
            autoComplete: "off",
            hint: "How many a restock suggestion orders when the product is low. Leave empty to order up to twice the reorder point.",
          })}
          {text("targetLevel", "Target level", {
            inputMode: "numeric",
            autoComplete: "off",
            hint: "A restock suggestion for the total orders up to this level instead; it must be above the reorder point. Leave empty for none.",
          })}
        </div>
      </fieldset>
      <datalist id={`${id}-categories`}>
        {props.categories.map((category) => (
          <option key={category} value={category} />
        ))}
      </datalist>
      <TextAreaField
        key={`description-${values.description ?? ""}`}
        id={`${id}-description`}
        name="description"
        label="Description"
        maxLength={2000}
        defaultValue={values.description ?? ""}
        errors={descriptionErrors}
      />

      {props.mode === "create" && (
        <fieldset className="space-y-4 rounded-xl border border-slate-200 p-4">
          <legend className="px-1 text-sm font-semibold text-slate-900">Opening stock (optional)</legend>
          <p className="text-sm text-slate-600">
            Stock you already hold, booked as the product&apos;s first movement. Later changes go through stock
            adjustments.
          </p>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              key={`openingQuantity-${values.openingQuantity ?? ""}`}
              id={`${id}-openingQuantity`}
              name="openingQuantity"
              label="Opening quantity"
              hint={openingHint ?? undefined}
              inputMode="numeric"
              defaultValue={values.openingQuantity ?? ""}
              errors={fieldErrors(state, "openingQuantity")}
            />
            <SelectField
              key={`openingLocationId-${values.openingLocationId ?? ""}`}
              id={`${id}-openingLocationId`}
              name="openingLocationId"
              label="Location"
              defaultValue={values.openingLocationId ?? props.locations.find((l) => l.isDefault)?.id ?? ""}
              options={[
                { value: "", label: "Choose a location" },
                ...props.locations.map((l) => ({ value: l.id, label: l.name })),
              ]}
              errors={fieldErrors(state, "openingLocationId")}
            />
          </div>
        </fieldset>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel={props.mode === "create" ? "Adding…" : "Saving…"}>
          {props.mode === "create" ? "Add product" : "Save changes"}
        </SubmitButton>
        <Link href={props.cancelHref} className="text-sm font-medium text-slate-700 underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}
