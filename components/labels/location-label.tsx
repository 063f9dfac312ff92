import type { LocationLabel } from "@/lib/labels/get-location-labels";
import type { LabelPreset } from "@/lib/labels/label-presets";
import { labelText, mm } from "./label-text";

/**
 * One location label: a QR code of the location's stocktake address beside its name and code (under them on a
 * label taller than wide). The encoded address is also in `data-qr-url` and the image's name, so a person with a
 * screen reader, and the tests, know where it leads. The SVG comes from lib/labels/render-barcode.ts.
 */
export function LocationLabelView({ label, preset }: { label: LocationLabel; preset: LabelPreset }) {
  const { width, height } = preset.label;
  const portrait = height > width;
  const text = labelText(portrait ? width : height, { large: true });
  return (
    <div
      className="flex h-full items-center"
      style={{ padding: mm(text.padding), gap: mm(text.padding), flexDirection: portrait ? "column" : "row" }}
      data-location-id={label.locationId}
    >
      <div
        role="img"
        aria-label={`QR code for ${label.url}`}
        data-qr-url={label.url}
        className="aspect-square shrink-0 [&>svg]:size-full"
        style={portrait ? { width: "100%", order: 1 } : { height: "100%" }}
        dangerouslySetInnerHTML={{ __html: label.qrSvg }}
      />
      <div className="min-w-0 flex-1 self-stretch overflow-hidden" style={portrait ? { width: "100%" } : undefined}>
        <p
          className="overflow-hidden font-bold leading-tight break-words"
          style={{
            fontSize: mm(text.title),
            display: "-webkit-box",
            WebkitBoxOrient: "vertical",
            WebkitLineClamp: text.titleLines + 1,
          }}
        >
          {label.name}
        </p>
        {label.code && (
          <p className="truncate font-mono leading-tight" style={{ fontSize: mm(text.detail) }}>
            {label.code}
          </p>
        )}
        <p className="leading-tight text-slate-700" style={{ fontSize: mm(text.detail * 0.7) }}>
          Scan to count stock
        </p>
      </div>
    </div>
  );
}
