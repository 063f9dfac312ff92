// The request form's fields as lib takes them (docs/architecture.md §3 "Forms"): read by the server actions
// (app/(app)/requests/form-actions.ts) and by the offline queue when it keeps a submit on the device
// (components/offline/queueing-action.ts), so both read a submitted form the same way. Quantities stay as typed: lib
// validates. Pure.
import { MAX_ORDER_LINES } from "./order-fields";

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

/** The draft as lib takes it, and the same as flat form values for a failed submit to show again. */
export function readOrderFormData(formData: FormData) {
  const draft = {
    type: field(formData, "type"),
    locationId: field(formData, "locationId"),
    lines: [] as { productId: string; quantity: string }[],
    // The form sends the one its type names (a supplier for a restock, a customer for a customer order), or neither.
    supplierId: field(formData, "supplierId"),
    customerId: field(formData, "customerId"),
    reference: field(formData, "reference"),
    note: field(formData, "note"),
  };
  const values: Record<string, string> = {
    type: draft.type,
    locationId: draft.locationId,
    supplierId: draft.supplierId,
    customerId: draft.customerId,
    reference: draft.reference,
    note: draft.note,
    lineDetails: field(formData, "lineDetails"),
  };
  // One line more than allowed is read, so an oversized request gets lib's "at most" message, not a silent cut.
  for (let index = 0; index <= MAX_ORDER_LINES && formData.has(`lines.${index}.productId`); index++) {
    const line = {
      productId: field(formData, `lines.${index}.productId`),
      quantity: field(formData, `lines.${index}.quantity`),
    };
    values[`lines.${index}.productId`] = line.productId;
    values[`lines.${index}.quantity`] = line.quantity;
    draft.lines.push(line);
  }
  return { draft, values };
}
