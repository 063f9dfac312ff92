import { formatMoney } from "@/components/products/labels";
import { SYMBOLOGY_NAMES } from "@/lib/labels/barcode-symbology";
import type { ProductLabel } from "@/lib/labels/get-product-labels";
import type { LabelPreset } from "@/lib/labels/label-presets";
import { labelText, mm } from "./label-text";

/**
 * One product label: the name (cut off with an ellipsis after the lines the label has room for), the SKU, the price
 * when printed, and the barcode filling the rest without being stretched (a distorted barcode may not scan). The
 * barcode's SVG comes from lib/labels/render-barcode.ts, which draws only geometry.
 */
export function ProductLabelView({
  label,
  preset,
  currency,
}: {
  label: ProductLabel;
  preset: LabelPreset;
  currency: string;
}) {
  const text = labelText(preset.label.height);
  const { barcode } = label;
  return (
    <div className="flex h-full flex-col" style={{ padding: mm(text.padding) }} data-product-id={label.productId}>
      <p
        className="overflow-hidden font-semibold leading-tight break-words"
        style={{
          fontSize: mm(text.title),
          display: "-webkit-box",
          WebkitBoxOrient: "vertical",
          WebkitLineClamp: text.titleLines,
        }}
      >
        {label.name}
      </p>
      <p className="flex items-baseline justify-between gap-2 leading-tight" style={{ fontSize: mm(text.detail) }}>
        <span className="truncate font-mono">{label.sku}</span>
        {label.price !== undefined && (
          <span className="shrink-0 font-semibold">{formatMoney(label.price, currency)}</span>
        )}
      </p>
      {barcode ? (
        <div
          role="img"
          aria-label={`${SYMBOLOGY_NAMES[barcode.symbology]} barcode ${barcode.text}`}
          data-symbology={barcode.symbology}
          data-barcode={barcode.text}
          className="min-h-0 flex-1 [&>svg]:h-full [&>svg]:w-full"
          style={{ marginTop: mm(text.padding / 2) }}
          dangerouslySetInnerHTML={{ __html: barcode.svg }}
        />
      ) : (
        <p className="mt-1 leading-tight" style={{ fontSize: mm(text.detail) }}>
          No barcode: the SKU has characters a barcode cannot carry.
        </p>
      )}
    </div>
  );
}
