"use client";

import { useActionState, useState } from "react";
import { keptWhenUnanswered } from "@/components/offline/network-failure";
import { Alert } from "@/components/ui/alert";
import { CompanyField } from "@/components/ui/company-field";
import { formError, type FormAction } from "@/components/ui/form-state";
import { SubmitButton } from "@/components/ui/submit-button";

export interface ProductChanged {
  name: string;
  archived: boolean;
}

interface ProductStatusFormProps {
  product: { id: string; version: number; name: string; archived: boolean };
  archiveAction: FormAction<ProductChanged>;
  restoreAction: FormAction<ProductChanged>;
}

/** Archive an active product or restore an archived one, at the version on screen; the outcome is said below. */
export function ProductStatusForm({ product, archiveAction, restoreAction }: ProductStatusFormProps) {
  const [archiveState, archive] = useActionState(keptWhenUnanswered(archiveAction, { nothingTyped: true }), null);
  const [restoreState, restore] = useActionState(keptWhenUnanswered(restoreAction, { nothingTyped: true }), null);
  const [last, setLast] = useState<"archive" | "restore">("archive");
  const state = last === "archive" ? archiveState : restoreState;
  const error = formError(state, []);
  return (
    <div className="space-y-2">
      <form
        action={product.archived ? restore : archive}
        onSubmit={() => setLast(product.archived ? "restore" : "archive")}
      >
        <CompanyField />
        <input type="hidden" name="id" value={product.id} />
        <input type="hidden" name="version" value={product.version} />
        <SubmitButton variant="secondary" pendingLabel={product.archived ? "Restoring…" : "Archiving…"}>
          {product.archived ? "Restore product" : "Archive product"}
        </SubmitButton>
      </form>
      <div aria-live="polite">
        {state?.ok && (
          <Alert tone="success">
            {state.data.archived
              ? `${state.data.name} is archived: it is hidden from the product list unless you show archived products. Its stock and history are kept.`
              : `${state.data.name} is active again.`}
          </Alert>
        )}
        {error && <Alert tone="error">{error}</Alert>}
      </div>
    </div>
  );
}
