import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { describedBy } from "@/tests/helpers/described-by";
import { UUID_V4, DRAFT_SCOPE } from "@/tests/helpers/form-actions";
import type { FormState } from "@/components/ui/form-state";
import { StocktakeForm, type StocktakeProduct, type StocktakeSummaryView } from "./stocktake-form";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const LOCATION_ID = "0193a0c4-2222-7000-8000-000000000001";
const FIRST_OPERATION = "0193a0c4-3333-4000-8000-000000000001";
const BOLT: StocktakeProduct = {
  productId: "0193a0c4-1111-7000-8000-000000000001",
  sku: "BOLT-M8",
  name: "Bolt M8",
  unit: "pcs",
  packSize: null,
  barcode: null,
  onHand: 40,
};
const NUT: StocktakeProduct = {
  productId: "0193a0c4-1111-7000-8000-000000000002",
  sku: "NUT-M8",
  name: "Nut M8",
  unit: "pcs",
  // Nuts come in bags of 100.
  packSize: 100,
  barcode: "4006381333931",
  onHand: 12,
};

type Action = (state: FormState<StocktakeSummaryView>, formData: FormData) => Promise<FormState<StocktakeSummaryView>>;

/** What the server answers to a refused submit: its field errors, and the values as they were sent. */
function refusal(formData: FormData, fieldErrors: Record<string, string[]>): FormState<StocktakeSummaryView> {
  const values: Record<string, string> = {};
  for (const [name, value] of formData.entries()) if (typeof value === "string") values[name] = value;
  return { ok: false, code: "VALIDATION", message: "Please correct the highlighted fields.", fieldErrors, values };
}

function recorded(formData: FormData): FormState<StocktakeSummaryView> {
  const lines = [BOLT, NUT]
    .filter((product) => String(formData.get(`count.${product.productId}`) ?? "").trim() !== "")
    .map((product) => {
      const counted = Number(formData.get(`count.${product.productId}`));
      return { ...product, before: product.onHand, counted, difference: counted - product.onHand };
    });
  const changed = lines.filter((line) => line.difference !== 0).length;
  return {
    ok: true,
    data: {
      location: { name: "Main warehouse" },
      lines,
      changed,
      unchanged: lines.length - changed,
      uncoveredOrders: [],
    },
  };
}

function renderForm(action: Action) {
  render(
    <StocktakeForm
      action={action}
      locationId={LOCATION_ID}
      operationId={FIRST_OPERATION}
      products={[BOLT, NUT]}
      draftScope={DRAFT_SCOPE}
      draftId={LOCATION_ID}
    />,
  );
  return { record: screen.getByRole("button", { name: "Record counts" }) };
}

async function submit(button: HTMLElement) {
  await act(async () => {
    fireEvent.click(button);
  });
}

const box = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(box(label), { target: { value } });

describe("StocktakeForm", () => {
  it("says beside each count box how it is counted: the unit, and how many one pack holds", () => {
    renderForm(vi.fn<Action>());
    expect(describedBy(box("Bolt M8"))).toBe("Unit: pcs.");
    expect(describedBy(box("Nut M8"))).toBe("Unit: pcs; a pack holds 100.");
  });

  it("refused, then corrected: the corrected counts are what is booked, as the same operation", async () => {
    const sent: FormData[] = [];
    const action = vi.fn<Action>(async (_state, formData) => {
      sent.push(formData);
      return sent.length === 1
        ? refusal(formData, { [`count.${NUT.productId}`]: ["Count: enter a whole number (no decimals or letters)."] })
        : recorded(formData);
    });
    const { record } = renderForm(action);

    type("Bolt M8", "38");
    type("Nut M8", "1O");
    type("Note (optional)", "Counted by Ana");
    await submit(record);

    expect(screen.getByText("Count: enter a whole number (no decimals or letters).")).toBeTruthy();
    expect(box("Bolt M8").value).toBe("38");
    expect(box("Nut M8").value).toBe("1O");
    expect(box("Note (optional)").value).toBe("Counted by Ana");

    type("Nut M8", "10");
    await submit(record);

    expect(action).toHaveBeenCalledTimes(2);
    const corrected = sent[1]!;
    expect(corrected.get(`count.${BOLT.productId}`)).toBe("38");
    expect(corrected.get(`count.${NUT.productId}`)).toBe("10");
    expect(corrected.get("note")).toBe("Counted by Ana");
    expect(corrected.get("locationId")).toBe(LOCATION_ID);
    expect(sent[0]!.get("operationId")).toBe(FIRST_OPERATION);
    expect(corrected.get("operationId")).toBe(FIRST_OPERATION);
    expect(screen.getByRole("status").textContent).toBe(
      "Stocktake recorded at Main warehouse: 2 counts changed the stock, 0 counts confirmed it.",
    );
  });

  it("after a success the boxes are empty and a recount is a new operation", async () => {
    const sent: FormData[] = [];
    const { record } = renderForm(
      vi.fn<Action>(async (_state, formData) => {
        sent.push(formData);
        return recorded(formData);
      }),
    );
    type("Bolt M8", "38");
    await submit(record);
    expect(box("Bolt M8").value).toBe("");
    type("Bolt M8", "39");
    await submit(record);

    expect(sent.map((formData) => formData.get(`count.${BOLT.productId}`))).toEqual(["38", "39"]);
    expect(sent[0]!.get("operationId")).toBe(FIRST_OPERATION);
    expect(sent[1]!.get("operationId")).toMatch(UUID_V4);
    expect(sent[1]!.get("operationId")).not.toBe(FIRST_OPERATION);
  });
});
