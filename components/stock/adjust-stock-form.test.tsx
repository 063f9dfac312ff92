import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { draftKey, readDraft } from "@/components/offline/device-draft-storage";
import { describedBy } from "@/tests/helpers/described-by";
import { UUID_V4, DRAFT_SCOPE } from "@/tests/helpers/form-actions";
import type { FormState } from "@/components/ui/form-state";
import type { CountedIn } from "@/lib/products/quantity-hint";
import { AdjustStockForm, type StockAdjustedView } from "./adjust-stock-form";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const PRODUCT_ID = "0193a0c4-1111-7000-8000-000000000001";
const MAIN = { id: "0193a0c4-2222-7000-8000-000000000001", name: "Main warehouse", onHand: 40, available: 40 };
const VAN = { id: "0193a0c4-2222-7000-8000-000000000002", name: "Van 1", onHand: 6, available: 6 };
const FIRST_OPERATION = "0193a0c4-3333-4000-8000-000000000001";

type Action = (state: FormState<StockAdjustedView>, formData: FormData) => Promise<FormState<StockAdjustedView>>;

/** What the server answers to a refused submit: its field errors, and the values as they were sent. */
function refusal(formData: FormData, fieldErrors: Record<string, string[]>): FormState<StockAdjustedView> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries()) if (typeof value === "string") values[name] = value;
  return { ok: false, code: "VALIDATION", message: "Please correct the highlighted fields.", fieldErrors, values };
}

const adjusted = (formData: FormData): FormState<StockAdjustedView> => {
  const change = Number(formData.get("quantity"));
  return {
    ok: true,
    data: {
      product: { name: "Bolt M8", unit: "pcs" },
      location: { name: MAIN.name },
      mode: "change",
      before: MAIN.onHand,
      after: MAIN.onHand + change,
      change,
    },
  };
};

function renderForm(action: Action, countedIn: CountedIn = { unit: "pcs", packSize: null }) {
  render(
    <AdjustStockForm
      draftScope={DRAFT_SCOPE}
      action={action}
      productId={PRODUCT_ID}
      countedIn={countedIn}
      operationId={FIRST_OPERATION}
      locations={[MAIN, VAN]}
      defaultLocationId={MAIN.id}
    />,
  );
  return { save: screen.getByRole("button", { name: "Save adjustment" }) };
}

async function submit(button: HTMLElement) {
  await act(async () => {
    fireEvent.click(button);
  });
}

