import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { draftKey, readDraft, writeDraft } from "@/components/offline/device-draft-storage";
import type { FormState } from "@/components/ui/form-state";
import type { StocktakeCounted } from "@/lib/stocktakes/count-stocktake-line";
import type { StocktakeLineRow } from "@/lib/stocktakes/get-stocktake";
import { describedBy } from "@/tests/helpers/described-by";
import { DRAFT_SCOPE, refusingThenRecordingAction, submitWith, UUID_V4 } from "@/tests/helpers/form-actions";
import { countedMessage, StocktakeCounter } from "./stocktake-counter";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const STOCKTAKE = "0193a0c4-5555-7000-8000-000000000001";
const FIRST_OPERATION = "0193a0c4-3333-4000-8000-000000000001";

function line(overrides: Partial<StocktakeLineRow>): StocktakeLineRow {
  return {
    productId: "0193a0c4-1111-7000-8000-000000000001",
    sku: "GL-L",
    name: "Safety Gloves",
    unit: "pair",
    packSize: null,
    barcode: null,
    archived: false,
    onList: true,
    counted: null,
    countHidden: false,
    countedBy: null,
    countedAt: null,
    recount: "NONE",
    expected: null,
    difference: null,
    onHand: null,
    booked: null,
    countable: true,
    ...overrides,
  };
}

const GLOVES = line({});
const BOXES = line({
  productId: "0193a0c4-1111-7000-8000-000000000002",
  sku: "BX-25",
  name: "Shipping boxes",
  unit: "each",
  packSize: 25,
});

const saved = (counted: number): StocktakeCounted => ({
  stocktakeId: STOCKTAKE,
  number: 3,
  product: { id: BOXES.productId, sku: BOXES.sku, name: BOXES.name, unit: BOXES.unit },
  counted,
  countedAt: "2026-12-14T10:00:00.000Z",
  recount: false,
  replaced: null,
  expected: null,
  difference: null,
});

function renderCounter(
  action: (state: FormState<StocktakeCounted>, formData: FormData) => Promise<FormState<StocktakeCounted>>,
  lines: StocktakeLineRow[] = [GLOVES, BOXES],
  recounting = false,
) {
  render(
    <StocktakeCounter
      stocktakeId={STOCKTAKE}
      recounting={recounting}
      action={action}
      operationId={FIRST_OPERATION}
      lines={lines}
      draftScope={DRAFT_SCOPE}
    />,
  );
}

const countBox = (name: string) => screen.getByLabelText(`Count of ${name}`) as HTMLInputElement;

describe("StocktakeCounter", () => {
  it("a refused count, then the corrected one: the product and what was typed stay, and the same count is saved once", async () => {
    const {
      action,
      submissions,
      saved: savedFields,
    } = refusingThenRecordingAction<StocktakeCounted>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { counted: ["Count: enter a whole number (no decimals or letters)."] },
      },
      data: saved(50),
    });
    renderCounter(action);
    fireEvent.click(screen.getByRole("button", { name: "Count Shipping boxes" }));
    // The count box says how the product is counted, and takes the focus.
    expect(describedBy(countBox("Shipping boxes"))).toBe(
      "Everything on the shelf, in each. Unit: each; a pack holds 25.",
    );
    expect(document.activeElement).toBe(countBox("Shipping boxes"));
    fireEvent.change(countBox("Shipping boxes"), { target: { value: "2 boxes" } });
    await submitWith(screen.getByRole("button", { name: "Save count" }));

    // Refused: still counting the boxes, with what was typed and why it was refused beside it.
    const form = screen.getByRole("form", { name: "Count Shipping boxes" });
    expect(countBox("Shipping boxes").value).toBe("2 boxes");
    expect(countBox("Shipping boxes").getAttribute("aria-invalid")).toBe("true");
    expect(describedBy(countBox("Shipping boxes"))).toContain("Count: enter a whole number");
    const first = submissions[0]!;
    expect(first.get("operationId")).toBe(FIRST_OPERATION);

    fireEvent.change(countBox("Shipping boxes"), { target: { value: "50" } });
    // Editing the refused box takes its error away.
    expect(countBox("Shipping boxes").getAttribute("aria-invalid")).toBeNull();
    await submitWith(within(form).getByRole("button", { name: "Save count" }));
    expect(savedFields()).toEqual({
      stocktakeId: STOCKTAKE,
      productId: BOXES.productId,
      operationId: FIRST_OPERATION,
      counted: "50",
    });
    // Saved: said, and the panel is ready for the next product; the next count is a new operation.
    expect(screen.getByRole("status").textContent).toBe("Saved: 50 each of Shipping boxes (BX-25).");
    expect(screen.queryByRole("form", { name: /^Count / })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Count Safety Gloves" }));
    fireEvent.change(countBox("Safety Gloves"), { target: { value: "4" } });
    await submitWith(screen.getByRole("button", { name: "Save count" }));
    const third = submissions[2]!;
    expect(third.get("productId")).toBe(GLOVES.productId);
    expect(third.get("operationId")).toMatch(UUID_V4);
    expect(third.get("operationId")).not.toBe(FIRST_OPERATION);
  });

  it("a code typed (or scanned) opens its product for counting; an unknown code says so", async () => {
    const fetched: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        fetched.push(url);
        const code = new URL(url, "http://app.test").searchParams.get("code");
        const products =
          code === "2000000000015"
            ? [{ ...BOXES, matchedBy: "barcode", archived: false, onList: false, counted: null, countedBy: null }]
            : [];
        return new Response(JSON.stringify({ code, products }), { headers: { "content-type": "application/json" } });
      }),
    );
    const action = vi.fn();
    renderCounter(action);
    const code = screen.getByLabelText("Or type a barcode or SKU");
    fireEvent.change(code, { target: { value: "999" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Find" }));
    });
    expect(screen.getByText(/No product has the code “999”/)).toBeTruthy();

    fireEvent.change(code, { target: { value: "2000000000015" } });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Find" }));
    });
    expect(fetched.at(-1)).toBe(`/api/stocktakes/${STOCKTAKE}/products?code=2000000000015`);
    expect(screen.getByRole("form", { name: "Count Shipping boxes" })).toBeTruthy();
    expect(document.activeElement).toBe(countBox("Shipping boxes"));
    expect(action).not.toHaveBeenCalled();
  });

  it("while recounting, only flagged lines are offered, and a blind line's first count is not shown", () => {
    renderCounter(
      vi.fn(),
      [
        line({ counted: null, countHidden: true, countedBy: "Stan", recount: "REQUESTED" }),
        line({ ...BOXES, counted: 50, countedBy: "Stan", countable: false }),
      ],
      true,
    );
    expect(screen.getByRole("heading", { name: "Recount a flagged product" })).toBeTruthy();
    const list = screen.getByRole("list", { name: "Products on this stocktake" });
    expect(within(list).getByText(/To recount \(counted by Stan\)/)).toBeTruthy();
    expect(within(list).getByRole("button", { name: "Recount Safety Gloves" })).toBeTruthy();
    expect(within(list).queryByRole("button", { name: /Shipping boxes/ })).toBeNull();
    expect(within(list).getByText(/Counted: 50 each by Stan/)).toBeTruthy();
  });
});

