"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { CompanyField } from "@/components/ui/company-field";
import { Dialog } from "@/components/ui/dialog";
import { fieldAria } from "@/components/ui/field";
import { fieldErrors, FormMessage, type FormAction, type FormState } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextAreaField } from "@/components/ui/text-area-field";
import type { ButtonVariant } from "@/components/ui/button";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { formatQuantity } from "@/components/products/labels";
import type { OrderDetailLine } from "@/lib/orders/get-order-request";
import { formatOrderNumber, type OrderType } from "@/lib/orders/order-fields";
import type { OrderMoved } from "@/lib/orders/order-moved";
import type { OrderEvent, OrderStatus } from "@/lib/orders/order-state-machine";
import { quantityHint } from "@/lib/products/quantity-hint";
import type { UnitTotal } from "@/lib/products/unit-totals";
import { ORDER_EVENT_LABELS } from "./labels";
import { approveSummary, cancelSummary, closeSummary, fulfilSummary, movedMessage } from "./order-wording";

type DecisiveEvent = Exclude<OrderEvent, "edit">;

export type OrderActionSet = Record<DecisiveEvent, FormAction<OrderMoved>>;

/** A line as the approve and fulfil dialogs ask about it (lib/orders/get-order-request.ts). */
export type OrderActionLine = Pick<
  OrderDetailLine,
  | "productId"
  | "name"
  | "sku"
  | "unit"
  | "packSize"
  | "quantity"
  | "approvedQuantity"
  | "outstanding"
  | "fulfilNow"
  | "onHand"
  | "available"
>;

export interface OrderActionTarget {
  id: string;
  number: number;
  /** The version on screen: an action on a request changed since then is refused (CONFLICT). */
  version: number;
  type: OrderType;
  status: OrderStatus;
  /** The quantities per unit, for what each step says it moves. */
  unitTotals: UnitTotal[];
  /** What is approved and still to come, per unit. */
  outstandingTotals: UnitTotal[];
  locationName: string;
  /** The lines, for approving lower quantities and fulfilling part of the request. */
  lines: OrderActionLine[];
}

interface ActionSpec {
  /** The dialog's question, before the request's number: "Fulfil REQ-000012?". */
  verb: string;
  pendingLabel: string;
  variant: ButtonVariant;
  /** The button that closes the dialog without doing anything. */
  dismiss: string;
  note: { label: string; hint?: string; required: boolean } | null;
  summary: (order: OrderActionTarget) => string;
}

const SPECS: Record<DecisiveEvent, ActionSpec> = {
  approve: {
    verb: "Approve",
    pendingLabel: "Approving…",
    variant: "primary",
    dismiss: "Not now",
    note: { label: "Note (optional)", hint: "The requester reads it with the decision.", required: false },
    summary: approveSummary,
  },
  reject: {
    verb: "Reject",
    pendingLabel: "Rejecting…",
    variant: "danger",
    dismiss: "Not now",
    note: { label: "Why is it rejected?", hint: "Required: the requester reads it.", required: true },
    summary: () => "Closes the request without moving any stock; the requester is told why.",
  },
  fulfil: {
    verb: "Fulfil",
    pendingLabel: "Fulfilling…",
    variant: "primary",
    dismiss: "Not now",
    note: null,
    summary: fulfilSummary,
  },
  close: {
    verb: "Close the backorder of",
    pendingLabel: "Closing…",
    variant: "danger",
    dismiss: "Keep it open",
    note: { label: "Why is the rest not coming?", hint: "Required: the requester reads it.", required: true },
    summary: closeSummary,
  },
  cancel: {
    verb: "Cancel",
    pendingLabel: "Cancelling…",
    variant: "danger",
    dismiss: "Keep the request",
    note: { label: "Note (optional)", required: false },
    summary: cancelSummary,
  },
};

/** Approve and reject: the decision, first on a phone (a bar along the bottom of the screen). */
const DECISIONS: DecisiveEvent[] = ["approve", "reject"];
const OTHERS: DecisiveEvent[] = ["fulfil", "close", "cancel"];

