"use client";

import Link from "@/components/ui/link";
import { useActionState } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { Alert } from "@/components/ui/alert";
import { CompanyField } from "@/components/ui/company-field";
import { formError, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

/** What drafting came to (lib/stock/draft-restock.ts), as the page says it. */
export interface RestockDraftedView {
  id: string;
  /** "REQ-000012" */
  number: string;
  /** Products on the request. */
  lines: number;
  /** Products to order that did not fit in one request. */
  leftOut: number;
  /** False when this button's request already existed (a second tap): nothing new was made. */
  created: boolean;
}

const products = (count: number) => `${count} ${count === 1 ? "product" : "products"}`;

/**
 * "Draft restock" for one supplier group at one location: posts the group, the location and the client request id
 * the page rendered it with (a fresh one per rendering, so a double tap is one request and a later tap a new one).
 * The server reads the quantities itself; the answer links to the pending request it made. A tap the network dropped
 * says so and can go again (keptWhenUnanswered): the same client request id answers "Already drafted" if the first
 * one got through.
 */
export function DraftRestockForm({
  action,
  clientRequestId,
  supplierId,
  group,
  location,
}: {
  action: FormAction<RestockDraftedView>;
  clientRequestId: string;
  /** A supplier's id, or "none". */
  supplierId: string;
  /** The group's name as its header says it ("Acme", "No preferred supplier"). */
  group: string;
  location: { id: string; name: string; products: number };
}) {
  const [state, formAction] = useActionState(keptWhenUnanswered(action, { nothingTyped: true }), null);
  const error = formError(state, []);
  return (
    <form action={formAction} className="space-y-2">
      <CompanyField />
      <input type="hidden" name="clientRequestId" value={clientRequestId} />
      <input type="hidden" name="supplierId" value={supplierId} />
      <input type="hidden" name="locationId" value={location.id} />
      <SubmitButton variant="secondary" pendingLabel="Drafting…">
        Draft restock to {location.name}{" "}
        <span className="sr-only">
          for {group}, {products(location.products)} low there
        </span>
      </SubmitButton>
      {state?.ok && (
        <Alert tone="success">
          {state.data.created ? "Drafted " : "Already drafted: "}
          <Link href={`/requests/${state.data.id}`} className="font-medium underline">
            {state.data.number}
          </Link>
          , a pending restock of {products(state.data.lines)} to {location.name}.
          {state.data.leftOut > 0 &&
            ` ${products(state.data.leftOut)} more did not fit in one request: draft again for them.`}
        </Alert>
      )}
      {error && <Alert tone="error">{error}</Alert>}
    </form>
  );
}
