import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { NO_ANSWER_OFFLINE_PRESSED } from "@/components/offline/network-failure";
import { droppingThenRecordingAction, sentFields } from "@/tests/helpers/form-actions";
import type { StocktakeBooked } from "@/lib/stocktakes/book-stocktake";
import type { StocktakeCancelled } from "@/lib/stocktakes/cancel-stocktake";
import type { StocktakeFinished } from "@/lib/stocktakes/finish-stocktake";
import { StocktakeSteps, type StocktakeStepActions, type StocktakeStepTarget } from "./stocktake-steps";

// jsdom has <dialog> but not showModal/close: here the dialog only opens and closes.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute("open", "");
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute("open");
    this.dispatchEvent(new Event("close"));
  };
});

afterEach(cleanup);

const TARGET: StocktakeStepTarget = {
  id: "0193a5b0-7c1e-7a00-8000-000000000401",
  number: 12,
  version: 5,
  locationName: "Back room",
  blind: false,
  progress: { lines: 3, counted: 3, recountRequested: 0 },
  threshold: "a difference of more than 5 units",
};
const OPERATION_ID = "5b0c9e1a-3f2d-4c8b-9a7e-6d5f4e3c2b1a";

const FINISHED: StocktakeFinished = {
  id: TARGET.id,
  number: 12,
  version: 6,
  counted: 3,
  notCounted: 0,
  flagged: 0,
  flaggedLines: [],
};
const BOOKED: StocktakeBooked = {
  id: TARGET.id,
  number: 12,
  version: 6,
  changed: 1,
  unchanged: 2,
  floored: [],
  short: [],
};
const CANCELLED: StocktakeCancelled = { id: TARGET.id, number: 12, version: 6 };

async function click(element: HTMLElement) {
  await act(async () => {
    fireEvent.click(element);
  });
}

function renderSteps(step: keyof StocktakeStepActions, action: StocktakeStepActions[typeof step]) {
  const actions = { finish: vi.fn(), book: vi.fn(), cancel: vi.fn(), [step]: action } as StocktakeStepActions;
  render(<StocktakeSteps target={TARGET} steps={[step]} actions={actions} bookOperationId={OPERATION_ID} />);
}

describe("StocktakeSteps", () => {
  it.each([
    [
      "finish",
      "Finish counting",
      FINISHED,
      { stocktakeId: TARGET.id, version: "5" },
      "Counting on ST-000012 finished: 3 products counted. Nothing needs a recount: it is ready to book.",
    ],
    [
      "book",
      "Book stocktake",
      BOOKED,
      { stocktakeId: TARGET.id, version: "5", operationId: OPERATION_ID },
      "ST-000012 is booked: 1 count changed the stock, 2 counts confirmed it.",
    ],
    [
      "cancel",
      "Cancel stocktake",
      CANCELLED,
      { stocktakeId: TARGET.id, version: "5" },
      "ST-000012 is cancelled: nothing was booked.",
    ],
  ] as const)(
    "%s: a step the network drops keeps its dialog open saying so, and sent again sends the same step once",
    async (step, label, data, sent, success) => {
      const server = droppingThenRecordingAction<typeof data>({ data });
      renderSteps(step, server.action as StocktakeStepActions[typeof step]);
      await click(screen.getByRole("button", { name: label }));
      const dialog = screen.getByRole("dialog");
      await click(within(dialog).getByRole("button", { name: label }));

      expect(screen.getByRole("dialog")).toBe(dialog);
      expect(within(dialog).getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE_PRESSED);
      const again = within(dialog).getByRole("button", { name: label }) as HTMLButtonElement;
      expect(again.disabled).toBe(false);
      expect(again.getAttribute("aria-busy")).toBeNull();
      expect(server.received).toHaveLength(0);

      await click(again);
      expect(server.received.map(sentFields)).toEqual([sent]);
      expect(screen.queryByRole("dialog")).toBeNull();
      expect(screen.getAllByRole("status")[0]!.textContent).toBe(success);
    },
  );
});