/**
 * The request page's actions, exactly those the state machine allows the viewer (`actions`), and the link to the
 * edit page (docs/architecture.md "Decisions on a phone"). Each action opens a dialog that says what it does and
 * asks for the note, and posts the request's id with the version on screen: nothing happens on one tap by mistake.
 * Approve and reject sit in a bar fixed along the bottom of a phone's screen (in the panel on wider screens), so a
 * manager decides without scrolling. A step that worked is said in the panel (its dialog closes, and the page may
 * show no action any more); a refusal is said in the dialog, in the server's words ("Already approved by Mira at
 * …", a shortage, the note's field error), keeping the note typed. So is a send the network dropped: the dialog
 * stays open with the note and quantities typed, to be sent again once back online.
 */
export function OrderActionPanel({
  order,
  actions,
  serverActions,
}: {
  order: OrderActionTarget;
  actions: OrderEvent[];
  serverActions: OrderActionSet;
}) {
  const [open, setOpen] = useState<DecisiveEvent | null>(null);
  // The request as it was when the dialog opened: a live refresh while the person reads and types must not move the
  // version the decision is about (a change meanwhile is then refused as a CONFLICT, never decided unseen).
  const [seen, setSeen] = useState<OrderActionTarget>(order);
  const [last, setLast] = useState<DecisiveEvent | null>(null);
  // A step that worked closes its dialog and takes focus to this panel's heading, just above what it says happened:
  // the refreshed page no longer offers the button that opened it. A refused one leaves the dialog open.
  const heading = useRef<HTMLHeadingElement>(null);
  const movedOn = useRef(false);
  const closingOnSuccess =
    (action: FormAction<OrderMoved>): FormAction<OrderMoved> =>
    async (state, formData) => {
      const result = await action(state, formData);
      if (result?.ok) {
        movedOn.current = true;
        setOpen(null);
      }
      return result;
    };
  // A send the network dropped keeps its dialog open with what was typed (keptWhenUnanswered): sent again, the version
  // makes it count once.
  const sending = (action: FormAction<OrderMoved>) => closingOnSuccess(keptWhenUnanswered(action));
  const [approveState, approve] = useActionState(sending(serverActions.approve), null);
  const [rejectState, reject] = useActionState(sending(serverActions.reject), null);
  const [fulfilState, fulfil] = useActionState(sending(serverActions.fulfil), null);
  const [closeState, close] = useActionState(sending(serverActions.close), null);
  const [cancelState, cancel] = useActionState(sending(serverActions.cancel), null);
  const states = {
    approve: approveState,
    reject: rejectState,
    fulfil: fulfilState,
    close: closeState,
    cancel: cancelState,
  };
  const dispatch = { approve, reject, fulfil, close, cancel };
  const lastState = last ? states[last] : null;
  // A send the network dropped is no answer: its dialog is still being filled in.
  const answered = Boolean(lastState && !(lastState.ok === false && lastState.code === "NO_ANSWER"));
  // A refusal whose dialog is gone: the page refreshed after it (a stale tab learning the request moved on), so
  // the action is no longer offered; the reason ("Already approved by …") is said in the panel instead.
  const stranded = last && !actions.includes(last) && answered && lastState && !lastState.ok ? lastState : null;
  const decisions = DECISIONS.filter((event) => actions.includes(event));
  const others = OTHERS.filter((event) => actions.includes(event));
  // A dialog the person is still filling in stays when a live refresh stops offering its step (someone else
  // decided): what they typed is not lost, and sending it hears who acted first (a CONFLICT, shown in the dialog).
  // One already answered goes with its step; the panel says the answer instead (`stranded`).
  const keptOpen = open && !actions.includes(open) && (last !== open || !answered) ? [open] : [];
  const dialogs = [...decisions, ...others, ...keptOpen];
  const headingId = useId();
  const number = formatOrderNumber(order.number);
  // Rendered by the page whatever the status, so that the message of a step that closed the request (no actions
  // left) survives the refresh that shows the new status.
  if (decisions.length + others.length === 0 && !actions.includes("edit") && !lastState) return null;

  const opener = (event: DecisiveEvent, className?: string) => (
    <Button
      key={event}
      type="button"
      variant={event === "cancel" || event === "close" ? "secondary" : SPECS[event].variant}
      aria-haspopup="dialog"
      onClick={() => {
        setSeen(order);
        setOpen(event);
      }}
      className={className}
    >
      {ORDER_EVENT_LABELS[event]}
    </Button>
  );

  return (
    <section aria-labelledby={headingId}>
      <Card>
        <h2 id={headingId} ref={heading} tabIndex={-1} className="font-semibold text-slate-900 outline-none">
          What happens next
        </h2>
        <div aria-live="polite">
          {lastState?.ok && (
            <div className="mt-3">
              <Alert tone="success">{movedMessage(lastState.data)}</Alert>
            </div>
          )}
        </div>
        {stranded && (
          <div className="mt-3 space-y-2">
            <FormMessage state={stranded} fields={[]} />
            <a href={`/requests/${order.id}`} className="text-sm font-medium text-brand-700 underline">
              Reload this request
            </a>
          </div>
        )}
        {decisions.length > 0 && (
          <div
            role="group"
            aria-label={`Decide ${number}`}
            data-decision-bar=""
            className="fixed inset-x-0 bottom-0 z-10 flex gap-3 border-t border-slate-200 bg-white px-4 pt-3 pb-[max(0.75rem,env(safe-area-inset-bottom))] shadow-[0_-4px_12px_rgb(0_0_0/0.06)] md:static md:mt-4 md:border-0 md:p-0 md:shadow-none"
          >
            {decisions.map((event) => opener(event, "min-h-12 flex-1 md:min-h-10 md:flex-none"))}
          </div>
        )}
        {(others.length > 0 || actions.includes("edit")) && (
          <div className="mt-4 flex flex-wrap gap-2">
            {others.map((event) => opener(event))}
            {actions.includes("edit") && (
              <ButtonLink href={`/requests/${order.id}/edit`} variant="secondary">
                {ORDER_EVENT_LABELS.edit}
              </ButtonLink>
            )}
          </div>
        )}
      </Card>
      {dialogs.map((event) => (
        <Dialog
          key={event}
          open={open === event}
          onClose={() => setOpen(null)}
          returnFocusTo={() => {
            const target = movedOn.current ? heading.current : null;
            movedOn.current = false;
            return target;
          }}
          title={`${SPECS[event].verb} ${number}?`}
          description={SPECS[event].summary(open === event ? seen : order)}
        >
          <OrderActionForm
            event={event}
            order={open === event ? seen : order}
            state={states[event]}
            current={last === event}
            action={dispatch[event]}
            onSubmit={() => setLast(event)}
            onDismiss={() => setOpen(null)}
          />
        </Dialog>
      ))}
    </section>
  );
}

