import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FormAction } from "@/components/ui/form-state";
import { describedBy } from "@/tests/helpers/described-by";
import { NO_ANSWER_OFFLINE } from "@/components/offline/network-failure";
import {
  droppingThenRecordingAction,
  echoFields,
  refusingThenRecordingAction,
  sentFields,
  submitWith,
} from "@/tests/helpers/form-actions";
import { LocationReorderPoints, type LocationPointSaved } from "./location-reorder-points";

afterEach(cleanup);

const PRODUCT = "0193a0c4-5555-7000-8000-000000000001";
const MAIN = "0193a0c4-5555-7000-8000-0000000000a1";
const ANNEX = "0193a0c4-5555-7000-8000-0000000000a2";
const YARD = "0193a0c4-5555-7000-8000-0000000000a3";
const BAY = "0193a0c4-5555-7000-8000-0000000000a4";

// As setLocationReorderPointAction refuses a point of 0 (lib/stock/set-location-reorder-point.ts) and echoes.
const REFUSED_ZERO = {
  code: "VALIDATION" as const,
  message: "Please correct the highlighted fields.",
  fieldErrors: { reorderPoint: ["Reorder point here: enter at least 1."] },
};
const echo = echoFields("locationId", "reorderPoint");

function renderPoints(action: Parameters<typeof LocationReorderPoints>[0]["action"]) {
  render(
    <LocationReorderPoints
      productId={PRODUCT}
      unit="each"
      stocked={[
        { locationId: MAIN, locationName: "Main", locationArchived: false, reorderPoint: null },
        { locationId: ANNEX, locationName: "Annex", locationArchived: false, reorderPoint: 25 },
      ]}
      others={[
        { id: YARD, name: "Yard" },
        { id: BAY, name: "Bay" },
      ]}
      action={action}
    />,
  );
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe("LocationReorderPoints", () => {
  it("shows each location's own point in a labelled field, with what it does", () => {
    renderPoints(vi.fn());
    expect(field("Reorder point at Main (each)").value).toBe("");
    expect(field("Reorder point at Annex (each)").value).toBe("25");
    expect(describedBy(field("Reorder point at Annex (each)"))).toBe(
      "Low here when the stock at this location is at or below it. Leave empty to clear it.",
    );
    // Clear is offered only where a point is set.
    expect(screen.queryByRole("button", { name: "Clear the reorder point at Main" })).toBeNull();
    expect(screen.getByRole("button", { name: "Clear the reorder point at Annex" })).toBeTruthy();
  });

  it("saves the corrected point after a refused 0, keeping what was typed in between", async () => {
    const fake = refusingThenRecordingAction<LocationPointSaved>({
      refusal: REFUSED_ZERO,
      echo,
      data: { locationName: "Main", reorderPoint: 5, onHand: 3, low: true },
    });
    renderPoints(fake.action);
    fireEvent.change(field("Reorder point at Main (each)"), { target: { value: "0" } });
    await submitWith(screen.getByRole("button", { name: "Save the reorder point at Main" }));

    expect(field("Reorder point at Main (each)").value).toBe("0");
    expect(describedBy(field("Reorder point at Main (each)"))).toContain("Reorder point here: enter at least 1.");
    // The other location's form is untouched by Main's refusal.
    expect(field("Reorder point at Annex (each)").value).toBe("25");
    fireEvent.change(field("Reorder point at Main (each)"), { target: { value: "5" } });
    await submitWith(screen.getByRole("button", { name: "Save the reorder point at Main" }));
    expect(fake.saved()).toEqual({ productId: PRODUCT, locationId: MAIN, reorderPoint: "5" });
    expect(screen.getByRole("status").textContent).toBe(
      "Reorder point at Main set to 5 each: low here now (3 each on hand).",
    );
  });

  it("clears a location's point with Clear", async () => {
    const action = vi.fn<FormAction<LocationPointSaved>>(async () => ({
      ok: true,
      data: { locationName: "Annex", reorderPoint: null, onHand: 20, low: false },
    }));
    renderPoints(action);
    await submitWith(screen.getByRole("button", { name: "Clear the reorder point at Annex" }));
    expect(sentFields(action.mock.calls[0]![1])).toMatchObject({
      productId: PRODUCT,
      locationId: ANNEX,
      intent: "clear",
    });
    expect(screen.getByRole("status").textContent).toBe(
      "Reorder point at Annex cleared: only the total is judged now.",
    );
  });

  it("sets a point where the product is not stocked yet: the location chosen survives a refused submit", async () => {
    const fake = refusingThenRecordingAction<LocationPointSaved>({
      refusal: REFUSED_ZERO,
      echo,
      data: { locationName: "Bay", reorderPoint: 4, onHand: 0, low: true },
    });
    renderPoints(fake.action);
    const form = screen.getByRole("form", { name: "Reorder point at another location" });
    const location = () => within(form).getByLabelText("Location") as HTMLSelectElement;
    const point = () => within(form).getByLabelText("Reorder point there (each)") as HTMLInputElement;
    expect(location().value).toBe(YARD);
    fireEvent.change(location(), { target: { value: BAY } });
    fireEvent.change(point(), { target: { value: "0" } });
    await submitWith(within(form).getByRole("button", { name: "Set reorder point" }));

    expect(location().value).toBe(BAY);
    expect(point().value).toBe("0");
    expect(point().getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(point(), { target: { value: "4" } });
    await submitWith(within(form).getByRole("button", { name: "Set reorder point" }));
    expect(fake.saved()).toEqual({ productId: PRODUCT, locationId: BAY, reorderPoint: "4" });
    expect(within(form).getByRole("status").textContent).toBe(
      "Reorder point at Bay set to 4 each: low here now (0 each on hand).",
    );
  });

  it("keeps the message when the page refreshes without the last location it was set at", async () => {
    const action = vi.fn<FormAction<LocationPointSaved>>(async () => ({
      ok: true,
      data: { locationName: "Bay", reorderPoint: 4, onHand: 0, low: true },
    }));
    const props = {
      productId: PRODUCT,
      unit: "each",
      stocked: [],
      action,
    };
    const { rerender } = render(<LocationReorderPoints {...props} others={[{ id: BAY, name: "Bay" }]} />);
    fireEvent.change(field("Reorder point there (each)"), { target: { value: "4" } });
    await submitWith(screen.getByRole("button", { name: "Set reorder point" }));
    // The action's page refresh: Bay is stocked now, and no location is left without stock.
    rerender(
      <LocationReorderPoints
        {...props}
        stocked={[{ locationId: BAY, locationName: "Bay", locationArchived: false, reorderPoint: 4 }]}
        others={[]}
      />,
    );
    expect(screen.queryByRole("form", { name: "Reorder point at another location" })).toBeNull();
    expect(screen.getByRole("status").textContent).toBe(
      "Reorder point at Bay set to 4 each: low here now (0 each on hand).",
    );
    expect(field("Reorder point at Bay (each)").value).toBe("4");
  });

  it("a point whose save the network drops stays as typed, and sent again is set once", async () => {
    const server = droppingThenRecordingAction<LocationPointSaved>({
      data: { locationName: "Annex", reorderPoint: 40, onHand: 31, low: true },
    });
    renderPoints(server.action);
    fireEvent.change(field("Reorder point at Annex (each)"), { target: { value: "40" } });
    await submitWith(screen.getByRole("button", { name: "Save the reorder point at Annex" }));

    // Not the error page: the typed point, not the stored 25, with why nothing happened and the button again.
    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
    expect(field("Reorder point at Annex (each)").value).toBe("40");
    expect(field("Reorder point at Main (each)").value).toBe("");
    const again = screen.getByRole("button", { name: "Save the reorder point at Annex" }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    expect(again.getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await submitWith(again);
    expect(server.received.map(sentFields)).toEqual([{ productId: PRODUCT, locationId: ANNEX, reorderPoint: "40" }]);
    expect(screen.getByRole("status").textContent).toBe(
      "Reorder point at Annex set to 40 each: low here now (31 each on hand).",
    );
  });

  it("a point at a location without stock, dropped on the way: the location chosen and the point stay", async () => {
    const server = droppingThenRecordingAction<LocationPointSaved>({
      data: { locationName: "Bay", reorderPoint: 6, onHand: 0, low: true },
    });
    renderPoints(server.action);
    const form = screen.getByRole("form", { name: "Reorder point at another location" });
    const location = () => within(form).getByLabelText("Location") as HTMLSelectElement;
    const point = () => within(form).getByLabelText("Reorder point there (each)") as HTMLInputElement;
    fireEvent.change(location(), { target: { value: BAY } });
    fireEvent.change(point(), { target: { value: "6" } });
    await submitWith(within(form).getByRole("button", { name: "Set reorder point" }));

    expect(within(form).getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
    expect([location().value, point().value]).toEqual([BAY, "6"]);
    await submitWith(within(form).getByRole("button", { name: "Set reorder point" }));
    expect(server.received.map(sentFields)).toEqual([{ productId: PRODUCT, locationId: BAY, reorderPoint: "6" }]);
  });
});
