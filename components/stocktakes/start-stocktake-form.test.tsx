import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { describedBy } from "@/tests/helpers/described-by";
import { NO_ANSWER_OFFLINE } from "@/components/offline/network-failure";
import {
  droppingThenRecordingAction,
  refusingThenRecordingAction,
  sentFields,
  submitWith,
} from "@/tests/helpers/form-actions";
import { StartStocktakeForm } from "./start-stocktake-form";

afterEach(cleanup);

const MAIN = { id: "0193a0c4-2222-7000-8000-000000000001", name: "Main warehouse" };
const VAN = { id: "0193a0c4-2222-7000-8000-000000000002", name: "Van 1" };

describe("StartStocktakeForm", () => {
  it("refused for a threshold, then corrected: the location, the blind choice and both thresholds are what is sent", async () => {
    const { action, saved } = refusingThenRecordingAction<{ id: string }>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { recountPercent: ["Percent: enter at most 1,000."] },
      },
      data: { id: "0193a0c4-5555-7000-8000-000000000001" },
    });
    render(<StartStocktakeForm action={action} locations={[MAIN, VAN]} defaultLocationId={MAIN.id} />);
    fireEvent.change(screen.getByLabelText("Location"), { target: { value: VAN.id } });
    fireEvent.click(screen.getByLabelText("Blind count"));
    fireEvent.change(screen.getByLabelText("More than this many units"), { target: { value: "5" } });
    const percent = screen.getByLabelText("More than this % of what was expected") as HTMLInputElement;
    fireEvent.change(percent, { target: { value: "5000" } });
    await submitWith(screen.getByRole("button", { name: "Start stocktake" }));

    expect(describedBy(percent)).toBe("Percent: enter at most 1,000.");
    expect((screen.getByLabelText("Location") as HTMLSelectElement).value).toBe(VAN.id);
    expect((screen.getByLabelText("Blind count") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("More than this many units") as HTMLInputElement).value).toBe("5");

    fireEvent.change(percent, { target: { value: "10" } });
    await submitWith(screen.getByRole("button", { name: "Start stocktake" }));
    expect(saved()).toEqual({ locationId: VAN.id, blind: "on", recountUnits: "5", recountPercent: "10" });
  });

  it("a start the network drops keeps the location, the blind choice and the thresholds, and sent again starts once", async () => {
    const server = droppingThenRecordingAction<{ id: string }>({
      data: { id: "0193a0c4-5555-7000-8000-000000000002" },
    });
    render(<StartStocktakeForm action={server.action} locations={[MAIN, VAN]} defaultLocationId={MAIN.id} />);
    fireEvent.change(screen.getByLabelText("Location"), { target: { value: VAN.id } });
    fireEvent.click(screen.getByLabelText("Blind count"));
    fireEvent.change(screen.getByLabelText("More than this many units"), { target: { value: "3" } });
    fireEvent.change(screen.getByLabelText("More than this % of what was expected"), { target: { value: "15" } });
    await submitWith(screen.getByRole("button", { name: "Start stocktake" }));

    // Not the error page: the form as it was, why nothing happened, and a button to press again.
    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
    expect((screen.getByLabelText("Location") as HTMLSelectElement).value).toBe(VAN.id);
    expect((screen.getByLabelText("Blind count") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("More than this many units") as HTMLInputElement).value).toBe("3");
    expect((screen.getByLabelText("More than this % of what was expected") as HTMLInputElement).value).toBe("15");
    const again = screen.getByRole("button", { name: "Start stocktake" }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    expect(again.getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await submitWith(again);
    expect(server.received.map(sentFields)).toEqual([
      { locationId: VAN.id, blind: "on", recountUnits: "3", recountPercent: "15" },
    ]);
  });
});