/** A line's quantity is posted as `quantities.<productId>`; its errors and echo come back under that name. */
const QUANTITY_PREFIX = "quantities.";
const quantityName = (productId: string) => QUANTITY_PREFIX + productId;

/** Whether a refusal echoed quantities: the form was sending them, so it shows them again. */
function echoesQuantities(state: FormState<OrderMoved>): boolean {
  return Boolean(
    state && !state.ok && Object.keys(state.values ?? {}).some((name) => name.startsWith(QUANTITY_PREFIX)),
  );
}

/** One number field per line, with what the line says about it. */
interface QuantityField {
  line: OrderActionLine;
  /** What the field holds before anything is typed. */
  initial: number;
  max: number;
  hint: string;
}

/** "Requested 10. 6 available at Main. Unit: each; a pack holds 25." */
function approveHint(line: OrderActionLine, order: OrderActionTarget): string {
  return [
    `Requested ${formatQuantity(line.quantity)}.`,
    order.type === "CUSTOMER_ORDER" && `${formatQuantity(line.available)} available at ${order.locationName}.`,
    quantityHint(line),
  ]
    .filter(Boolean)
    .join(" ");
}

/**
 * "8 still to come. 5 on hand at Main. Unit: each."; after an earlier delivery "2 still to come of 6 approved." The
 * stock on hand is said only when it is what holds the line back.
 */