describe("StocktakeCounter on the device", () => {
  it("a dropped connection keeps the product and the count, says nothing was sent, and the retry is the same count", async () => {
    const sent: FormData[] = [];
    const action = vi.fn(async (_state: FormState<StocktakeCounted>, formData: FormData) => {
      sent.push(formData);
      if (sent.length === 1) throw new TypeError("Failed to fetch");
      return { ok: true as const, data: saved(50) };
    });
    render(
      <StocktakeCounter
        stocktakeId={STOCKTAKE}
        recounting={false}
        action={action}
        operationId={FIRST_OPERATION}
        lines={[BOXES]}
        draftScope={DRAFT_SCOPE}
      />,
      { onCaughtError: vi.fn() },
    );
    fireEvent.click(screen.getByRole("button", { name: "Count Shipping boxes" }));
    fireEvent.change(countBox("Shipping boxes"), { target: { value: "50" } });
    await submitWith(screen.getByRole("button", { name: "Save count" }));

    expect(await screen.findByText(/^You're offline — nothing was sent\./)).toBeTruthy();
    expect(countBox("Shipping boxes").value).toBe("50");
    await submitWith(screen.getByRole("button", { name: "Save count" }));
    expect(sent).toHaveLength(2);
    expect(sent[1]!.get("operationId")).toBe(FIRST_OPERATION);
    expect(sent[1]!.get("productId")).toBe(BOXES.productId);
    expect(sent[1]!.get("counted")).toBe("50");
  });

  it("a reload brings back the count being typed, with its operation id", async () => {
    const key = draftKey(DRAFT_SCOPE, "stocktake-count", STOCKTAKE);
    writeDraft(key, {
      operationId: "0193a0c4-3333-4000-8000-000000000009",
      productId: BOXES.productId,
      sku: BOXES.sku,
      name: BOXES.name,
      unit: BOXES.unit,
      packSize: "25",
      recount: "",
      counted: "48",
    });
    const { action, saved: savedFields } = refusingThenRecordingAction<StocktakeCounted>({
      refusal: { code: "BUSY", message: "StockFlow is too busy to finish this right now." },
      data: saved(48),
    });
    renderCounter(action, [BOXES]);
    expect(await screen.findByText("Draft restored from this device.")).toBeTruthy();
    expect(countBox("Shipping boxes").value).toBe("48");
    expect(describedBy(countBox("Shipping boxes"))).toContain("a pack holds 25");
    await submitWith(screen.getByRole("button", { name: "Save count" }));
    await submitWith(screen.getByRole("button", { name: "Save count" }));
    expect(savedFields()).toMatchObject({ operationId: "0193a0c4-3333-4000-8000-000000000009", counted: "48" });
    // Saved: the draft is gone from the device.
    expect(readDraft(key)).toBeNull();
  });
});

describe("countedMessage", () => {
  it("says what was saved, against what the books held where that may be shown, and whose count it replaced", () => {
    expect(countedMessage(saved(50))).toBe("Saved: 50 each of Shipping boxes (BX-25).");
    expect(
      countedMessage({ ...saved(12), expected: 10, difference: 2, replaced: { by: "Stan Staff", counted: 11 } }),
    ).toBe("Saved: 12 each of Shipping boxes (BX-25) — expected 10, +2. It replaced Stan Staff's count of 11.");
    expect(countedMessage({ ...saved(9), recount: true, replaced: { by: "you", counted: null } })).toBe(
      "Recount saved: 9 each of Shipping boxes (BX-25). It replaced your first count.",
    );
  });
});
