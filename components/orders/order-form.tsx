"use client";

import Link from "@/components/ui/link";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { DeviceDraftFrame } from "@/components/offline/device-draft-frame";
import { draftKey, type DraftScope, type DraftValues } from "@/components/offline/device-draft-storage";
import { useDeviceDraft, type DeviceDraft } from "@/components/offline/use-device-draft";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { CompanyField } from "@/components/ui/company-field";
import { TextField } from "@/components/ui/field";
import { fieldErrors, type FormAction, type FormState } from "@/components/ui/form-state";
import { newOperationId } from "@/components/ui/operation-id";
import { SearchableSelect, type NamedChoice } from "@/components/ui/searchable-select";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { TextAreaField } from "@/components/ui/text-area-field";
import { ORDER_TYPES, type OrderType } from "@/lib/orders/order-fields";
import { formatUnitTotals, unitTotals } from "@/lib/products/unit-totals";
import { ORDER_TYPE_LABELS } from "./labels";
import { addProduct, OrderFormLines, typedQuantity, type OrderFormLine } from "./order-form-lines";
import {
  fetchProductsById,
  ProductSearch,
  type ProductMatch,
  type ProductSearchHandle,
} from "./order-form-product-search";

export type { OrderFormLine } from "./order-form-lines";

/** What the form starts from: empty (or prefilled from a link) for a new request, the request itself for an edit. */
export interface OrderFormInitial {
  type: OrderType | "";
  locationId: string;
  lines: OrderFormLine[];
  /** The supplier a restock names, or the customer a customer order names ("" for none). */
  supplierId?: string;
  customerId?: string;
  reference: string;
  note: string;
}

/**
 * The company's active suppliers and customers by name (lib/partners/partner-picker.ts); an edited request's own,
 * archived since, is added marked archived (the server then asks for another). Without any, no picker is shown.
 */
export interface OrderFormPartners {
  suppliers: NamedChoice[];
  customers: NamedChoice[];
}

export interface OrderFormLocation {
  id: string;
  name: string;
  /** Only the location an edited request already names may be archived (the server says to choose another). */
  archived?: boolean;
}

type OrderFormProps = {
  action: FormAction<{ id: string }>;
  locations: OrderFormLocation[];
  partners?: OrderFormPartners;
  initial: OrderFormInitial;
  cancelHref: string;
  /** Whose draft this is: the page's signed-in person and company. */
  draftScope: DraftScope;
} & (
  | {
      mode: "create";
      /** Made once when the page was rendered: every submit of this request sends it, so a retry creates nothing. */
      clientRequestId: string;
      /** Keeps the device draft apart from the page's new request (a refused queued request being edited). */
      draftRecord?: string;
    }
  | { mode: "edit"; orderId: string; version: number }
);

const TYPE_HINTS: Record<OrderType, string> = {
  CUSTOMER_ORDER: "Stock leaves when it is fulfilled.",
  RESTOCK: "Stock arrives when it is fulfilled.",
};

const REFERENCE: Record<OrderType | "", { label: string; hint: string }> = {
  CUSTOMER_ORDER: { label: "Customer reference (optional)", hint: "For example the customer’s order number." },
  RESTOCK: { label: "Supplier reference (optional)", hint: "For example the supplier’s order or delivery number." },
  "": { label: "Reference (optional)", hint: "For example an order or delivery number." },
};

const FIELDS = ["type", "locationId", "lines", "reference", "note"];
const NO_PARTNERS: OrderFormPartners = { suppliers: [], customers: [] };

/** Which directory the request's type picks from: a restock's supplier, a customer order's customer. */
const PARTNER = {
  RESTOCK: { field: "supplierId", label: "Supplier (optional)", empty: "No supplier", search: "Search suppliers" },
  CUSTOMER_ORDER: {
    field: "customerId",
    label: "Customer (optional)",
    empty: "No customer",
    search: "Search customers",
  },
} as const;
const LINE_KEY = /^lines\.(\d+)(?:\.|$)/;
const count = new Intl.NumberFormat("en-US");

