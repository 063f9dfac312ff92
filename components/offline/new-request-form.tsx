"use client";

// The new-request page's form with the offline queue around it (docs/architecture.md "Offline request queue and the
// first API endpoint"): the order form as always, its action wrapped so that a submit without a connection is kept on
// this device (queueing-action.ts) and said so, and the products on hand at the form's location taken into the offline
// cache when it opens. `fromOutbox` opens a refused queued request to edit: its contents prefill the form under a new
// client request id (the refused one created nothing, or — refused as a conflict — names a request that exists), and
// the refused entry goes once the edited request is sent or kept.
import { useEffect, useMemo, useState } from "react";
import {
  OrderForm,
  type OrderFormInitial,
  type OrderFormLocation,
  type OrderFormPartners,
} from "@/components/orders/order-form";
import { draftKey, removeDraft, type DraftScope } from "@/components/offline/device-draft-storage";
import { Alert } from "@/components/ui/alert";
import { ButtonLink, Button } from "@/components/ui/button";
import type { FormAction } from "@/components/ui/form-state";
import { newOperationId } from "@/components/ui/operation-id";
import { outboxEntry } from "@/lib/offline/device-db";
import { primeProductCache } from "@/lib/offline/device-products";
import type { OutboxEntry } from "@/lib/offline/outbox";
import { queueingAction } from "./queueing-action";

const NO_PARTNERS: OrderFormPartners = { suppliers: [], customers: [] };

export const QUEUED_MESSAGE = "Saved on this phone — it will be sent when you're back online.";

interface NewRequestFormProps {
  userId: string;
  companyId: string;
  action: FormAction<{ id: string }>;
  clientRequestId: string;
  locations: OrderFormLocation[];
  /** The directory's suppliers and customers to pick from; none, and the form shows no picker. */
  partners?: OrderFormPartners;
  initial: OrderFormInitial;
  cancelHref: string;
  draftScope: DraftScope;
  /** A refused queued request to edit (its client request id). */
  fromOutbox?: string;
}

interface Shown {
  clientRequestId: string;
  initial: OrderFormInitial;
  replaces: OutboxEntry | null;
}

function initialOf(entry: OutboxEntry): OrderFormInitial {
  return {
    type: entry.payload.type,
    locationId: entry.payload.locationId,
    lines: entry.lines.map((line) => ({
      ...line,
      packSize: line.packSize ?? null,
      available: null,
      availableAt: null,
      quantity: entry.payload.lines.find((l) => l.productId === line.productId)?.quantity ?? "",
    })),
    supplierId: entry.payload.supplierId ?? "",
    customerId: entry.payload.customerId ?? "",
    reference: entry.payload.reference,
    note: entry.payload.note,
  };
}

export function NewRequestForm({ userId, companyId, fromOutbox, ...props }: NewRequestFormProps) {
  const [shown, setShown] = useState<Shown>({
    clientRequestId: props.clientRequestId,
    initial: props.initial,
    replaces: null,
  });
  const [queued, setQueued] = useState<OutboxEntry | null>(null);

  useEffect(() => {
    if (navigator.onLine !== false) void primeProductCache(props.initial.locationId, companyId);
  }, [props.initial.locationId, companyId]);

  useEffect(() => {
    if (!fromOutbox) return;
    outboxEntry(fromOutbox).then(
      (entry) => {
        if (entry && entry.userId === userId) {
          setShown({ clientRequestId: newOperationId(), initial: initialOf(entry), replaces: entry });
        }
      },
      () => undefined,
    );
  }, [fromOutbox, userId]);

  // A kept request leaves the form's device draft behind (the form saves it as it unmounts): the outbox holds it now.
  useEffect(() => {
    if (queued) removeDraft(draftKey(props.draftScope, "request-new", shown.replaces?.clientRequestId));
  }, [queued, props.draftScope, shown.replaces]);

  const { action, locations, partners = NO_PARTNERS } = props;
  const replaces = shown.replaces?.clientRequestId ?? null;
  const submit = useMemo(
    () =>
      queueingAction(action, {
        userId,
        companyId,
        locations,
        partners: [...partners.suppliers, ...partners.customers],
        replaces,
        onQueued: setQueued,
      }),
    [action, userId, companyId, locations, partners, replaces],
  );

  if (queued) {
    return (
      <div className="space-y-4">
        <Alert tone="success">{QUEUED_MESSAGE}</Alert>
        <p className="text-sm text-slate-600">
          It is listed under “Waiting to send” on your requests until it goes out.
        </p>
        <div className="flex flex-wrap gap-2">
          <Button
            type="button"
            onClick={() => {
              setQueued(null);
              setShown({
                clientRequestId: newOperationId(),
                initial: {
                  ...props.initial,
                  lines: [],
                  type: "",
                  supplierId: "",
                  customerId: "",
                  reference: "",
                  note: "",
                },
                replaces: null,
              });
            }}
          >
            Start another request
          </Button>
          <ButtonLink href="/requests#waiting-to-send" variant="secondary">
            Waiting to send
          </ButtonLink>
        </div>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      {shown.replaces?.refusal && (
        <Alert tone="info">
          Refused when sent from this device: {shown.replaces.refusal.detail} Change it and submit again.
        </Alert>
      )}
      <OrderForm
        key={shown.clientRequestId}
        mode="create"
        action={submit}
        clientRequestId={shown.clientRequestId}
        locations={locations}
        partners={partners}
        initial={shown.initial}
        cancelHref={props.cancelHref}
        draftScope={props.draftScope}
        draftRecord={shown.replaces?.clientRequestId}
      />
    </div>
  );
}
