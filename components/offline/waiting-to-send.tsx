"use client";

// "Waiting to send" on the requests page: the signed-in person's requests kept on this device, with their state. A
// request the server refused on replay shows the server's reason (and, per line or field, what to fix) and can be
// edited (the request form opens prefilled, docs/architecture.md "Offline request queue and the first API endpoint")
// or discarded. Nothing here talks to the server but "Send now".
import { useState } from "react";
import { ORDER_TYPE_LABELS } from "@/components/orders/labels";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import type { OutboxEntry } from "@/lib/offline/outbox";
import { useOutbox } from "./outbox-provider";

const STATE_LABELS = { waiting: "Waiting", sending: "Sending…", refused: "Refused" } as const;
const moment = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** A field error's key as a person reads it: "lines.1.quantity" names the line's product. */
function fieldLabel(entry: OutboxEntry, key: string): string {
  const line = /^lines\.(\d+)/.exec(key);
  if (line) {
    const product = entry.lines[Number(line[1])];
    return product ? `${product.name}${product.sku ? ` (${product.sku})` : ""}` : "A line";
  }
  const labels: Record<string, string> = {
    type: "Type",
    locationId: "Location",
    supplierId: "Supplier",
    customerId: "Customer",
    reference: "Reference",
    note: "Note",
    company: "Company",
  };
  return labels[key] ?? "";
}

function Entry({ entry, otherCompany }: { entry: OutboxEntry; otherCompany: boolean }) {
  const outbox = useOutbox()!;
  const [discarding, setDiscarding] = useState(false);
  const quantities = new Map(entry.payload.lines.map((line) => [line.productId, line.quantity]));
  return (
    <li className="space-y-2 p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium text-slate-900">
          {ORDER_TYPE_LABELS[entry.payload.type]}
          {entry.locationName && <> · {entry.locationName}</>}
          {entry.partnerName && <> · {entry.partnerName}</>}
        </p>
        <Badge tone={entry.state === "refused" ? "warning" : "pending"}>{STATE_LABELS[entry.state]}</Badge>
      </div>
      <ul className="text-sm text-slate-700">
        {entry.lines.map((line) => (
          <li key={line.productId}>
            {quantities.get(line.productId)} × {line.name}
            {line.sku && <span className="text-slate-500"> ({line.sku})</span>}
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-500">
        Saved on this device {moment.format(entry.createdAt)}
        {entry.payload.reference && <> · Reference {entry.payload.reference}</>}
      </p>
      {otherCompany && entry.state !== "refused" && (
        <p className="text-sm text-slate-600">Saved while you worked in another company: switch back to it to send.</p>
      )}
      {entry.state === "refused" && entry.refusal && (
        <div
          role="group"
          aria-label="Why it was refused"
          className="space-y-1 rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-800"
        >
          <p>
            <span className="font-medium">{entry.refusal.title}:</span> {entry.refusal.detail}
          </p>
          {entry.refusal.errors && (
            <ul className="list-disc pl-5">
              {Object.entries(entry.refusal.errors).map(([key, message]) => (
                <li key={key}>
                  {fieldLabel(entry, key) && <>{fieldLabel(entry, key)}: </>}
                  {message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {entry.state === "refused" && (
        <div className="flex flex-wrap gap-2">
          <ButtonLink href={`/requests/new?fromOutbox=${entry.clientRequestId}`}>Edit</ButtonLink>
          <Button
            type="button"
            variant="secondary"
            disabled={discarding}
            onClick={async () => {
              setDiscarding(true);
              await outbox.discard(entry.clientRequestId);
            }}
          >
            {discarding ? "Discarding…" : "Discard"}
          </Button>
        </div>
      )}
    </li>
  );
}

export function WaitingToSend() {
  const outbox = useOutbox();
  const [sending, setSending] = useState(false);
  if (!outbox || outbox.entries.length === 0) return null;
  const waiting = outbox.entries.some((entry) => entry.state !== "refused");
  return (
    <section id="waiting-to-send" aria-labelledby="waiting-to-send-heading" className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="waiting-to-send-heading" className="text-lg font-semibold text-slate-900">
            Waiting to send
          </h2>
          <p className="text-sm text-slate-600">
            Saved on this device while offline; sent by themselves when the connection is back.
          </p>
        </div>
        {waiting && (
          <Button
            type="button"
            variant="secondary"
            disabled={sending}
            onClick={async () => {
              setSending(true);
              await outbox.send();
              setSending(false);
            }}
          >
            {sending ? "Sending…" : "Send now"}
          </Button>
        )}
      </div>
      <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
        {outbox.entries.map((entry) => (
          <Entry key={entry.clientRequestId} entry={entry} otherCompany={entry.companyId !== outbox.companyId} />
        ))}
      </ul>
    </section>
  );
}
