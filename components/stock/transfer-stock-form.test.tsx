import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UUID_V4, DRAFT_SCOPE } from "@/tests/helpers/form-actions";
import type { FormState } from "@/components/ui/form-state";
import { TransferStockForm, type StockTransferredView } from "./transfer-stock-form";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const PRODUCT_ID = "0193a0c4-1111-7000-8000-000000000001";
const MAIN = { id: "0193a0c4-2222-7000-8000-000000000001", name: "Main warehouse", available: 40 };
const VAN = { id: "0193a0c4-2222-7000-8000-000000000002", name: "Van 1", available: 6 };
const SHOP = { id: "0193a0c4-2222-7000-8000-000000000003", name: "Shop", available: 2 };
const FIRST_OPERATION = "0193a0c4-3333-4000-8000-000000000001";

type Action = (state: FormState<StockTransferredView>, formData: FormData) => Promise<FormState<StockTransferredView>>;

/** What the server answers to a refused submit: its field errors, and the values as they were sent. */
function refusal(formData: FormData, fieldErrors: Record<string, string[]>): FormState<StockTransferredView> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries()) if (typeof value === "string") values[name] = value;
  return { ok: false, code: "VALIDATION", message: "Please correct the highlighted fields.", fieldErrors, values };
}

function moved(formData: FormData): FormState<StockTransferredView> {
  const quantity = Number(formData.get("quantity"));
  return {
    ok: true,
    data: {
      product: { name: "Bolt M8", unit: "pcs" },
      from: { name: VAN.name, onHand: VAN.available - quantity },
      to: { name: SHOP.name, onHand: SHOP.available + quantity },
      quantity,
    },
  };
}

function renderForm(action: Action) {
  render(
    <TransferStockForm
      draftScope={DRAFT_SCOPE}
      action={action}
      productId={PRODUCT_ID}
      countedIn={{ unit: "pcs", packSize: null }}
      operationId={FIRST_OPERATION}
      locations={[MAIN, VAN, SHOP]}
    />,
  );
  return { move: screen.getByRole("button", { name: "Move stock" }) };
}

async function submit(button: HTMLElement) {
  await act(async () => {
    fireEvent.click(button);
  });
}

const control = (label: string) => screen.getByLabelText(label) as HTMLInputElement | HTMLSelectElement;
const change = (label: string, value: string) => fireEvent.change(control(label), { target: { value } });

describe("TransferStockForm", () => {
  it("refused, then corrected: the corrected locations and quantity are what is moved, as the same operation", async () => {
    const sent: FormData[] = [];
    const action = vi.fn<Action>(async (_state, formData) => {
      sent.push(formData);
      return sent.length === 1
        ? refusal(formData, { toLocationId: ["Choose a location other than the one the stock comes from."] })
        : moved(formData);
    });
    const { move } = renderForm(action);

    change("From", VAN.id);
    change("To", VAN.id);
    change("Quantity", "4");
    change("Note (optional)", "For the shop window");
    await submit(move);

    // Refused: the form shows what was sent, not its starting points.
    expect(screen.getByText("Choose a location other than the one the stock comes from.")).toBeTruthy();
    expect(control("From").value).toBe(VAN.id);
    expect(control("To").value).toBe(VAN.id);
    expect(control("Quantity").value).toBe("4");
    expect(control("Note (optional)").value).toBe("For the shop window");

    change("To", SHOP.id);
    change("Quantity", "5");
    await submit(move);

    expect(action).toHaveBeenCalledTimes(2);
    const corrected = sent[1]!;
    expect(corrected.get("fromLocationId")).toBe(VAN.id);
    expect(corrected.get("toLocationId")).toBe(SHOP.id);
    expect(corrected.get("quantity")).toBe("5");
    expect(corrected.get("note")).toBe("For the shop window");
    expect(corrected.get("productId")).toBe(PRODUCT_ID);
    expect(sent[0]!.get("operationId")).toBe(FIRST_OPERATION);
    expect(corrected.get("operationId")).toBe(FIRST_OPERATION);
    expect(screen.getByRole("status").textContent).toBe(
      "Moved 5 × Bolt M8 from Van 1 to Shop (Van 1 now 1, Shop now 7).",
    );
  });

  it("after a success the next transfer is a new operation", async () => {
    const sent: FormData[] = [];
    const { move } = renderForm(
      vi.fn<Action>(async (_state, formData) => {
        sent.push(formData);
        return moved(formData);
      }),
    );
    change("From", VAN.id);
    change("To", SHOP.id);
    change("Quantity", "1");
    await submit(move);
    expect(screen.getByRole("status").textContent).toMatch(/^Moved 1 × Bolt M8/);
    change("From", VAN.id);
    change("To", SHOP.id);
    change("Quantity", "2");
    await submit(move);

    expect(sent.map((formData) => formData.get("quantity"))).toEqual(["1", "2"]);
    expect(sent[0]!.get("operationId")).toBe(FIRST_OPERATION);
    expect(sent[1]!.get("operationId")).toMatch(UUID_V4);
    expect(sent[1]!.get("operationId")).not.toBe(FIRST_OPERATION);
  });
});
