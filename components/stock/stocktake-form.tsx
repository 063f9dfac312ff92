"use client";

import { useActionState, useEffect, useId, useRef } from "react";
import { DeviceDraftFrame } from "@/components/offline/device-draft-frame";
import { draftKey, type DraftScope } from "@/components/offline/device-draft-storage";
import { useDeviceDraft, type DeviceDraft } from "@/components/offline/use-device-draft";
import { ScanButton } from "@/components/scan/scan-button";
import { Alert } from "@/components/ui/alert";
import { cn } from "@/components/ui/cn";
import { CompanyField } from "@/components/ui/company-field";
import { fieldErrors, FormMessage, type FormAction } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { DataTable } from "@/components/ui/list/data-table";
import { operationSpent, useOperationId } from "@/components/ui/operation-id";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextAreaField } from "@/components/ui/text-area-field";
import { quantityHint } from "@/lib/products/quantity-hint";
import { stocktakeScan } from "./stocktake-scan";

export interface StocktakeSummaryView {
  location: { name: string };
  lines: {
    productId: string;
    sku: string;
    name: string;
    unit: string;
    before: number;
    counted: number;
    difference: number;
  }[];
  changed: number;
  unchanged: number;
  uncoveredOrders: {
    orderId: string;
    number: number;
    sku: string;
    name: string;
    quantity: number;
    onHand: number;
    reserved: number;
  }[];
}

export interface StocktakeProduct {
  productId: string;
  sku: string;
  name: string;
  unit: string;
  /** How many units one pack holds, or null: the count box's hint says it. */
  packSize: number | null;
  barcode: string | null;
  onHand: number;
}

const count = new Intl.NumberFormat("en-US");
const signed = (n: number) => (n > 0 ? `+${count.format(n)}` : n < 0 ? `−${count.format(-n)}` : "0");
const requestNumber = (n: number) => `REQ-${String(n).padStart(6, "0")}`;
const plural = (n: number, one: string, many: string) => `${count.format(n)} ${n === 1 ? one : many}`;

interface StocktakeFormProps {
  action: FormAction<StocktakeSummaryView>;
  locationId: string;
  /** Made when the page was rendered: a retry of the same submit books nothing twice; a recount is a new one. */
  operationId: string;
  products: StocktakeProduct[];
  /** Whose draft this is: the page's signed-in person and company. */
  draftScope: DraftScope;
  /** Which counts the draft is of: the location and the page of its products (search and the page's first product). */
  draftId: string;
}

/**
 * The counts for one page of a location's products: a box per product (blank = not counted, left as it is), then
 * one submit that books every difference. After it, the summary says what changed and what stayed. The counts are
 * kept as a draft on the device, one per page of a location's products, until the server accepts them
 * (docs/architecture.md, "Drafts on the device").
 */
export function StocktakeForm(props: StocktakeFormProps) {
  const draft = useDeviceDraft(draftKey(props.draftScope, "stocktake", props.draftId));
  return (
    <DeviceDraftFrame draft={draft}>
      <StocktakeFields {...props} draft={draft} />
    </DeviceDraftFrame>
  );
}

