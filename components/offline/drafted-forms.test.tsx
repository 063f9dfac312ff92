import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { ReactElement } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OrderForm, type OrderFormInitial } from "@/components/orders/order-form";
import { AdjustStockForm, type StockAdjustedView } from "@/components/stock/adjust-stock-form";
import { StocktakeForm, type StocktakeSummaryView } from "@/components/stock/stocktake-form";
import { TransferStockForm, type StockTransferredView } from "@/components/stock/transfer-stock-form";
import type { FormState } from "@/components/ui/form-state";
import { DRAFT_SCOPE } from "@/tests/helpers/form-actions";
import { DRAFT_RESTORED, OFFLINE_NOTHING_SENT } from "./device-draft-frame";
import { draftKey, readDraft, writeDraft } from "./device-draft-storage";

// Each drafted form (docs/architecture.md, "Drafts on the device"): restored from the device and sent as restored,
// its draft cleared once accepted, a refused submit followed by a corrected one, and a submit that never reached
// the server (fetch's TypeError) leaving the form on screen with its values, its message and the same id to retry.

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const NO_CONNECTION = () => new TypeError("Failed to fetch");
const PAGE_OPERATION = "0193a0c4-3333-4000-8000-000000000001";
const DRAFT_OPERATION = "0193a0c4-3333-4000-8000-000000000002";
const PRODUCT_ID = "0193a0c4-1111-7000-8000-000000000001";
const MAIN = { id: "0193a0c4-2222-7000-8000-000000000001", name: "Main warehouse", onHand: 40, available: 40 };
const VAN = { id: "0193a0c4-2222-7000-8000-000000000002", name: "Van 1", onHand: 6, available: 6 };

/** Renders with React's caught-error report kept (a network failure is caught by the form's boundary). */
function renderCaught(ui: ReactElement) {
  const onCaughtError = vi.fn();
  render(ui, { onCaughtError });
  return onCaughtError;
}

async function click(button: HTMLElement) {
  await act(async () => {
    fireEvent.click(button);
  });
}

const box = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement;
const sentOf = (formData: FormData, name: string) => formData.get(name);

function refusal<T>(formData: FormData, fieldErrors: Record<string, string[]>): FormState<T> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries()) if (typeof value === "string") values[name] = value;
  return { ok: false, code: "VALIDATION", message: "Please correct the highlighted fields.", fieldErrors, values };
}