type LineDetails = Omit<OrderFormLine, "quantity">;

/** The lines' display details, sent along (never trusted by the server) so a failed submit can show them again. */
function lineDetailsJson(lines: OrderFormLine[]): string {
  return JSON.stringify(lines.map(({ quantity: _quantity, ...details }) => details));
}

function parseLineDetails(json: string | undefined): Map<string, LineDetails> {
  const details = new Map<string, LineDetails>();
  try {
    const parsed: unknown = JSON.parse(json ?? "[]");
    if (!Array.isArray(parsed)) return details;
    for (const item of parsed as Partial<Record<keyof LineDetails, unknown>>[]) {
      if (typeof item?.productId !== "string") continue;
      details.set(item.productId, {
        productId: item.productId,
        sku: typeof item.sku === "string" ? item.sku : "",
        name: typeof item.name === "string" ? item.name : "",
        unit: typeof item.unit === "string" ? item.unit : "",
        packSize: typeof item.packSize === "number" ? item.packSize : null,
        available: typeof item.available === "number" ? item.available : null,
        availableAt: typeof item.availableAt === "string" ? item.availableAt : null,
        archived: item.archived === true,
      });
    }
  } catch {
    // Details are only for display: without them the lines show their ids' products by name once reloaded.
  }
  return details;
}

/** The form as it was submitted, when a failed submit came back before this form was on screen (no JavaScript). */
function fromValues(values: Record<string, string> | undefined, initial: OrderFormInitial): OrderFormInitial {
  if (!values) return initial;
  const details = parseLineDetails(values.lineDetails);
  const lines: OrderFormLine[] = [];
  for (let index = 0; values[`lines.${index}.productId`] !== undefined; index++) {
    const productId = values[`lines.${index}.productId`]!;
    const detail = details.get(productId);
    lines.push({
      productId,
      sku: detail?.sku ?? "",
      name: detail?.name || "Product",
      unit: detail?.unit ?? "",
      packSize: detail?.packSize ?? null,
      available: detail?.available ?? null,
      availableAt: detail?.availableAt ?? null,
      archived: detail?.archived,
      quantity: values[`lines.${index}.quantity`] ?? "",
    });
  }
  const type = values.type === "CUSTOMER_ORDER" || values.type === "RESTOCK" ? values.type : "";
  return {
    type,
    locationId: values.locationId || initial.locationId,
    lines,
    supplierId: values.supplierId ?? "",
    customerId: values.customerId ?? "",
    reference: values.reference ?? "",
    note: values.note ?? "",
  };
}

/** The form as a draft: the same flat values its submit sends (what `fromValues` reads back), and the ids to keep. */
function draftValues(form: OrderFormInitial, ids: Record<string, string>): DraftValues {
  const values: DraftValues = {
    ...ids,
    type: form.type,
    locationId: form.locationId,
    supplierId: form.supplierId ?? "",
    customerId: form.customerId ?? "",
    reference: form.reference,
    note: form.note,
    lineDetails: lineDetailsJson(form.lines),
  };
  form.lines.forEach((line, index) => {
    values[`lines.${index}.productId`] = line.productId;
    values[`lines.${index}.quantity`] = line.quantity;
  });
  return values;
}

/**
 * The footer's quantities per unit, "12 each and 5 pair" (a quantity not yet a whole number counts as 0): never one
 * number across units (docs/architecture.md §5). "" when a line's unit is not known on this device (a draft or a
 * refused submit that came back without its details): the footer then counts the products only.
 */
function footerTotals(lines: OrderFormLine[]): string {
  if (lines.some((line) => line.unit === "")) return "";
  return formatUnitTotals(
    unitTotals(lines.map((line) => ({ unit: line.unit, quantity: typedQuantity(line.quantity) ?? 0 }))),
  );
}

