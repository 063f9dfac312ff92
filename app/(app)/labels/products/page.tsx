import type { Metadata } from "next";
import Link from "@/components/ui/link";
import { LabelSettingsForm } from "@/components/labels/label-settings-form";
import { LabelPreview } from "@/components/labels/label-sheets";
import { ProductLabelView } from "@/components/labels/product-label";
import { Alert } from "@/components/ui/alert";
import { requireTenant } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { getLabelOptions } from "@/lib/labels/get-label-options";
import { getProductLabels } from "@/lib/labels/get-product-labels";
import { labelInputFromSearchParams } from "@/lib/labels/label-fields";
import { labelPreset } from "@/lib/labels/label-presets";
import { orRefusal } from "@/lib/page";

export const metadata: Metadata = { title: "Product labels" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Product labels (docs/architecture.md "Labels"): the settings, a preview at real size, and Print. */
export default async function ProductLabelsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await requireTenant();
  const params = await searchParams;
  const { ids, ...settings } = labelInputFromSearchParams(params);
  const [options, result] = await Promise.all([
    getLabelOptions(ctx),
    orRefusal(getProductLabels(ctx, { productIds: ids, ...settings })),
  ]);
  const refused = result instanceof AppError ? result : null;
  const sheet = result instanceof AppError ? null : result;
  const preset = sheet && labelPreset(sheet.preset);

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div className="space-y-2 print:hidden">
        <Link href="/products" className="text-sm font-medium text-brand-700 underline">
          Products
        </Link>
        <h1 className="text-2xl font-bold text-slate-900">Product labels</h1>
        <p className="text-slate-600">
          Each label has the product’s name, SKU and barcode: its own EAN-13 or UPC-A where it has a valid one, else a
          Code 128 of its barcode or SKU. Print at 100% scale (“Actual size”), without fitting to the page.
        </p>
      </div>

      {refused?.fieldErrors?.productIds ? (
        <Alert tone="error">
          {refused.fieldErrors.productIds.join(" ")}{" "}
          <Link href="/products" className="font-medium underline">
            Choose products on the product list
          </Link>
          .
        </Alert>
      ) : (
        <>
          <LabelSettingsForm
            action="/labels/products"
            ids={ids}
            preset={typeof params.preset === "string" ? params.preset : undefined}
            copies={typeof params.copies === "string" ? params.copies : undefined}
            price={options.canShowPrice ? { checked: settings.showPrice } : undefined}
            errors={refused?.fieldErrors}
          />
          {refused && <Alert tone="error">{refused.message}</Alert>}
        </>
      )}

      {sheet && preset && (
        <LabelPreview preset={preset} labels={sheet.labels}>
          {(label) => <ProductLabelView label={label} preset={preset} currency={sheet.currency} />}
        </LabelPreview>
      )}
    </div>
  );
}