/** The boxes are not held in state: each is re-keyed from the values a refused submit sent (or a draft held). */
function StocktakeFields({
  action,
  locationId,
  operationId: firstOperationId,
  products,
  draft,
}: StocktakeFormProps & { draft: DeviceDraft }) {
  const [result, formAction] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const id = useId();
  // Once the server has answered, the answer decides what the fields show: a refusal its values, a success nothing —
  // never the restored draft again, which a second tap would book a second time.
  const values = result ? result.values : (draft.start ?? undefined);
  const operationId = useOperationId(values?.operationId || firstOperationId, state, operationSpent(state));
  const countFields = products.map((product) => `count.${product.productId}`);
  const { track, accepted } = draft;
  useEffect(() => {
    if (state?.ok) accepted();
  }, [state, accepted]);

  /** The counts typed and the note: only what is not blank. */
  function keepDraft(form: HTMLFormElement) {
    const data = new FormData(form);
    const kept: Record<string, string> = {};
    for (const name of [...countFields, "note"]) {
      const value = String(data.get(name) ?? "");
      if (value.trim()) kept[name] = value;
    }
    track({ ...kept, operationId }, Object.keys(kept).length > 0);
  }

  const formRef = useRef<HTMLFormElement>(null);
  const box = (productId: string) =>
    formRef.current?.elements.namedItem(`count.${productId}`) as HTMLInputElement | null | undefined;

  /**
   * A scan adds one to that product's box (the boxes stay uncontrolled: what they show is what is sent). Setting a
   * value fires no change event, so the draft is kept here too.
   */
  function counted(code: string) {
    const scan = stocktakeScan(products, code, (productId) => box(productId)?.value ?? "");
    const input = "productId" in scan ? box(scan.productId) : null;
    if (input && "value" in scan) {
      input.value = scan.value;
      input.scrollIntoView({ block: "nearest" });
      if (formRef.current) keepDraft(formRef.current);
    }
    return scan.feedback;
  }

  return (
    <div className="space-y-6">
      {state?.ok && <StocktakeSummary summary={state.data} />}
      <form
        ref={formRef}
        action={formAction}
        onChange={(event) => {
          keepDraft(event.currentTarget);
          clearOnEdit(event);
        }}
        aria-label="Stocktake counts"
        className="space-y-4"
        noValidate
      >
        <CompanyField />
        <input type="hidden" name="locationId" value={locationId} />
        <input type="hidden" name="operationId" value={operationId} />
        <FormMessage state={state} fields={[...countFields, "note"]} />
        <ScanButton
          label="Scan to count"
          title="Count by scanning"
          hint="Each scan adds one to that product's count on this page. The scanner stays open until you close it."
          mode="continuous"
          onCode={counted}
        />
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white shadow-sm">
          {products.map((product) => {
            const name = `count.${product.productId}`;
            const inputId = `${id}-${product.productId}`;
            const errors = fieldErrors(state, name);
            const hint = quantityHint(product);
            const describedBy = [hint && `${inputId}-hint`, errors && `${inputId}-error`].filter(Boolean).join(" ");
            return (
              <li key={product.productId} className="grid grid-cols-[minmax(0,1fr)_7rem] items-center gap-3 p-3 sm:p-4">
                <div className="min-w-0">
                  <label htmlFor={inputId} className="block break-words font-medium text-slate-900">
                    {product.name}
                  </label>
                  <p className="text-sm text-slate-600">
                    {product.sku}
                    {product.barcode && <span className="hidden sm:inline"> · {product.barcode}</span>} · on hand{" "}
                    {count.format(product.onHand)} {product.unit}
                  </p>
                  {hint && (
                    <p id={`${inputId}-hint`} className="text-sm text-slate-500">
                      {hint}
                    </p>
                  )}
                  {errors && (
                    <p id={`${inputId}-error`} className="text-sm text-red-700">
                      {errors.join(" ")}
                    </p>
                  )}
                </div>
                <input
                  key={`${name}-${values?.[name] ?? ""}`}
                  id={inputId}
                  name={name}
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder="Count"
                  defaultValue={values?.[name]}
                  aria-invalid={errors ? true : undefined}
                  aria-describedby={describedBy || undefined}
                  className={cn(
                    "block min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-right text-base text-slate-900 shadow-sm placeholder:text-slate-400 sm:text-sm",
                    errors ? "border-red-500" : "border-slate-300",
                  )}
                />
              </li>
            );
          })}
        </ul>
        <TextAreaField
          key={`note-${values?.note ?? ""}`}
          id={`${id}-note`}
          name="note"
          label="Note (optional)"
          hint="Saved with every difference booked, e.g. who counted."
          maxLength={500}
          rows={2}
          defaultValue={values?.note}
          errors={fieldErrors(state, "note")}
        />
        <div className="sticky bottom-0 -mx-4 border-t border-slate-200 bg-white/95 px-4 py-3 sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:p-0">
          <SubmitButton pendingLabel="Recording…" className="w-full sm:w-auto">
            Record counts
          </SubmitButton>
        </div>
      </form>
    </div>
  );
}

function StocktakeSummary({ summary }: { summary: StocktakeSummaryView }) {
  const changed = summary.lines.filter((line) => line.difference !== 0);
  const unchanged = summary.lines.filter((line) => line.difference === 0);
  return (
    <section
      aria-labelledby="stocktake-summary-heading"
      className="space-y-4 rounded-xl border border-green-200 bg-white p-4 shadow-sm"
    >
      <Alert tone="success">
        Stocktake recorded at {summary.location.name}: {plural(summary.changed, "count", "counts")} changed the stock,{" "}
        {plural(summary.unchanged, "count", "counts")} confirmed it.
      </Alert>
      <h2 id="stocktake-summary-heading" className="font-semibold text-slate-900">
        What the stocktake booked
      </h2>
      {summary.uncoveredOrders.length > 0 && (
        <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <p className="font-medium">Approved orders now short of stock at {summary.location.name}:</p>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {summary.uncoveredOrders.map((order) => (
              <li key={`${order.orderId}-${order.sku}`}>
                {requestNumber(order.number)}: {count.format(order.quantity)} × {order.name} ({order.sku}) —{" "}
                {count.format(order.onHand)} on hand for {count.format(order.reserved)} reserved
              </li>
            ))}
          </ul>
        </div>
      )}
      {changed.length > 0 && <SummaryTable caption="Changed" lines={changed} />}
      {unchanged.length > 0 && <SummaryTable caption="Unchanged" lines={unchanged} />}
    </section>
  );
}

function SummaryTable({ caption, lines }: { caption: string; lines: StocktakeSummaryView["lines"] }) {
  return (
    <DataTable
      variant="plain"
      caption={caption}
      showCaption
      rows={lines}
      rowKey={(line) => line.productId}
      columns={[
        {
          header: "Product",
          rowHeader: true,
          cell: (line) => (
            <>
              {line.name} <span className="text-slate-500">({line.sku})</span>
            </>
          ),
        },
        { header: "Before", numeric: true, cell: (line) => count.format(line.before) },
        { header: "Counted", numeric: true, cell: (line) => count.format(line.counted) },
        { header: "Difference", numeric: true, cell: (line) => signed(line.difference) },
      ]}
    />
  );
}