const radio = (label: RegExp) => screen.getByRole("radio", { name: label }) as HTMLInputElement;
const box = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe("AdjustStockForm", () => {
  it("refused for its reason, then corrected: “change by” is what is saved, with the same operation id", async () => {
    const sent: FormData[] = [];
    const action = vi.fn<Action>(async (_state, formData) => {
      sent.push(formData);
      return sent.length === 1
        ? refusal(formData, { reason: ["Reason: enter at least 3 characters."] })
        : adjusted(formData);
    });
    const { save } = renderForm(action);

    fireEvent.click(radio(/Change by an amount/));
    fireEvent.change(box("Change by"), { target: { value: "3" } });
    await submit(save);

    // Refused: the form still says and means “change by 3”.
    expect(screen.getByText("Reason: enter at least 3 characters.")).toBeTruthy();
    expect(radio(/Change by an amount/).checked).toBe(true);
    expect(radio(/Set to what was counted/).checked).toBe(false);
    expect(box("Change by").value).toBe("3");

    fireEvent.change(box("Reason"), { target: { value: "Found in returns" } });
    await submit(save);

    expect(action).toHaveBeenCalledTimes(2);
    const corrected = sent[1]!;
    expect(corrected.get("mode")).toBe("change");
    expect(corrected.get("quantity")).toBe("3");
    expect(corrected.get("reason")).toBe("Found in returns");
    expect(corrected.get("locationId")).toBe(MAIN.id);
    expect(corrected.get("productId")).toBe(PRODUCT_ID);
    // The refused submit claimed nothing: the corrected one is the same operation.
    expect(sent[0]!.get("operationId")).toBe(FIRST_OPERATION);
    expect(corrected.get("operationId")).toBe(FIRST_OPERATION);
    expect(screen.getByRole("status").textContent).toBe("Added 3 × Bolt M8 at Main warehouse (now 43).");
  });

  it("refused for a negative count, then switched to “change by”: the signed change is what is saved", async () => {
    const sent: FormData[] = [];
    const action = vi.fn<Action>(async (_state, formData) => {
      sent.push(formData);
      return sent.length === 1 ? refusal(formData, { quantity: ["Quantity: enter 0 or more."] }) : adjusted(formData);
    });
    const { save } = renderForm(action);

    fireEvent.change(screen.getByLabelText("Location"), { target: { value: VAN.id } });
    fireEvent.change(box("Counted quantity"), { target: { value: "-5" } });
    fireEvent.change(box("Reason"), { target: { value: "Broken in the van" } });
    await submit(save);
    expect(screen.getByText("Quantity: enter 0 or more.")).toBeTruthy();
    expect(radio(/Set to what was counted/).checked).toBe(true);
    expect((screen.getByLabelText("Location") as HTMLSelectElement).value).toBe(VAN.id);

    fireEvent.click(radio(/Change by an amount/));
    await submit(save);

    const corrected = sent[1]!;
    expect(corrected.get("mode")).toBe("change");
    expect(corrected.get("quantity")).toBe("-5");
    expect(corrected.get("reason")).toBe("Broken in the van");
    expect(corrected.get("locationId")).toBe(VAN.id);
    expect(corrected.get("operationId")).toBe(FIRST_OPERATION);
  });

  it("after a success the next adjustment is a new operation, and the form keeps its mode and location", async () => {
    const sent: FormData[] = [];
    const action = vi.fn<Action>(async (_state, formData) => {
      sent.push(formData);
      return adjusted(formData);
    });
    const { save } = renderForm(action);

    fireEvent.click(radio(/Change by an amount/));
    fireEvent.change(box("Change by"), { target: { value: "3" } });
    fireEvent.change(box("Reason"), { target: { value: "Found in returns" } });
    await submit(save);
    expect(screen.getByRole("status").textContent).toBe("Added 3 × Bolt M8 at Main warehouse (now 43).");
    // Saved: the amount and reason are cleared for the next one; “change by” stays chosen.
    expect(radio(/Change by an amount/).checked).toBe(true);
    expect(box("Change by").value).toBe("");
    expect(box("Reason").value).toBe("");

    fireEvent.change(box("Change by"), { target: { value: "2" } });
    fireEvent.change(box("Reason"), { target: { value: "Two more found" } });
    await submit(save);

    const [first, second] = sent as [FormData, FormData];
    expect(second.get("mode")).toBe("change");
    expect(second.get("quantity")).toBe("2");
    expect(first.get("operationId")).toBe(FIRST_OPERATION);
    expect(second.get("operationId")).toMatch(UUID_V4);
    expect(second.get("operationId")).not.toBe(FIRST_OPERATION);
  });

  it("after a conflict (the id already booked something) the next submit, and a reload's draft, is a new operation", async () => {
    const sent: FormData[] = [];
    const conflict = "This form was already saved, with different values: nothing more was changed.";
    const action = vi.fn<Action>(async (_state, formData) => {
      sent.push(formData);
      return sent.length === 1
        ? { ok: false, code: "CONFLICT", message: conflict, fieldErrors: { operationId: [conflict] } }
        : adjusted(formData);
    });
    const { save } = renderForm(action);

    fireEvent.click(radio(/Change by an amount/));
    fireEvent.change(box("Change by"), { target: { value: "4" } });
    fireEvent.change(box("Reason"), { target: { value: "Found in returns" } });
    await submit(save);
    expect(screen.getByText(conflict)).toBeTruthy();
    // What was typed is kept on the device, under an id that can still be booked.
    const draftId = () => readDraft(draftKey(DRAFT_SCOPE, "stock-adjust", PRODUCT_ID))?.operationId;
    // Saved after a pause; an earlier save may still hold the old id.
    await waitFor(
      () => {
        expect(draftId()).toMatch(UUID_V4);
        expect(draftId()).not.toBe(FIRST_OPERATION);
      },
      { timeout: 5_000 },
    );
    const newId = draftId()!;

    await submit(save);
    const [first, second] = sent as [FormData, FormData];
    expect(first.get("operationId")).toBe(FIRST_OPERATION);
    expect(second.get("operationId")).toBe(newId);
    expect(second.get("quantity")).toBe("4");
  });

  it("says beside the quantity how it is counted: the unit, and how many one pack holds", () => {
    // Gloves counted in pairs, boxed 1,200 pairs to a carton.
    renderForm(vi.fn<Action>(), { unit: "pair", packSize: 1200 });
    expect(describedBy(box("Counted quantity"))).toBe(
      "What is there now, in whole units. Unit: pair; a pack holds 1,200.",
    );
    fireEvent.click(radio(/Change by an amount/));
    expect(describedBy(box("Change by"))).toBe(
      "A whole number: 5 adds five, -3 removes three. Unit: pair; a pack holds 1,200.",
    );
  });

  it("names the unit alone for a product without packs", () => {
    renderForm(vi.fn<Action>());
    expect(describedBy(box("Counted quantity"))).toBe("What is there now, in whole units. Unit: pcs.");
  });

  it("shows a pending Save while the action runs (the form is submitted without React's reset)", async () => {
    let finish: (state: FormState<StockAdjustedView>) => void = () => {};
    const { save } = renderForm(vi.fn<Action>(() => new Promise((resolve) => (finish = resolve))));
    await submit(save);
    const pending = screen.getByRole("button", { name: /Saving…/ }) as HTMLButtonElement;
    expect(pending.disabled).toBe(true);
    await act(async () => finish({ ok: false, code: "VALIDATION", message: "Please correct the highlighted fields." }));
    expect((screen.getByRole("button", { name: "Save adjustment" }) as HTMLButtonElement).disabled).toBe(false);
  });
});
