"use client";

// A product's suppliers on its page (docs/architecture.md §5, "Product suppliers"): the preferred one first and
// marked, each with its part number, purchase price (for whoever may see money) and lead time; those who manage
// products add, edit and remove links in a dialog and mark one preferred. The dialog's fields are held in state and
// submitted without React's form reset, so a refused save keeps everything chosen and typed for the corrected one; a
// save the network dropped (keptWhenUnanswered) keeps the dialog open the same way, and sent again it sets the same
// terms (the later save of a link wins: never a second link). Make preferred and remove, dropped, say so where they
// were pressed and can be pressed again: a preferred mark is set, not toggled, and a link removed already is answered
// "not a supplier of this product (any more)".
import Link from "@/components/ui/link";
import { useActionState, useEffect, useId, useRef, useState } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CompanyField } from "@/components/ui/company-field";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormAction, type FormState } from "@/components/ui/form-state";
import { SearchableSelect } from "@/components/ui/searchable-select";
import { SubmitButton } from "@/components/ui/submit-button";
import { submitWithoutReset } from "@/components/ui/submit-without-reset";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { MAX_LEAD_TIME_DAYS } from "@/lib/products/product-supplier-fields";
import { formatMoney } from "./labels";

/** What the page's actions answer: the supplier's name and what happened (lib/products/product-suppliers.ts). */
export interface SupplierLinkChanged {
  supplierName: string;
  outcome: "linked" | "updated" | "unchanged";
}

export interface SupplierLinkView {
  supplier: { id: string; name: string; archived: boolean };
  supplierSku: string | null;
  /** Absent for whoever may not see money. */
  purchasePrice?: string | null;
  leadTimeDays: number | null;
  preferred: boolean;
}

export interface SupplierLinkActions {
  save: FormAction<SupplierLinkChanged>;
  prefer: FormAction<SupplierLinkChanged>;
  remove: FormAction<SupplierLinkChanged>;
}

interface ProductSuppliersProps {
  product: { id: string; name: string };
  links: SupplierLinkView[];
  canManage: boolean;
  /** Whether the links carry their purchase price for this viewer (docs/architecture.md §7). */
  seesMoney: boolean;
  currency: string;
  /** The company's active suppliers by name (lib/partners/partner-picker.ts). */
  suppliers: { id: string; name: string }[];
  /** More active suppliers exist than `suppliers` holds. */
  suppliersTruncated: boolean;
  actions: SupplierLinkActions;
}

type Open = { mode: "add" } | { mode: "edit"; link: SupplierLinkView } | { mode: "remove"; link: SupplierLinkView };

const days = (value: number) => `${value.toLocaleString("en-GB")} ${value === 1 ? "day" : "days"}`;

function successText(kind: "save" | "prefer" | "remove", data: SupplierLinkChanged): string {
  if (kind === "remove") return `${data.supplierName} removed from this product.`;
  if (kind === "prefer") return `${data.supplierName} is now the preferred supplier.`;
  if (data.outcome === "linked") return `${data.supplierName} added.`;
  return data.outcome === "unchanged" ? `Nothing to change for ${data.supplierName}.` : `${data.supplierName} saved.`;
}

