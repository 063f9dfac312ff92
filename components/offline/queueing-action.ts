// The request form's submit when the connection is gone (docs/architecture.md "Offline request queue and the first API
// endpoint"): it wraps the form's server action. Online, the action runs as always. Offline (navigator.onLine false),
// or when the action's fetch fails for the network (the request may or may not have reached the server), the submit
// is checked with the same schema lib uses — field errors show beside their fields like the server's — and kept in the
// outbox under the form's client request id, so whether the first try went through or not, the replay makes exactly
// one request. The edit of a refused entry replaces it: the old entry goes once the new submit is accepted or kept.
import type { FormAction, FormState } from "@/components/ui/form-state";
import { fieldErrorsFromZod } from "@/lib/errors";
import { COMPANY_FIELD } from "@/lib/form-company";
import { newOperationId } from "@/components/ui/operation-id";
import { outboxEntry, outboxStorage } from "@/lib/offline/device-db";
import type { OutboxEntry, OutboxLine } from "@/lib/offline/outbox";
import { announceOutboxChange, replayOutbox, requestOutboxSync } from "@/lib/offline/replay";
import { orderDraftSchema, type OrderType } from "@/lib/orders/order-fields";
import { readOrderFormData } from "@/lib/orders/order-form-data";
import { isNetworkFailure } from "./network-failure";

/** Next's redirect after a successful action reaches the caller as an error with this digest. */
function isRedirect(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_REDIRECT");
}

function linesOf(lineDetails: string, productIds: string[]): OutboxLine[] {
  let details: Partial<OutboxLine>[] = [];
  try {
    const parsed: unknown = JSON.parse(lineDetails || "[]");
    if (Array.isArray(parsed)) details = parsed as Partial<OutboxLine>[];
  } catch {
    // Display only: a line without details shows as "Product".
  }
  return productIds.map((productId) => {
    const detail = details.find((d) => d?.productId === productId);
    return {
      productId,
      sku: typeof detail?.sku === "string" ? detail.sku : "",
      name: typeof detail?.name === "string" && detail.name ? detail.name : "Product",
      unit: typeof detail?.unit === "string" ? detail.unit : "",
      packSize: typeof detail?.packSize === "number" ? detail.packSize : null,
    };
  });
}

export interface QueueingOptions {
  userId: string;
  companyId: string;
  locations: { id: string; name: string }[];
  /** The suppliers and customers the form offers, to name the one picked. */
  partners: { id: string; name: string }[];
  /** The refused outbox entry this form edits, removed once the new submit is accepted or kept. */
  replaces: string | null;
  onQueued: (entry: OutboxEntry) => void;
}

async function removeReplaced(replaces: string | null) {
  if (!replaces) return;
  await outboxStorage.remove(replaces).catch(() => undefined);
  announceOutboxChange();
}

/** Keeps the submit in the outbox; a draft lib would refuse comes back with its field errors instead. */
async function keepOnDevice(formData: FormData, options: QueueingOptions): Promise<FormState<{ id: string }>> {
  const { draft, values } = readOrderFormData(formData);
  const checked = orderDraftSchema.safeParse(draft);
  if (!checked.success) {
    return {
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: fieldErrorsFromZod(checked.error),
      values,
    };
  }
  const company = formData.get(COMPANY_FIELD);
  const entry: OutboxEntry = {
    clientRequestId: String(formData.get("clientRequestId")),
    userId: options.userId,
    companyId: typeof company === "string" && company ? company : options.companyId,
    payload: {
      company: typeof company === "string" && company ? company : options.companyId,
      type: draft.type as OrderType,
      locationId: draft.locationId,
      lines: draft.lines,
      // Only when picked: a request without a partner keeps the shape queued requests had before partners existed.
      ...(draft.supplierId && { supplierId: draft.supplierId }),
      ...(draft.customerId && { customerId: draft.customerId }),
      reference: draft.reference,
      note: draft.note,
    },
    lines: linesOf(
      values.lineDetails ?? "",
      draft.lines.map((line) => line.productId),
    ),
    locationName: options.locations.find((l) => l.id === draft.locationId)?.name ?? "",
    partnerName: options.partners.find((p) => p.id === (draft.supplierId || draft.customerId))?.name,
    state: "waiting",
    createdAt: Date.now(),
  };
  try {
    // The id is taken already when this form came from a kept copy of the page: the same contents are a second tap
    // (kept once), other contents are another request and get an id of their own — never overwrite one in waiting.
    const taken = await outboxEntry(entry.clientRequestId);
    if (taken && JSON.stringify(taken.payload) === JSON.stringify(entry.payload)) {
      options.onQueued(taken);
      return { ok: true, data: { id: "" } };
    }
    if (taken) entry.clientRequestId = newOperationId();
    await outboxStorage.put(entry);
  } catch {
    return {
      ok: false,
      code: "INTERNAL",
      message: "You are offline, and this device would not keep the request. Try again when you are back online.",
      values,
    };
  }
  await removeReplaced(options.replaces);
  announceOutboxChange();
  options.onQueued(entry);
  void requestOutboxSync();
  // The answer may have been lost rather than the request: try at once (a no-op while really offline).
  if (navigator.onLine !== false) void replayOutbox().catch(() => undefined);
  return { ok: true, data: { id: "" } };
}

/** The form's action, kept on the device when the network is not there. */
export function queueingAction(
  action: FormAction<{ id: string }>,
  options: QueueingOptions,
): FormAction<{ id: string }> {
  return async (state, formData) => {
    if (navigator.onLine !== false) {
      try {
        return await action(state, formData);
      } catch (error) {
        if (isRedirect(error)) {
          await removeReplaced(options.replaces);
          throw error;
        }
        if (!isNetworkFailure(error)) throw error;
      }
    }
    return keepOnDevice(formData, options);
  };
}