function fulfilHint(line: OrderActionLine, order: OrderActionTarget): string {
  const approved = line.approvedQuantity ?? 0;
  return [
    approved > line.outstanding
      ? `${formatQuantity(line.outstanding)} still to come of ${formatQuantity(approved)} approved.`
      : `${formatQuantity(line.outstanding)} still to come.`,
    order.type === "CUSTOMER_ORDER" &&
      line.onHand < line.outstanding &&
      `${formatQuantity(Math.max(0, line.onHand))} on hand at ${order.locationName}.`,
    quantityHint(line),
  ]
    .filter(Boolean)
    .join(" ");
}

/**
 * The quantity fields of a dialog, uncontrolled: after a refusal each takes what was sent from the action's echo
 * (`values`), re-keyed on it, so React's reset of the form shows what was typed and the next submit sends what the
 * screen shows (docs/architecture.md §3, Forms).
 */
function QuantityFields({
  id,
  legend,
  description,
  fields,
  values,
  errorsFor,
}: {
  id: string;
  legend: string;
  description?: string;
  fields: QuantityField[];
  values: Record<string, string> | undefined;
  errorsFor: (name: string) => string[] | undefined;
}) {
  return (
    <fieldset id={id} className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {description && <p className="text-sm text-slate-600">{description}</p>}
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200">
        {fields.map(({ line, initial, max, hint }) => {
          const name = quantityName(line.productId);
          const typed = values?.[name];
          const inputId = `${id}-${line.productId}`;
          const errors = errorsFor(name);
          return (
            <li key={line.productId} className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1 p-3">
              <div className="min-w-0 flex-1">
                <label htmlFor={inputId} className="block break-words text-sm font-medium text-slate-900">
                  {line.name} <span className="font-normal text-slate-500">({line.sku})</span>
                </label>
                <p id={`${inputId}-hint`} className="text-sm text-slate-600">
                  {hint}
                </p>
              </div>
              <input
                key={`${name}-${typed ?? ""}`}
                id={inputId}
                name={name}
                type="number"
                inputMode="numeric"
                min={0}
                max={max}
                step={1}
                defaultValue={typed ?? String(initial)}
                autoComplete="off"
                {...fieldAria({ id: inputId, label: line.name, errors, hint })}
                className={cn(
                  "block min-h-11 w-24 shrink-0 rounded-lg border bg-white px-3 py-2 text-right text-base tabular-nums text-slate-900 shadow-sm sm:text-sm",
                  errors?.length ? "border-red-500" : "border-slate-300",
                )}
              />
              {errors?.length ? (
                <p id={`${inputId}-error`} className="basis-full text-sm text-red-700">
                  {errors.join(" ")}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function OrderActionForm({
  event,
  order,
  state,
  current,
  action,
  onSubmit,
  onDismiss,
}: {
  event: DecisiveEvent;
  order: OrderActionTarget;
  state: FormState<OrderMoved>;
  /** Whether this form was the last one submitted: only its refusal is still news. */
  current: boolean;
  action: (formData: FormData) => void;
  onSubmit: () => void;
  onDismiss: () => void;
}) {
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const spec = SPECS[event];
  const label = ORDER_EVENT_LABELS[event];
  // After a refusal the note and the quantities come back from the action; re-keyed, the fields show them through
  // React's reset of the form, so correcting them and sending again sends what the screen shows.
  const [shown, clearOnEdit] = useErrorsUntilEdited(state);
  const values = shown && !shown.ok ? shown.values : undefined;
  const noteValue = values?.note;
  const failure = current && shown && !shown.ok ? shown : null;
  // Approving lower quantities is a mode of the approve dialog, kept in React state (a form reset does not touch
  // it); a refusal that echoed quantities reopens in it, showing them.
  const [changing, setChanging] = useState(() => echoesQuantities(state));
  const fields = quantityFields(event, order, changing);
  const errorsFor = (name: string) => fieldErrors(failure, name);
  const note =
    event === "approve" && changing
      ? {
          label: "Note (required if you lower a quantity)",
          hint: "Say why: the requester reads it with the decision.",
          required: false,
        }
      : spec.note;

  // A refusal takes the person to its first field in error (on a phone it may be below the fold of the sheet); only
  // on the action's own result, so an error edited away never moves the focus.
  const answered = useRef(state);
  useEffect(() => {
    if (answered.current === state) return;
    answered.current = state;
    if (current && state && !state.ok) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state, current]);

  return (
    // noValidate: a missing note or a quantity out of range is said beside the field in words, by the server, like
    // any refusal.
    <form
      ref={form}
      action={action}
      onSubmit={onSubmit}
      onChange={clearOnEdit}
      aria-label={`${label} ${formatOrderNumber(order.number)}`}
      className="space-y-4"
      noValidate
    >
      <CompanyField />
      <input type="hidden" name="orderId" value={order.id} />
      <input type="hidden" name="version" value={order.version} />
      {event === "approve" && order.lines.length > 0 && (
        <Button
          type="button"
          variant="secondary"
          aria-expanded={changing}
          aria-controls={changing ? `${id}-quantities` : undefined}
          onClick={() => setChanging((was) => !was)}
        >
          Change quantities <span aria-hidden="true">{changing ? "▴" : "▾"}</span>
        </Button>
      )}
      {fields.length > 0 && (
        <QuantityFields
          id={`${id}-quantities`}
          legend={FIELDS_LEGEND[event === "approve" ? "approve" : order.type]}
          description={
            event === "approve"
              ? "Approve less than requested where you cannot supply it all; the requester is told what changed."
              : undefined
          }
          fields={fields}
          values={values}
          errorsFor={errorsFor}
        />
      )}
      {note && (
        <TextAreaField
          key={`note-${noteValue ?? ""}`}
          id={`${id}-note`}
          name="note"
          label={note.label}
          hint={note.hint}
          rows={3}
          maxLength={2000}
          required={note.required}
          defaultValue={noteValue}
          errors={fieldErrors(failure, "note")}
          // The cursor starts here, not on "Change quantities" above it.
          data-autofocus=""
        />
      )}
      {failure && (
        <div className="space-y-2">
          <FormMessage
            state={failure}
            fields={[...(note ? ["note"] : []), ...fields.map((field) => quantityName(field.line.productId))]}
          />
          {(failure.code === "CONFLICT" || failure.code === "INVALID_TRANSITION") && (
            // A full load: the page as it is now, with the version the next action must carry.
            <a href={`/requests/${order.id}`} className="text-sm font-medium text-brand-700 underline">
              Reload this request
            </a>
          )}
        </div>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button type="button" variant="secondary" onClick={onDismiss}>
          {spec.dismiss}
        </Button>
        <SubmitButton variant={spec.variant} pendingLabel={spec.pendingLabel}>
          {label}
        </SubmitButton>
      </div>
    </form>
  );
}

const FIELDS_LEGEND: Record<"approve" | OrderType, string> = {
  approve: "Quantities to approve",
  CUSTOMER_ORDER: "Ship now",
  RESTOCK: "Receive now",
};

/**
 * The quantity fields a step asks for (docs/architecture.md §6). Approving, only once the approver chooses to change
 * quantities: each line from what was requested, down to 0 (without them the request is approved as requested).
 * Fulfilling, always: each line with something still to come, from what would move now (`fulfilNow`: on a customer
 * order no more than is on hand), up to what is still to come; the rest stays on backorder.
 */
function quantityFields(event: DecisiveEvent, order: OrderActionTarget, changing: boolean): QuantityField[] {
  if (event === "approve") {
    return changing
      ? order.lines.map((line) => ({
          line,
          initial: line.quantity,
          max: line.quantity,
          hint: approveHint(line, order),
        }))
      : [];
  }
  if (event === "fulfil") {
    return order.lines
      .filter((line) => line.outstanding > 0)
      .map((line) => ({ line, initial: line.fulfilNow, max: line.outstanding, hint: fulfilHint(line, order) }));
  }
  return [];
}