export function ProductSuppliers(props: ProductSuppliersProps) {
  const { product, links, canManage, seesMoney, currency, actions } = props;
  const [open, setOpenState] = useState<Open | null>(null);
  const [last, setLast] = useState<"save" | "prefer" | "remove" | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const movedOn = useRef(false);
  const headingId = useId();
  const closingOnSuccess =
    (action: FormAction<SupplierLinkChanged>): FormAction<SupplierLinkChanged> =>
    async (state, formData) => {
      const result = await action(state, formData);
      if (result?.ok) {
        movedOn.current = true;
        setOpenState(null);
      }
      return result;
    };
  // A dialog opened anew starts without what an earlier one was told.
  const setOpen = (next: Open | null) => {
    if (next) setLast(null);
    setOpenState(next);
  };
  const [saveState, save] = useActionState(closingOnSuccess(keptWhenUnanswered(actions.save)), null);
  const [preferState, prefer] = useActionState(keptWhenUnanswered(actions.prefer, { nothingTyped: true }), null);
  const [removeState, remove] = useActionState(
    closingOnSuccess(keptWhenUnanswered(actions.remove, { nothingTyped: true })),
    null,
  );
  const lastState = last === "save" ? saveState : last === "prefer" ? preferState : removeState;
  const linked = new Set(links.map((link) => link.supplier.id));
  const choices = props.suppliers.filter((supplier) => !linked.has(supplier.id));

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} ref={heading} tabIndex={-1} className="font-semibold text-slate-900 outline-none">
          Suppliers
        </h2>
        {canManage && (
          <Button type="button" variant="secondary" aria-haspopup="dialog" onClick={() => setOpen({ mode: "add" })}>
            Add supplier
          </Button>
        )}
      </div>
      <div aria-live="polite">
        {last && lastState?.ok && <Alert tone="success">{successText(last, lastState.data)}</Alert>}
        {last === "prefer" && <FormMessage state={preferState} />}
      </div>
      {links.length === 0 ? (
        <p className="text-sm text-slate-600">
          No suppliers yet.{canManage && " Add where this product is bought, with the part number and price there."}
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200">
          {links.map((link) => (
            <li key={link.supplier.id} className="space-y-2 p-3">
              <div className="flex flex-wrap items-center gap-2">
                <Link
                  href={`/suppliers/${link.supplier.id}`}
                  className="min-w-0 break-words font-medium text-brand-700 underline-offset-2 hover:underline"
                >
                  {link.supplier.name}
                </Link>
                {link.preferred && <Badge tone="positive">Preferred</Badge>}
                {link.supplier.archived && <Badge tone="muted">Archived</Badge>}
              </div>
              <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_minmax(0,1fr)_auto_minmax(0,1fr)_auto_minmax(0,1fr)]">
                <dt className="text-slate-500">Part number</dt>
                <dd className="break-all font-mono text-slate-900">{link.supplierSku ?? "—"}</dd>
                {link.purchasePrice !== undefined && (
                  <>
                    <dt className="text-slate-500">Purchase price</dt>
                    <dd className="text-slate-900">
                      {link.purchasePrice === null ? "—" : formatMoney(link.purchasePrice, currency)}
                    </dd>
                  </>
                )}
                <dt className="text-slate-500">Lead time</dt>
                <dd className="text-slate-900">{link.leadTimeDays === null ? "—" : days(link.leadTimeDays)}</dd>
              </dl>
              {canManage && (
                <div className="flex flex-wrap gap-2">
                  <Button
                    type="button"
                    variant="secondary"
                    aria-haspopup="dialog"
                    aria-label={`Edit ${link.supplier.name}`}
                    onClick={() => setOpen({ mode: "edit", link })}
                  >
                    Edit
                  </Button>
                  {!link.preferred && !link.supplier.archived && (
                    <form action={prefer} onSubmit={() => setLast("prefer")}>
                      <CompanyField />
                      <input type="hidden" name="productId" value={product.id} />
                      <input type="hidden" name="supplierId" value={link.supplier.id} />
                      <SubmitButton variant="secondary" pendingLabel="Marking…">
                        <span aria-hidden="true">Make preferred</span>
                        <span className="sr-only">Make {link.supplier.name} the preferred supplier</span>
                      </SubmitButton>
                    </form>
                  )}
                  <Button
                    type="button"
                    variant="ghost"
                    aria-haspopup="dialog"
                    aria-label={`Remove ${link.supplier.name}`}
                    onClick={() => setOpen({ mode: "remove", link })}
                  >
                    Remove
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {!seesMoney && links.length > 0 && (
        <p className="text-sm text-slate-500">Purchase prices are shown to managers and admins.</p>
      )}
      {canManage && (
        <>
          <Dialog
            open={open?.mode === "add" || open?.mode === "edit"}
            onClose={() => setOpen(null)}
            returnFocusTo={() => {
              const target = movedOn.current ? heading.current : null;
              movedOn.current = false;
              return target;
            }}
            title={open?.mode === "edit" ? `Edit ${open.link.supplier.name}` : `Add a supplier of ${product.name}`}
          >
            {(open?.mode === "add" || open?.mode === "edit") && (
              <SupplierLinkForm
                key={open.mode === "edit" ? open.link.supplier.id : "add"}
                productId={product.id}
                link={open.mode === "edit" ? open.link : null}
                choices={choices}
                truncated={props.suppliersTruncated}
                state={last === "save" ? saveState : null}
                action={save}
                onSubmit={() => setLast("save")}
                onDismiss={() => setOpen(null)}
              />
            )}
          </Dialog>
          <Dialog
            open={open?.mode === "remove"}
            onClose={() => setOpen(null)}
            returnFocusTo={() => {
              const target = movedOn.current ? heading.current : null;
              movedOn.current = false;
              return target;
            }}
            title={open?.mode === "remove" ? `Remove ${open.link.supplier.name}?` : "Remove supplier?"}
            description={
              open?.mode === "remove"
                ? `${product.name} will no longer list ${open.link.supplier.name} as a supplier${open.link.preferred ? ", and will have no preferred supplier" : ""}. Requests that name it keep it.`
                : undefined
            }
          >
            {open?.mode === "remove" && (
              <form action={remove} onSubmit={() => setLast("remove")} className="space-y-4">
                <CompanyField />
                <input type="hidden" name="productId" value={product.id} />
                <input type="hidden" name="supplierId" value={open.link.supplier.id} />
                {last === "remove" && <FormMessage state={removeState} />}
                <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
                  <Button type="button" variant="secondary" onClick={() => setOpen(null)}>
                    Keep it
                  </Button>
                  <SubmitButton variant="danger" pendingLabel="Removing…">
                    Remove supplier
                  </SubmitButton>
                </div>
              </form>
            )}
          </Dialog>
        </>
      )}
    </section>
  );
}

const FIELDS = ["supplierId", "supplierSku", "purchasePrice", "leadTimeDays", "preferred"];

/** Adding a link (the supplier picked from the active ones not linked yet) or editing one (its supplier fixed). */
function SupplierLinkForm({
  productId,
  link,
  choices,
  truncated,
  state,
  action,
  onSubmit,
  onDismiss,
}: {
  productId: string;
  link: SupplierLinkView | null;
  choices: { id: string; name: string }[];
  truncated: boolean;
  state: FormState<SupplierLinkChanged>;
  action: (formData: FormData) => void;
  onSubmit: () => void;
  onDismiss: () => void;
}) {
  const id = useId();
  const [shown, clearOnEdit] = useErrorsUntilEdited(state);
  const formRef = useRef<HTMLFormElement>(null);
  // A refused save takes the person to the first field it names (the message above the buttons is announced as an
  // alert); on the action's own result, so an error edited away never moves the focus.
  useEffect(() => {
    if (!state || state.ok) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
  const [supplierId, setSupplierId] = useState(link?.supplier.id ?? "");
  const [supplierSku, setSupplierSku] = useState(link?.supplierSku ?? "");
  const [purchasePrice, setPurchasePrice] = useState(link?.purchasePrice ?? "");
  const [leadTimeDays, setLeadTimeDays] = useState(link?.leadTimeDays === null ? "" : String(link?.leadTimeDays ?? ""));
  const [preferred, setPreferred] = useState(link?.preferred ?? false);
  const submitted = (event: React.FormEvent<HTMLFormElement>) => {
    onSubmit();
    submitWithoutReset(action)(event);
  };

  return (
    <form
      ref={formRef}
      onSubmit={submitted}
      onChange={clearOnEdit}
      aria-label={link ? `Edit ${link.supplier.name}` : "Add a supplier"}
      className="space-y-4"
      noValidate
    >
      <CompanyField />
      <input type="hidden" name="productId" value={productId} />
      {link ? (
        <>
          <input type="hidden" name="supplierId" value={link.supplier.id} />
          <p className="text-sm text-slate-700">
            Supplier: <span className="font-medium text-slate-900">{link.supplier.name}</span>
            {link.supplier.archived && " (archived)"}
          </p>
        </>
      ) : choices.length === 0 ? (
        <Alert tone="info">
          Every active supplier is linked already. Add a new one on the <Link href="/suppliers">suppliers page</Link>.
        </Alert>
      ) : (
        <SearchableSelect
          id={`${id}-supplier`}
          name="supplierId"
          label="Supplier"
          value={supplierId}
          onChange={setSupplierId}
          choices={choices}
          emptyLabel="Choose a supplier"
          searchLabel="Search suppliers"
          searchHint={truncated ? "The first 1,000 suppliers by name are listed." : undefined}
          errors={fieldErrors(shown, "supplierId")}
          autoFocusTarget
        />
      )}
      <TextField
        id={`${id}-sku`}
        name="supplierSku"
        label="Supplier part number (optional)"
        hint="The supplier’s own code for this product."
        maxLength={64}
        autoComplete="off"
        value={supplierSku}
        onChange={(event) => setSupplierSku(event.target.value)}
        errors={fieldErrors(shown, "supplierSku")}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={`${id}-price`}
          name="purchasePrice"
          label="Purchase price (optional)"
          hint="What this supplier charges for one unit."
          inputMode="decimal"
          autoComplete="off"
          value={purchasePrice}
          onChange={(event) => setPurchasePrice(event.target.value)}
          errors={fieldErrors(shown, "purchasePrice")}
        />
        <TextField
          id={`${id}-lead`}
          name="leadTimeDays"
          label="Lead time in days (optional)"
          hint={`From ordering to arrival, 0 to ${MAX_LEAD_TIME_DAYS}.`}
          inputMode="numeric"
          autoComplete="off"
          value={leadTimeDays}
          onChange={(event) => setLeadTimeDays(event.target.value)}
          errors={fieldErrors(shown, "leadTimeDays")}
        />
      </div>
      <div className="space-y-1">
        <label className="flex min-h-11 items-center gap-3 text-sm font-medium text-slate-800">
          <input
            type="checkbox"
            name="preferred"
            checked={preferred}
            onChange={(event) => setPreferred(event.target.checked)}
            className="size-5 accent-brand-600"
          />
          Preferred supplier of this product
        </label>
        {fieldErrors(shown, "preferred") && (
          <p className="text-sm text-red-700">{fieldErrors(shown, "preferred")!.join(" ")}</p>
        )}
      </div>
      <FormMessage state={shown} fields={FIELDS} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="secondary" onClick={onDismiss}>
          Cancel
        </Button>
        <SubmitButton pendingLabel={link ? "Saving…" : "Adding…"}>{link ? "Save" : "Add supplier"}</SubmitButton>
      </div>
    </form>
  );
}
