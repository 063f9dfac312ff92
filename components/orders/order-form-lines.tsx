"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { OrderType } from "@/lib/orders/order-fields";
import { quantityHint } from "@/lib/products/quantity-hint";
import type { ProductMatch } from "./order-form-product-search";

/** One product on the request, as the form holds it: the quantity as typed, with what the search said about it. */
export interface OrderFormLine {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  /** How many units one pack holds, or null: said beside the quantity (lib/products/quantity-hint.ts). */
  packSize: number | null;
  /** Available at `availableAt` when last asked; null when not known. */
  available: number | null;
  /** The location `available` was read at; another than the request's means it is being asked again. */
  availableAt: string | null;
  quantity: string;
  archived?: boolean;
}

const count = new Intl.NumberFormat("en-US");

/** The quantity typed, when it is a whole number; the server says what is wrong with anything else. */
export function typedQuantity(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,10}$/.test(trimmed) ? Number(trimmed) : null;
}

/**
 * The lines after adding a product: a product already on the request gets one more (a second scan of the same
 * barcode means one more of it), a new one comes first, where a phone shows it under the search.
 */
export function addProduct(
  lines: OrderFormLine[],
  match: ProductMatch,
  availableAt: string,
): { lines: OrderFormLine[]; quantity: number; added: boolean } {
  const existing = lines.find((line) => line.productId === match.productId);
  if (existing) {
    const quantity = (typedQuantity(existing.quantity) ?? 0) + 1;
    return {
      lines: lines.map((line) =>
        line === existing
          ? { ...line, quantity: String(quantity), available: match.available, availableAt, archived: false }
          : line,
      ),
      quantity,
      added: false,
    };
  }
  const line: OrderFormLine = {
    productId: match.productId,
    sku: match.sku,
    name: match.name,
    unit: match.unit,
    packSize: match.packSize,
    available: match.available,
    availableAt,
    quantity: "1",
  };
  return { lines: [line, ...lines], quantity: 1, added: true };
}

/** The products on the request: each with its quantity (typed, or − and +), availability and errors. */
export function OrderFormLines({
  idPrefix,
  lines,
  type,
  location,
  errorsFor,
  onQuantity,
  onRemove,
}: {
  idPrefix: string;
  lines: OrderFormLine[];
  type: OrderType | "";
  location: { id: string; name: string };
  errorsFor: (productId: string) => string[] | undefined;
  onQuantity: (productId: string, quantity: string) => void;
  onRemove: (line: OrderFormLine) => void;
}) {
  if (lines.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-600">
        No products yet: search above, or scan a barcode.
      </p>
    );
  }
  return (
    <ul aria-label="Products on this request" className="divide-y divide-slate-200 rounded-lg border border-slate-200">
      {lines.map((line, index) => {
        const inputId = `${idPrefix}-quantity-${line.productId}`;
        const quantity = typedQuantity(line.quantity);
        const known = line.availableAt === location.id && line.available !== null;
        const short =
          type === "CUSTOMER_ORDER" &&
          known &&
          quantity !== null &&
          line.available !== null &&
          quantity > line.available;
        const errors = errorsFor(line.productId);
        const hint = quantityHint(line);
        const describedBy = [hint && `${inputId}-hint`, short && `${inputId}-short`, errors && `${inputId}-error`]
          .filter(Boolean)
          .join(" ");
        return (
          <li key={line.productId} className="space-y-2 p-3 sm:p-4">
            <input type="hidden" name={`lines.${index}.productId`} value={line.productId} />
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="break-words font-medium text-slate-900">
                  {line.name} {line.archived && <Badge tone="muted">Archived</Badge>}
                </p>
                <p className="text-sm text-slate-600">
                  <span className="break-all">{line.sku}</span>
                  {line.availableAt !== location.id ? (
                    <> · checking stock at {location.name}…</>
                  ) : known ? (
                    <>
                      {" "}
                      · {count.format(line.available!)} available at {location.name}
                    </>
                  ) : null}
                </p>
              </div>
              <Button
                type="button"
                variant="ghost"
                className="h-11 shrink-0"
                aria-label={`Remove ${line.name}`}
                onClick={() => onRemove(line)}
              >
                Remove
              </Button>
            </div>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
                Quantity
              </label>
              <div className="flex items-center gap-1.5">
                <Button
                  type="button"
                  variant="secondary"
                  className="size-11 px-0 text-lg"
                  aria-label={`One fewer ${line.name}`}
                  aria-controls={inputId}
                  disabled={quantity !== null && quantity <= 1}
                  onClick={() => onQuantity(line.productId, String(Math.max(1, (quantity ?? 2) - 1)))}
                >
                  <span aria-hidden="true">−</span>
                </Button>
                <input
                  id={inputId}
                  name={`lines.${index}.quantity`}
                  // Every line has a "Quantity": the name says which product's it is.
                  aria-label={`Quantity of ${line.name}`}
                  value={line.quantity}
                  onChange={(event) => onQuantity(line.productId, event.target.value)}
                  inputMode="numeric"
                  pattern="[0-9]*"
                  autoComplete="off"
                  aria-invalid={errors ? true : undefined}
                  aria-describedby={describedBy || undefined}
                  className={cn(
                    "block min-h-11 w-20 rounded-lg border bg-white px-2 py-2 text-center text-base tabular-nums text-slate-900 shadow-sm sm:text-sm",
                    errors ? "border-red-500" : "border-slate-300",
                  )}
                />
                <Button
                  type="button"
                  variant="secondary"
                  className="size-11 px-0 text-lg"
                  aria-label={`One more ${line.name}`}
                  aria-controls={inputId}
                  onClick={() => onQuantity(line.productId, String((quantity ?? 0) + 1))}
                >
                  <span aria-hidden="true">+</span>
                </Button>
              </div>
              {hint && (
                <span id={`${inputId}-hint`} className="text-sm text-slate-600">
                  {hint}
                </span>
              )}
            </div>
            {short && (
              <p id={`${inputId}-short`} className="text-sm text-amber-800">
                {`Only ${count.format(line.available!)} available at ${location.name} — a manager can't approve more than that.`}
              </p>
            )}
            {errors && (
              <p id={`${inputId}-error`} className="text-sm text-red-700">
                {errors.join(" ")}
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
