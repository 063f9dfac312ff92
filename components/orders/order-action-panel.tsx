"use client";

import { useActionState, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CompanyField } from "@/components/ui/company-field";
import { fieldErrors, FormMessage, type FormAction, type FormState } from "@/components/ui/form-state";
import { useErrorsUntilEdited } from "@/components/ui/use-errors-until-edited";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextAreaField } from "@/components/ui/text-area-field";
import type { ButtonVariant } from "@/components/ui/button";
import { formatOrderNumber, type OrderType } from "@/lib/orders/order-fields";
import type { OrderMoved } from "@/lib/orders/order-moved";
import type { OrderEvent, OrderStatus } from "@/lib/orders/order-state-machine";
import { ORDER_EVENT_LABELS } from "./labels";
import { approveSummary, cancelSummary, fulfilSummary, movedMessage } from "./order-wording";

type DecisiveEvent = Exclude<OrderEvent, "edit">;

export type OrderActionSet = Record<DecisiveEvent, FormAction<OrderMoved>>;

export interface OrderActionTarget {
  id: string;
  number: number;
  /** The version on screen: an action on a request changed since then is refused (CONFLICT). */
  version: number;
  type: OrderType;
  status: OrderStatus;
  totalUnits: number;
  locationName: string;
}

interface ActionSpec {
  pendingLabel: string;
  variant: ButtonVariant;
  note: { label: string; hint?: string; required: boolean } | null;
  summary: (order: OrderActionTarget) => string;
}

const SPECS: Record<DecisiveEvent, ActionSpec> = {
  approve: {
    pendingLabel: "Approving…",
    variant: "primary",
    note: { label: "Note (optional)", hint: "The requester reads it with the decision.", required: false },
    summary: approveSummary,
  },
  reject: {
    pendingLabel: "Rejecting…",
    variant: "danger",
    note: { label: "Why is it rejected?", hint: "Required: the requester reads it.", required: true },
    summary: () => "Closes the request without moving any stock; the requester is told why.",
  },
  fulfil: {
    pendingLabel: "Fulfilling…",
    variant: "primary",
    note: null,
    summary: fulfilSummary,
  },
  cancel: {
    pendingLabel: "Cancelling…",
    variant: "secondary",
    note: { label: "Note (optional)", required: false },
    summary: cancelSummary,
  },
};

const ORDER: DecisiveEvent[] = ["approve", "fulfil", "reject", "cancel"];

/**
 * The request page's actions, exactly those the state machine allows the viewer (`actions`): one small form per
 * action, each posting the request's id and the version on screen, and the link to the edit page. A step that
 * worked is said at the top (its form may be gone once the page shows the new status); a refusal is said under
 * the button pressed, in the server's words (they name who changed the request and when, or the product short).
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
  const [approveState, approve] = useActionState(serverActions.approve, null);
  const [rejectState, reject] = useActionState(serverActions.reject, null);
  const [fulfilState, fulfil] = useActionState(serverActions.fulfil, null);
  const [cancelState, cancel] = useActionState(serverActions.cancel, null);
  const [last, setLast] = useState<DecisiveEvent | null>(null);
  const states = { approve: approveState, reject: rejectState, fulfil: fulfilState, cancel: cancelState };
  const dispatch = { approve, reject, fulfil, cancel };
  const lastState = last ? states[last] : null;
  const shown = ORDER.filter((event) => actions.includes(event));
  const headingId = useId();
  // Rendered by the page whatever the status, so that the message of a step that closed the request (no actions
  // left) survives the refresh that shows the new status.
  if (shown.length === 0 && !actions.includes("edit") && !lastState?.ok) return null;

  return (
    <section aria-labelledby={headingId}>
      <Card>
        <h2 id={headingId} className="font-semibold text-slate-900">
          What happens next
        </h2>
        <div aria-live="polite">
          {lastState?.ok && (
            <div className="mt-3">
              <Alert tone="success">{movedMessage(lastState.data)}</Alert>
            </div>
          )}
        </div>
        {shown.length > 0 && (
          <div className="mt-4 grid gap-4 lg:grid-cols-2">
            {shown.map((event) => (
              <OrderActionForm
                key={event}
                event={event}
                order={order}
                state={states[event]}
                current={last === event}
                action={dispatch[event]}
                onSubmit={() => setLast(event)}
              />
            ))}
          </div>
        )}
        {actions.includes("edit") && (
          <div className="mt-4 flex flex-col gap-2 rounded-lg border border-slate-200 p-4 sm:flex-row sm:items-center sm:justify-between">
            <p className="text-sm text-slate-600">Change the products, quantities or note while it is pending.</p>
            <ButtonLink href={`/requests/${order.id}/edit`} variant="secondary" className="shrink-0">
              {ORDER_EVENT_LABELS.edit}
            </ButtonLink>
          </div>
        )}
      </Card>
    </section>
  );
}

function OrderActionForm({
  event,
  order,
  state,
  current,
  action,
  onSubmit,
}: {
  event: DecisiveEvent;
  order: OrderActionTarget;
  state: FormState<OrderMoved>;
  /** Whether this form was the last one submitted: only its refusal is still news. */
  current: boolean;
  action: (formData: FormData) => void;
  onSubmit: () => void;
}) {
  const id = useId();
  const spec = SPECS[event];
  const label = ORDER_EVENT_LABELS[event];
  const summaryId = `${id}-summary`;
  const [shown, clearOnEdit] = useErrorsUntilEdited(state);
  const noteValue = shown && !shown.ok ? shown.values?.note : undefined;
  const failure = current && shown && !shown.ok ? shown : null;
  return (
    <form
      action={action}
      onSubmit={onSubmit}
      onChange={clearOnEdit}
      aria-label={`${label} ${formatOrderNumber(order.number)}`}
      aria-describedby={summaryId}
      className="flex flex-col gap-3 rounded-lg border border-slate-200 p-4"
    >
      <CompanyField />
      <input type="hidden" name="orderId" value={order.id} />
      <input type="hidden" name="version" value={order.version} />
      <p id={summaryId} className="text-sm text-slate-700">
        {spec.summary(order)}
      </p>
      {spec.note && (
        <TextAreaField
          key={`note-${noteValue ?? ""}`}
          id={`${id}-note`}
          name="note"
          label={spec.note.label}
          hint={spec.note.hint}
          rows={2}
          maxLength={2000}
          required={spec.note.required}
          minLength={spec.note.required ? 3 : undefined}
          defaultValue={noteValue}
          errors={fieldErrors(failure, "note")}
        />
      )}
      <div>
        <SubmitButton variant={spec.variant} pendingLabel={spec.pendingLabel} className="w-full sm:w-auto">
          {label}
        </SubmitButton>
      </div>
      {failure && (
        <div className="space-y-2">
          <FormMessage state={failure} fields={spec.note ? ["note"] : []} />
          {(failure.code === "CONFLICT" || failure.code === "INVALID_TRANSITION") && (
            // A full load: the page as it is now, with the version the next action must carry.
            <a href={`/requests/${order.id}`} className="text-sm font-medium text-brand-700 underline">
              Reload this request
            </a>
          )}
        </div>
      )}
    </form>
  );
}