describe("AdjustStockForm's draft", () => {
  type Action = (s: FormState<StockAdjustedView>, f: FormData) => Promise<FormState<StockAdjustedView>>;
  const KEY = draftKey(DRAFT_SCOPE, "stock-adjust", PRODUCT_ID);
  const adjusted = (formData: FormData): FormState<StockAdjustedView> => ({
    ok: true,
    data: {
      product: { name: "Bolt M8", unit: "pcs" },
      location: { name: VAN.name },
      mode: "change",
      before: VAN.onHand,
      after: VAN.onHand + Number(formData.get("quantity")),
      change: Number(formData.get("quantity")),
    },
  });
  const form = (action: Action) => (
    <AdjustStockForm
      action={action}
      productId={PRODUCT_ID}
      countedIn={{ unit: "pcs", packSize: null }}
      operationId={PAGE_OPERATION}
      locations={[MAIN, VAN]}
      defaultLocationId={MAIN.id}
      draftScope={DRAFT_SCOPE}
    />
  );

  it("is restored with its operation id, sent as restored, and cleared once accepted", async () => {
    writeDraft(KEY, {
      operationId: DRAFT_OPERATION,
      locationId: VAN.id,
      mode: "change",
      quantity: "-2",
      reason: "Dropped",
    });
    const sent: FormData[] = [];
    render(form(async (_s, formData) => (sent.push(formData), adjusted(formData))));
    await screen.findByText(DRAFT_RESTORED);
    expect((screen.getByRole("radio", { name: /Change by an amount/ }) as HTMLInputElement).checked).toBe(true);
    expect(box("Change by").value).toBe("-2");
    expect(box("Reason").value).toBe("Dropped");
    await click(screen.getByRole("button", { name: "Save adjustment" }));
    expect(sentOf(sent[0]!, "operationId")).toBe(DRAFT_OPERATION);
    expect(sentOf(sent[0]!, "locationId")).toBe(VAN.id);
    expect(sentOf(sent[0]!, "mode")).toBe("change");
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(screen.queryByText(DRAFT_RESTORED)).toBeNull();
    // The cleared form leaves nothing behind either.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it("keeps the values through a refused submit; the corrected one is what the draft and the server get", async () => {
    const sent: FormData[] = [];
    render(
      form(async (_s, formData) => {
        sent.push(formData);
        return sent.length === 1
          ? refusal(formData, { reason: ["Reason: enter at least 3 characters."] })
          : adjusted(formData);
      }),
    );
    fireEvent.click(screen.getByRole("radio", { name: /Change by an amount/ }));
    fireEvent.change(box("Change by"), { target: { value: "3" } });
    fireEvent.change(box("Reason"), { target: { value: "x" } });
    await click(screen.getByRole("button", { name: "Save adjustment" }));
    await screen.findByText("Reason: enter at least 3 characters.");
    fireEvent.change(box("Reason"), { target: { value: "Recount" } });
    await waitFor(() => expect(readDraft(KEY)).toMatchObject({ mode: "change", quantity: "3", reason: "Recount" }));
    await click(screen.getByRole("button", { name: "Save adjustment" }));
    expect(sentOf(sent[1]!, "mode")).toBe("change");
    expect(sentOf(sent[1]!, "reason")).toBe("Recount");
    expect(sentOf(sent[1]!, "operationId")).toBe(sentOf(sent[0]!, "operationId"));
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it("stays on screen with its values after a submit that never reached the server, and retries as the same operation", async () => {
    const sent: FormData[] = [];
    const caught = renderCaught(
      form(async (_s, formData) => {
        sent.push(formData);
        if (sent.length === 1) throw NO_CONNECTION();
        return adjusted(formData);
      }),
    );
    fireEvent.change(screen.getByLabelText("Location"), { target: { value: VAN.id } });
    fireEvent.click(screen.getByRole("radio", { name: /Change by an amount/ }));
    fireEvent.change(box("Change by"), { target: { value: "5" } });
    fireEvent.change(box("Reason"), { target: { value: "Delivery" } });
    await click(screen.getByRole("button", { name: "Save adjustment" }));

    expect(await screen.findByText(OFFLINE_NOTHING_SENT)).toBeTruthy();
    expect(caught).toHaveBeenCalledTimes(1);
    // Focus lands on the message, not lost with the button that was pressed.
    expect(document.activeElement?.textContent).toBe(OFFLINE_NOTHING_SENT);
    expect((screen.getByLabelText("Location") as HTMLSelectElement).value).toBe(VAN.id);
    expect((screen.getByRole("radio", { name: /Change by an amount/ }) as HTMLInputElement).checked).toBe(true);
    expect(box("Change by").value).toBe("5");
    expect(box("Reason").value).toBe("Delivery");
    expect(readDraft(KEY)).toMatchObject({ quantity: "5", reason: "Delivery" });

    await click(screen.getByRole("button", { name: "Save adjustment" }));
    expect(sent).toHaveLength(2);
    expect(sentOf(sent[1]!, "operationId")).toBe(sentOf(sent[0]!, "operationId"));
    expect(sentOf(sent[1]!, "quantity")).toBe("5");
    expect(screen.queryByText(OFFLINE_NOTHING_SENT)).toBeNull();
    expect(localStorage.getItem(KEY)).toBeNull();
  });
});

describe("TransferStockForm's draft", () => {
  type Action = (s: FormState<StockTransferredView>, f: FormData) => Promise<FormState<StockTransferredView>>;
  const KEY = draftKey(DRAFT_SCOPE, "stock-transfer", PRODUCT_ID);
  const moved = (formData: FormData): FormState<StockTransferredView> => ({
    ok: true,
    data: {
      product: { name: "Bolt M8", unit: "pcs" },
      from: { name: MAIN.name, onHand: 30 },
      to: { name: VAN.name, onHand: 16 },
      quantity: Number(formData.get("quantity")),
    },
  });
  const form = (action: Action) => (
    <TransferStockForm
      action={action}
      productId={PRODUCT_ID}
      countedIn={{ unit: "pcs", packSize: null }}
      operationId={PAGE_OPERATION}
      locations={[MAIN, VAN]}
      draftScope={DRAFT_SCOPE}
    />
  );

  it("is restored with its operation id and cleared once accepted", async () => {
    writeDraft(KEY, {
      operationId: DRAFT_OPERATION,
      fromLocationId: VAN.id,
      toLocationId: MAIN.id,
      quantity: "4",
      note: "",
    });
    const sent: FormData[] = [];
    render(form(async (_s, formData) => (sent.push(formData), moved(formData))));
    await screen.findByText(DRAFT_RESTORED);
    expect(box("Quantity").value).toBe("4");
    await click(screen.getByRole("button", { name: "Move stock" }));
    expect(sentOf(sent[0]!, "operationId")).toBe(DRAFT_OPERATION);
    expect(sentOf(sent[0]!, "fromLocationId")).toBe(VAN.id);
    expect(localStorage.getItem(KEY)).toBeNull();
    // Accepted: the form is empty for the next transfer, not refilled from the draft a second tap would book again.
    expect(box("Quantity").value).toBe("");
  });

  it("saves what is typed, and keeps it through a submit that never reached the server, as the same operation", async () => {
    const sent: FormData[] = [];
    renderCaught(
      form(async (_s, formData) => {
        sent.push(formData);
        if (sent.length === 1) throw NO_CONNECTION();
        return moved(formData);
      }),
    );
    fireEvent.change(box("Quantity"), { target: { value: "7" } });
    fireEvent.change(box("Note (optional)"), { target: { value: "For the van" } });
    await waitFor(() => expect(readDraft(KEY)).toMatchObject({ quantity: "7", note: "For the van" }));
    await click(screen.getByRole("button", { name: "Move stock" }));
    expect(await screen.findByText(OFFLINE_NOTHING_SENT)).toBeTruthy();
    expect(box("Quantity").value).toBe("7");
    expect(box("Note (optional)").value).toBe("For the van");
    await click(screen.getByRole("button", { name: "Move stock" }));
    expect(sentOf(sent[1]!, "operationId")).toBe(sentOf(sent[0]!, "operationId"));
    expect(sentOf(sent[1]!, "quantity")).toBe("7");
    expect(localStorage.getItem(KEY)).toBeNull();
  });
});

describe("StocktakeForm's draft", () => {
  type Action = (s: FormState<StocktakeSummaryView>, f: FormData) => Promise<FormState<StocktakeSummaryView>>;
  const BOLT = {
    productId: PRODUCT_ID,
    sku: "BOLT-M8",
    name: "Bolt M8",
    unit: "pcs",
    packSize: null,
    barcode: null,
    onHand: 40,
  };
  const KEY = draftKey(DRAFT_SCOPE, "stocktake", `${MAIN.id}:1:`);
  const recorded = (formData: FormData): FormState<StocktakeSummaryView> => {
    const counted = Number(formData.get(`count.${PRODUCT_ID}`));
    return {
      ok: true,
      data: {
        location: { name: MAIN.name },
        lines: [{ ...BOLT, before: 40, counted, difference: counted - 40 }],
        changed: 1,
        unchanged: 0,
        uncoveredOrders: [],
      },
    };
  };
  const form = (action: Action) => (
    <StocktakeForm
      action={action}
      locationId={MAIN.id}
      operationId={PAGE_OPERATION}
      products={[BOLT]}
      draftScope={DRAFT_SCOPE}
      draftId={`${MAIN.id}:1:`}
    />
  );

  it("is restored with its operation id and cleared once accepted", async () => {
    writeDraft(KEY, { operationId: DRAFT_OPERATION, [`count.${PRODUCT_ID}`]: "38", note: "Aisle 4" });
    const sent: FormData[] = [];
    render(form(async (_s, formData) => (sent.push(formData), recorded(formData))));
    await screen.findByText(DRAFT_RESTORED);
    expect(box("Bolt M8").value).toBe("38");
    expect(box("Note (optional)").value).toBe("Aisle 4");
    await click(screen.getByRole("button", { name: "Record counts" }));
    expect(sentOf(sent[0]!, "operationId")).toBe(DRAFT_OPERATION);
    expect(sentOf(sent[0]!, `count.${PRODUCT_ID}`)).toBe("38");
    expect(localStorage.getItem(KEY)).toBeNull();
    // Booked: the boxes are blank again (a second tap must not book the restored counts over later movements).
    expect(box("Bolt M8").value).toBe("");
  });

  it("keeps the counts through a submit that never reached the server, as the same operation", async () => {
    const sent: FormData[] = [];
    renderCaught(
      form(async (_s, formData) => {
        sent.push(formData);
        if (sent.length === 1) throw NO_CONNECTION();
        return recorded(formData);
      }),
    );
    fireEvent.change(box("Bolt M8"), { target: { value: "35" } });
    await click(screen.getByRole("button", { name: "Record counts" }));
    expect(await screen.findByText(OFFLINE_NOTHING_SENT)).toBeTruthy();
    expect(box("Bolt M8").value).toBe("35");
    await click(screen.getByRole("button", { name: "Record counts" }));
    expect(sentOf(sent[1]!, "operationId")).toBe(sentOf(sent[0]!, "operationId"));
    expect(sentOf(sent[1]!, `count.${PRODUCT_ID}`)).toBe("35");
    expect(localStorage.getItem(KEY)).toBeNull();
  });
});

describe("OrderForm's draft", () => {
  type Action = (s: FormState<{ id: string }>, f: FormData) => Promise<FormState<{ id: string }>>;
  const PAGE_REQUEST = "0b3e2a4c-8f1d-4e55-9a7b-2c6d1e0f9a10";
  const DRAFT_REQUEST = "0b3e2a4c-8f1d-4e55-9a7b-2c6d1e0f9a11";
  const ORDER_ID = "7a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
  const LOCATIONS = [
    { id: MAIN.id, name: MAIN.name },
    { id: VAN.id, name: VAN.name },
  ];
  const WIDGET = { productId: PRODUCT_ID, sku: "WID-1", name: "Blue widget", unit: "each", packSize: null };
  const EMPTY: OrderFormInitial = { type: "", locationId: MAIN.id, lines: [], reference: "", note: "" };
  const NEW_KEY = draftKey(DRAFT_SCOPE, "request-new");
  const EDIT_KEY = draftKey(DRAFT_SCOPE, "request-edit", ORDER_ID);
  const drafted = (extra: Record<string, string>) => ({
    type: "CUSTOMER_ORDER",
    locationId: VAN.id,
    reference: "PO-77",
    note: "",
    lineDetails: JSON.stringify([{ ...WIDGET, available: 6, availableAt: VAN.id }]),
    "lines.0.productId": PRODUCT_ID,
    "lines.0.quantity": "4",
    ...extra,
  });
  const create = (action: Action) => (
    <OrderForm
      mode="create"
      action={action}
      clientRequestId={PAGE_REQUEST}
      locations={LOCATIONS}
      initial={EMPTY}
      cancelHref="/requests"
      draftScope={DRAFT_SCOPE}
    />
  );
  const submit = () => click(screen.getByRole("button", { name: "Submit request" }));

  it("a new request is restored with its client request id, and a submit sends it as restored", async () => {
    writeDraft(NEW_KEY, drafted({ clientRequestId: DRAFT_REQUEST }));
    const sent: FormData[] = [];
    render(create(async (_s, formData) => (sent.push(formData), null)));
    await screen.findByText(DRAFT_RESTORED);
    expect((screen.getByRole("radio", { name: /Customer order/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("Location") as HTMLSelectElement).value).toBe(VAN.id);
    expect(box("Quantity of Blue widget").value).toBe("4");
    await submit();
    expect(sentOf(sent[0]!, "clientRequestId")).toBe(DRAFT_REQUEST);
    expect(sentOf(sent[0]!, "locationId")).toBe(VAN.id);
    expect(sentOf(sent[0]!, "lines.0.productId")).toBe(PRODUCT_ID);
    expect(sentOf(sent[0]!, "lines.0.quantity")).toBe("4");
    expect(sentOf(sent[0]!, "reference")).toBe("PO-77");
  });

  it("refused, then corrected: the draft follows the correction and the same request is sent", async () => {
    writeDraft(NEW_KEY, drafted({ clientRequestId: DRAFT_REQUEST }));
    const sent: FormData[] = [];
    render(
      create(async (_s, formData) => {
        sent.push(formData);
        if (sent.length > 1) return null;
        return refusal(formData, { "lines.0.quantity": ["Only 6 available at Van 1."] });
      }),
    );
    await screen.findByText(DRAFT_RESTORED);
    await submit();
    await screen.findByText("Only 6 available at Van 1.");
    fireEvent.change(box("Quantity of Blue widget"), { target: { value: "3" } });
    await waitFor(() =>
      expect(readDraft(NEW_KEY)).toMatchObject({ "lines.0.quantity": "3", clientRequestId: DRAFT_REQUEST }),
    );
    await submit();
    expect(sentOf(sent[1]!, "lines.0.quantity")).toBe("3");
    expect(sentOf(sent[1]!, "type")).toBe("CUSTOMER_ORDER");
    expect(sentOf(sent[1]!, "clientRequestId")).toBe(DRAFT_REQUEST);
  });

  it("stays on screen with its values after a submit that never reached the server, and retries as the same request", async () => {
    writeDraft(NEW_KEY, drafted({ clientRequestId: DRAFT_REQUEST }));
    const sent: FormData[] = [];
    const caught = renderCaught(
      create(async (_s, formData) => {
        sent.push(formData);
        if (sent.length === 1) throw NO_CONNECTION();
        return null;
      }),
    );
    await screen.findByText(DRAFT_RESTORED);
    fireEvent.change(screen.getByLabelText("Customer reference (optional)"), { target: { value: "PO-78" } });
    await submit();
    expect(await screen.findByText(OFFLINE_NOTHING_SENT)).toBeTruthy();
    expect(caught).toHaveBeenCalledTimes(1);
    expect((screen.getByRole("radio", { name: /Customer order/ }) as HTMLInputElement).checked).toBe(true);
    expect(box("Quantity of Blue widget").value).toBe("4");
    expect(box("Customer reference (optional)").value).toBe("PO-78");
    expect(screen.getByRole("button", { name: "Discard draft" })).toBeTruthy();
    await submit();
    expect(sentOf(sent[1]!, "clientRequestId")).toBe(DRAFT_REQUEST);
    expect(sentOf(sent[1]!, "reference")).toBe("PO-78");
  });

  it("a page with nothing typed keeps no draft, even when it starts with a line", async () => {
    const initial: OrderFormInitial = {
      ...EMPTY,
      lines: [{ ...WIDGET, available: 40, availableAt: MAIN.id, quantity: "1" }],
    };
    render(
      <OrderForm
        mode="create"
        action={vi.fn<Action>()}
        clientRequestId={PAGE_REQUEST}
        locations={LOCATIONS}
        initial={initial}
        cancelHref="/requests"
        draftScope={DRAFT_SCOPE}
      />,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(localStorage.getItem(NEW_KEY)).toBeNull();
    fireEvent.change(box("Quantity of Blue widget"), { target: { value: "2" } });
    await waitFor(() =>
      expect(readDraft(NEW_KEY)).toMatchObject({ "lines.0.quantity": "2", clientRequestId: PAGE_REQUEST }),
    );
  });

  it("an edit's draft made before someone else saved the request says to check it, and saves at the version seen now", async () => {
    writeDraft(EDIT_KEY, drafted({ version: "3" }));
    const sent: FormData[] = [];
    render(
      <OrderForm
        mode="edit"
        action={async (_s, formData) => (sent.push(formData), null)}
        orderId={ORDER_ID}
        version={4}
        locations={LOCATIONS}
        initial={{ ...EMPTY, type: "RESTOCK", reference: "Theirs" }}
        cancelHref={`/requests/${ORDER_ID}`}
        draftScope={DRAFT_SCOPE}
      />,
    );
    await screen.findByText(DRAFT_RESTORED);
    expect(screen.getByText(/This request was changed since your draft was saved/)).toBeTruthy();
    expect(box("Customer reference (optional)").value).toBe("PO-77");
    await click(screen.getByRole("button", { name: "Save changes" }));
    expect(sentOf(sent[0]!, "version")).toBe("4");
    expect(sentOf(sent[0]!, "orderId")).toBe(ORDER_ID);
  });
});