/** Whether the form says what the page started it with: then there is no draft worth keeping. */
function unchanged(form: OrderFormInitial, initial: OrderFormInitial): boolean {
  const typed = (f: OrderFormInitial) =>
    JSON.stringify([
      f.type,
      f.locationId,
      f.supplierId ?? "",
      f.customerId ?? "",
      f.reference,
      f.note,
      f.lines.map((l) => [l.productId, l.quantity]),
    ]);
  return typed(form) === typed(initial);
}

/**
 * The server's errors for lines, by product: they come keyed by the line's position when submitted
 * ("lines.2.quantity"), and the lines may have moved since.
 */
function lineErrorsByProduct(state: FormState<unknown>): Map<string, { keys: string[]; messages: string[] }> {
  const byProduct = new Map<string, { keys: string[]; messages: string[] }>();
  if (!state || state.ok) return byProduct;
  for (const [key, messages] of Object.entries(state.fieldErrors ?? {})) {
    const index = LINE_KEY.exec(key)?.[1];
    const productId = index === undefined ? undefined : state.values?.[`lines.${index}.productId`];
    if (!productId) continue;
    const entry = byProduct.get(productId) ?? { keys: [], messages: [] };
    entry.keys.push(key);
    entry.messages.push(...messages);
    byProduct.set(productId, entry);
  }
  return byProduct;
}

/** What a failed submit says above the form: whatever is not already shown beside a field. */
function summaryOf(state: FormState<unknown>, placed: Set<string>): string | undefined {
  if (!state || state.ok) return undefined;
  if (!state.fieldErrors) return state.message;
  const entries = Object.entries(state.fieldErrors);
  const rest = entries.filter(([key]) => !placed.has(key)).flatMap(([, messages]) => messages);
  return rest.length > 0 ? rest.join(" ") : undefined;
}

/**
 * Create a request, or edit a pending one. What is typed is kept as a draft on the device — with the client request
 * id, so a retry after a dropped connection or a reload is still the same request — until the server accepts it
 * (the page it redirects to clears it), and a dropped connection leaves the form on screen (docs/architecture.md,
 * "Drafts on the device").
 */
export function OrderForm(props: OrderFormProps) {
  const draft = useDeviceDraft(
    props.mode === "create"
      ? draftKey(props.draftScope, "request-new", props.draftRecord)
      : draftKey(props.draftScope, "request-edit", props.orderId),
  );
  return (
    <DeviceDraftFrame draft={draft}>
      <OrderFormFields {...props} draft={draft} />
    </DeviceDraftFrame>
  );
}

/**
 * The products first (search or scan; each line's quantity typed or stepped), then the type (two large choices),
 * the location, an optional reference and note. Everything is held in state, so a failed submit keeps it all; the
 * server's errors appear beside their field or line (each gone once its field is edited), and the first one is
 * focused. The form decides nothing: the
 * availability warning only compares the numbers the search returned.
 */
function OrderFormFields(props: OrderFormProps & { draft: DeviceDraft }) {
  const { action, locations, cancelHref, draft } = props;
  const partners = props.partners ?? NO_PARTNERS;
  const [result, formAction] = useActionState(action, null);
  const [state, clearOnEdit] = useErrorsUntilEdited(result);
  const id = useId();
  // A refused submit that came back without JavaScript, else a draft from the device, else the page's values.
  const [start] = useState(() => {
    const from = fromValues(state?.values ?? draft.start ?? undefined, props.initial);
    // A draft's pick that is no longer offered (archived since) is dropped, so the picker shows what it sends.
    const offered = (choices: NamedChoice[], id: string | undefined) =>
      id && choices.some((choice) => choice.id === id) ? id : "";
    return {
      ...from,
      locationId: locations.some((l) => l.id === from.locationId) ? from.locationId : props.initial.locationId,
      supplierId: offered(partners.suppliers, from.supplierId),
      customerId: offered(partners.customers, from.customerId),
    };
  });
  // Kept from the first render (or the draft): a refreshed page must not turn a retry into a second request. Only
  // the person changes it, answering a conflict with "Send as a new request" (the draft keeps the new id).
  const [clientRequestId, setClientRequestId] = useState(
    props.mode === "create" ? draft.start?.clientRequestId || props.clientRequestId : "",
  );
  // The refused submit that "Send as a new request" answered: its message gives way to what happens next.
  const [rekeyedAfter, setRekeyedAfter] = useState<FormState<{ id: string }>>(null);
  const rekeyed = result !== null && result === rekeyedAfter;
  // An edit's draft made before someone else saved the request: shown, but the person should look again.
  const [draftOutdated] = useState(
    props.mode === "edit" && !!draft.start?.version && draft.start.version !== String(props.version),
  );
  const [type, setType] = useState<OrderType | "">(start.type);
  const [locationId, setLocationId] = useState(start.locationId);
  // Both are kept while the type changes back and forth; only the one the type names is sent.
  const [supplierId, setSupplierId] = useState(start.supplierId);
  const [customerId, setCustomerId] = useState(start.customerId);
  const [lines, setLines] = useState<OrderFormLine[]>(start.lines);
  // The lines as last changed: scans can land faster than renders, and none may be lost.
  const latestLines = useRef(start.lines);
  const [reference, setReference] = useState(start.reference);
  const [note, setNote] = useState(start.note);
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const search = useRef<ProductSearchHandle>(null);
  const refresh = useRef<AbortController | null>(null);

  const location = locations.find((l) => l.id === locationId) ?? { id: locationId, name: "this location" };
  const lineErrors = lineErrorsByProduct(state);
  // The directory the type picks from, shown when the company has entries in it.
  const partnerChoices = type === "RESTOCK" ? partners.suppliers : partners.customers;
  const partner = type && partnerChoices.length > 0 ? PARTNER[type] : null;
  // A line's errors show beside it; those of a line removed since are gone with it.
  const placed = new Set([
    ...FIELDS,
    ...(partner ? [partner.field] : []),
    ...[...lineErrors.values()].flatMap((entry) => entry.keys),
  ]);
  const summary = rekeyed ? undefined : summaryOf(state, placed);
  const stale = state && !state.ok && (state.code === "CONFLICT" || state.code === "INVALID_TRANSITION");
  // The server says this form's client request id already made a request (lib/orders/create-order-request.ts).
  const idTaken = Boolean(result && !result.ok && result.code === "CONFLICT" && result.fieldErrors?.clientRequestId);
  const totals = footerTotals(lines);

  // After a failed submit, take the person to the first problem: a field, or the message above the form (on the
  // action's result: an error edited away must not move the focus).
  useEffect(() => {
    if (!result || result.ok) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid]');
    (invalid ?? messageRef.current)?.focus();
  }, [result]);

  useEffect(() => () => refresh.current?.abort(), []);

  const { track } = draft;
  const editedVersion = props.mode === "edit" ? String(props.version) : "";
  useEffect(() => {
    const form = { type, locationId, lines, supplierId, customerId, reference, note };
    const ids: DraftValues = clientRequestId ? { clientRequestId } : { version: editedVersion };
    track(draftValues(form, ids), !unchanged(form, props.initial));
  }, [
    track,
    type,
    locationId,
    lines,
    supplierId,
    customerId,
    reference,
    note,
    clientRequestId,
    editedVersion,
    props.initial,
  ]);

  /** A new location: each line's availability is asked again there (the warning must not compare another's). */
  function changeLocation(next: string) {
    setLocationId(next);
    search.current?.relocate(next);
    refresh.current?.abort();
    const controller = new AbortController();
    refresh.current = controller;
    const productIds = latestLines.current.map((line) => line.productId);
    if (productIds.length === 0) return;
    const settle = (availableBy: (productId: string) => number | null) =>
      updateLines((current) =>
        current.map((line) =>
          line.availableAt !== next ? { ...line, available: availableBy(line.productId), availableAt: next } : line,
        ),
      );
    fetchProductsById(productIds, next, controller.signal).then(
      (found) => settle((productId) => found.find((match) => match.productId === productId)?.available ?? null),
      () => {
        if (!controller.signal.aborted) settle(() => null);
      },
    );
  }

  function updateLines(change: (current: OrderFormLine[]) => OrderFormLine[]) {
    latestLines.current = change(latestLines.current);
    setLines(latestLines.current);
  }

  function pick(match: ProductMatch, availableAt: string): string {
    const result = addProduct(latestLines.current, match, availableAt);
    updateLines(() => result.lines);
    return result.added
      ? `Added ${match.name} (${match.sku}).`
      : `${match.name}: quantity now ${count.format(result.quantity)}.`;
  }

  function setQuantity(productId: string, quantity: string) {
    updateLines((current) => current.map((line) => (line.productId === productId ? { ...line, quantity } : line)));
  }

  function remove(removed: OrderFormLine) {
    updateLines((current) => current.filter((line) => line.productId !== removed.productId));
    searchRef.current?.focus();
  }

  const referenceText = REFERENCE[type];
  const typeErrors = fieldErrors(state, "type");
  const typeErrorId = `${id}-type-error`;

  return (
    <form
      ref={formRef}
      action={formAction}
      onChange={clearOnEdit}
      onSubmit={submitWithoutReset(formAction)}
      aria-label={props.mode === "create" ? "New request" : "Edit request"}
      className="group/order-form space-y-6"
      noValidate
    >
      <CompanyField />
      {props.mode === "create" ? (
        <input type="hidden" name="clientRequestId" value={clientRequestId} />
      ) : (
        <>
          <input type="hidden" name="orderId" value={props.orderId} />
          <input type="hidden" name="version" value={props.version} />
        </>
      )}
      <input type="hidden" name="lineDetails" value={lineDetailsJson(lines)} />

      {draftOutdated && (
        <Alert tone="info">
          This request was changed since your draft was saved on this device: check it before you save.
        </Alert>
      )}

      {summary && (
        <div ref={messageRef} tabIndex={-1} className="space-y-2 outline-none">
          <Alert tone="error">{summary}</Alert>
          {stale && props.mode === "edit" && (
            // A full load, so the request shows as it is now.
            <a
              href={`/requests/${props.orderId}`}
              className="inline-block text-sm font-medium text-brand-700 underline"
            >
              Reload the request
            </a>
          )}
          {idTaken && (
            // This form's id already made a request (its answer was lost, the form changed since) or is not this
            // person's: a reload would restore the draft, id and all, and meet the same refusal. What was typed is
            // kept; a new id makes the next submit a new request.
            <div className="flex flex-wrap items-center gap-3">
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  setClientRequestId(newOperationId());
                  setRekeyedAfter(result);
                }}
              >
                Send as a new request
              </Button>
              <Link href="/requests" className="text-sm font-medium text-brand-700 underline">
                See your requests
              </Link>
            </div>
          )}
        </div>
      )}
      {rekeyed && <Alert tone="info">Submit to send this as a new request.</Alert>}

      {/* The products first: on the warehouse floor a request starts with a search or a scan. */}
      <section aria-labelledby={`${id}-products`} className="space-y-3">
        <h2 id={`${id}-products`} className="text-base font-semibold text-slate-900">
          Products
        </h2>
        <ProductSearch
          ref={search}
          inputRef={searchRef}
          locationId={locationId}
          locationName={location.name}
          onPick={pick}
          quantityOnRequest={(productId) =>
            typedQuantity(lines.find((line) => line.productId === productId)?.quantity ?? "") ?? 0
          }
          errors={fieldErrors(state, "lines")}
        />
        <OrderFormLines
          idPrefix={id}
          lines={lines}
          type={type}
          location={location}
          errorsFor={(productId) => lineErrors.get(productId)?.messages}
          onQuantity={setQuantity}
          onRemove={remove}
        />
      </section>

      <fieldset className="space-y-1.5">
        <legend className="mb-1.5 text-sm font-medium text-slate-800">Type of request</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {ORDER_TYPES.map((option) => (
            <label
              key={option}
              className={cn(
                "flex min-h-16 cursor-pointer items-start gap-3 rounded-xl border p-4 shadow-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500",
                type === option
                  ? "border-brand-500 bg-brand-50 ring-1 ring-brand-500"
                  : typeErrors
                    ? "border-red-500 bg-white"
                    : "border-slate-300 bg-white hover:bg-slate-50",
              )}
            >
              <input
                type="radio"
                name="type"
                value={option}
                checked={type === option}
                onChange={() => setType(option)}
                data-invalid={typeErrors ? true : undefined}
                aria-describedby={typeErrors ? typeErrorId : undefined}
                className="mt-0.5 size-5 shrink-0 accent-brand-600"
              />
              <span>
                <span className="block font-semibold text-slate-900">{ORDER_TYPE_LABELS[option]}</span>
                <span className="block text-sm text-slate-600">{TYPE_HINTS[option]}</span>
              </span>
            </label>
          ))}
        </div>
        {typeErrors && (
          <p id={typeErrorId} className="text-sm text-red-700">
            {typeErrors.join(" ")}
          </p>
        )}
      </fieldset>

      {partner && (
        <SearchableSelect
          key={partner.field}
          id={`${id}-${partner.field}`}
          name={partner.field}
          label={partner.label}
          hint="From your directory. The reference below can add an order or delivery number."
          value={type === "RESTOCK" ? supplierId : customerId}
          onChange={type === "RESTOCK" ? setSupplierId : setCustomerId}
          choices={partnerChoices}
          emptyLabel={partner.empty}
          searchLabel={partner.search}
          errors={fieldErrors(state, partner.field)}
        />
      )}

      <SelectField
        id={`${id}-location`}
        name="locationId"
        label="Location"
        hint={type === "RESTOCK" ? "Where the stock arrives." : type ? "Where the stock leaves from." : undefined}
        value={locationId}
        onChange={(event) => changeLocation(event.target.value)}
        errors={fieldErrors(state, "locationId")}
        options={locations.map((l) => ({ value: l.id, label: l.archived ? `${l.name} (archived)` : l.name }))}
      />

      <TextField
        id={`${id}-reference`}
        name="reference"
        label={referenceText.label}
        hint={referenceText.hint}
        maxLength={200}
        autoComplete="off"
        value={reference}
        onChange={(event) => setReference(event.target.value)}
        errors={fieldErrors(state, "reference")}
      />
      <TextAreaField
        id={`${id}-note`}
        name="note"
        label="Note (optional)"
        hint="Anything the manager should know."
        maxLength={2000}
        rows={3}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        errors={fieldErrors(state, "note")}
      />

      {/* Sticky on a phone, and out of the way while the search's matches are open, so none opens under it. */}
      <div className="sticky bottom-0 -mx-4 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 group-has-[[role=listbox]:not([hidden])]/order-form:max-sm:hidden sm:static sm:mx-0 sm:border-0 sm:bg-transparent sm:p-0">
        <p className="w-full text-sm text-slate-600 sm:order-last sm:w-auto">
          {lines.length === 0
            ? "No products yet"
            : `${count.format(lines.length)} ${lines.length === 1 ? "product" : "products"}${totals && ` · ${totals}`}`}
        </p>
        <SubmitButton
          pendingLabel={props.mode === "create" ? "Submitting…" : "Saving…"}
          className="h-11 flex-1 sm:flex-none"
        >
          {props.mode === "create" ? "Submit request" : "Save changes"}
        </SubmitButton>
        <Link href={cancelHref} className={buttonClasses("ghost", "h-11")}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
