import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/components/ui/form-state";
import type { OrderMoved } from "@/lib/orders/order-moved";
import type { OrderEvent } from "@/lib/orders/order-state-machine";
import { OrderActionPanel, type OrderActionSet, type OrderActionTarget } from "./order-action-panel";

// jsdom has <dialog> but not showModal/close: the browser's part (inert page, Escape) is covered in
// tests/e2e/decisions.spec.ts; here the dialog only opens and closes.
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

type Action = (state: FormState<OrderMoved>, formData: FormData) => Promise<FormState<OrderMoved>>;

const ORDER: OrderActionTarget = {
  id: "0f8fad5b-d9cb-469f-a165-70867728950e",
  number: 42,
  version: 3,
  type: "CUSTOMER_ORDER",
  status: "PENDING",
  // 3 each and 2 pair: said per unit, never "5 units".
  unitTotals: [
    { unit: "each", quantity: 3 },
    { unit: "pair", quantity: 2 },
  ],
  locationName: "Main",
};

const moved = (status: OrderMoved["status"]): FormState<OrderMoved> => ({
  ok: true,
  data: { id: ORDER.id, number: ORDER.number, status, version: ORDER.version + 1 },
});

function actionSet(overrides: Partial<OrderActionSet> = {}): OrderActionSet {
  return { approve: vi.fn(), reject: vi.fn(), fulfil: vi.fn(), cancel: vi.fn(), ...overrides };
}

function renderPanel(actions: OrderEvent[], serverActions = actionSet(), order: Partial<OrderActionTarget> = {}) {
  return render(<OrderActionPanel order={{ ...ORDER, ...order }} actions={actions} serverActions={serverActions} />);
}

const buttonNames = () => screen.queryAllByRole("button").map((button) => button.textContent);

async function click(element: HTMLElement) {
  await act(async () => {
    fireEvent.click(element);
  });
}

/** Opens an action's dialog from its button on the page; returns the dialog. */
async function openDialog(button: string, title: string) {
  await click(screen.getByRole("button", { name: button }));
  return screen.getByRole("dialog", { name: title });
}

describe("OrderActionPanel", () => {
  it("offers a manager the decision (approve, reject) in its own bar, and cancel, and nothing else", () => {
    renderPanel(["approve", "reject", "cancel"]);
    expect(buttonNames()).toEqual(["Approve", "Reject", "Cancel request"]);
    const bar = screen.getByRole("group", { name: "Decide REQ-000042" });
    expect(
      within(bar)
        .queryAllByRole("button")
        .map((b) => b.textContent),
    ).toEqual(["Approve", "Reject"]);
    expect(screen.queryByRole("link", { name: /Edit/ })).toBeNull();
    // Nothing is open until a button is pressed.
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("asks before fulfilling, saying what will move; 'Not now' closes it, sends nothing and returns focus", async () => {
    const fulfil = vi.fn<Action>();
    renderPanel(["fulfil", "cancel"], actionSet({ fulfil }), { status: "APPROVED" });
    const opener = screen.getByRole("button", { name: "Fulfil" });
    opener.focus();
    const dialog = await openDialog("Fulfil", "Fulfil REQ-000042?");
    expect(dialog.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(dialog.getAttribute("aria-describedby")!)?.textContent).toBe(
      "Ships 3 each and 2 pair from Main.",
    );
    await click(within(dialog).getByRole("button", { name: "Not now" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(fulfil).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(opener);
  });

  it("asks before cancelling an approved order, saying the reservation is released", async () => {
    const cancel = vi.fn<Action>();
    renderPanel(["fulfil", "cancel"], actionSet({ cancel }), { status: "APPROVED" });
    const dialog = await openDialog("Cancel request", "Cancel REQ-000042?");
    expect(within(dialog).getByText(/^Releases the 3 each and 2 pair reserved at Main\./)).toBeTruthy();
    await click(within(dialog).getByRole("button", { name: "Keep the request" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(cancel).not.toHaveBeenCalled();
  });

  it("closes when the browser closes the dialog (Escape)", async () => {
    renderPanel(["approve", "reject"]);
    const dialog = await openDialog("Approve", "Approve REQ-000042?");
    await act(async () => (dialog as HTMLDialogElement).close());
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("says a restock's fulfilment receives its stock", async () => {
    renderPanel(["fulfil"], actionSet(), {
      status: "APPROVED",
      type: "RESTOCK",
      unitTotals: [{ unit: "box", quantity: 40 }],
    });
    const dialog = await openDialog("Fulfil", "Fulfil REQ-000042?");
    expect(within(dialog).getByText("Receives 40 box into Main.")).toBeTruthy();
  });

  it("offers the requester edit (a link to the edit page) and cancel", () => {
    renderPanel(["cancel", "edit"]);
    expect(buttonNames()).toEqual(["Cancel request"]);
    expect(screen.queryByRole("group")).toBeNull();
    expect(screen.getByRole("link", { name: "Edit request" }).getAttribute("href")).toBe(`/requests/${ORDER.id}/edit`);
  });

  it("shows nothing when the viewer may do nothing", () => {
    const { container } = renderPanel([]);
    expect(buttonNames()).toEqual([]);
    expect(screen.queryByRole("link")).toBeNull();
    expect(container.querySelector("form")).toBeNull();
  });

  it("labels every note field, and the dialog puts the cursor in it", async () => {
    renderPanel(["approve", "reject", "cancel"]);
    let dialog = await openDialog("Approve", "Approve REQ-000042?");
    expect(within(dialog).getByText(/^Reserves 3 each and 2 pair at Main/)).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByLabelText("Note (optional)"));
    await click(within(dialog).getByRole("button", { name: "Not now" }));
    dialog = await openDialog("Reject", "Reject REQ-000042?");
    expect(document.activeElement).toBe(within(dialog).getByLabelText("Why is it rejected?"));
  });

  it("posts the request's id, the version on screen and the note, closes and says what happened", async () => {
    let sent: FormData | undefined;
    const approve = vi.fn<Action>(async (_state, formData) => {
      sent = formData;
      return moved("APPROVED");
    });
    renderPanel(["approve", "reject", "cancel"], actionSet({ approve }));
    const dialog = await openDialog("Approve", "Approve REQ-000042?");
    fireEvent.change(within(dialog).getByLabelText("Note (optional)"), { target: { value: "Go ahead" } });
    await click(within(dialog).getByRole("button", { name: "Approve" }));
    expect(approve).toHaveBeenCalledTimes(1);
    expect(sent?.get("orderId")).toBe(ORDER.id);
    expect(sent?.get("version")).toBe("3");
    expect(sent?.get("note")).toBe("Go ahead");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("REQ-000042 is approved.");
  });

  it("after a step that worked, focus waits on the panel's heading, not on the button the refreshed page removes", async () => {
    const approve = vi.fn<Action>(async () => moved("APPROVED"));
    const serverActions = actionSet({ approve });
    const { rerender } = renderPanel(["approve", "reject", "cancel"], serverActions);
    screen.getByRole("button", { name: "Approve" }).focus();
    const dialog = await openDialog("Approve", "Approve REQ-000042?");
    await click(within(dialog).getByRole("button", { name: "Approve" }));
    rerender(
      <OrderActionPanel
        order={{ ...ORDER, status: "APPROVED", version: 4 }}
        actions={["fulfil", "cancel"]}
        serverActions={serverActions}
      />,
    );
    expect(screen.queryByRole("button", { name: "Approve" })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "What happens next" }));
  });

  it("a dialog open when a live refresh takes its step away stays open; closed, it leaves focus on the main region", async () => {
    const { rerender } = render(
      <main id="main" tabIndex={-1}>
        <OrderActionPanel order={ORDER} actions={["approve", "reject"]} serverActions={actionSet()} />
      </main>,
    );
    screen.getByRole("button", { name: "Reject" }).focus();
    const dialog = await openDialog("Reject", "Reject REQ-000042?");
    // A live refresh while the dialog is open: someone else decided, the bar is gone.
    rerender(
      <main id="main" tabIndex={-1}>
        <OrderActionPanel order={ORDER} actions={["cancel"]} serverActions={actionSet()} />
      </main>,
    );
    // The dialog stays, with what was typed, until the person closes it.
    expect(screen.getByRole("dialog", { name: "Reject REQ-000042?" })).toBe(dialog);
    await act(async () => (dialog as HTMLDialogElement).close());
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("main"));
  });

  it("a rejection refused for its note says so beside the field, keeps the text, and the corrected one goes out", async () => {
    const notes: string[] = [];
    const reject = vi.fn<Action>(async (_state, formData) => {
      const note = String(formData.get("note"));
      notes.push(note);
      if (note.trim().length < 3) {
        return {
          ok: false,
          code: "VALIDATION",
          message: "Please correct the highlighted fields.",
          fieldErrors: { note: ["Note: say why the request is rejected (at least 3 characters)."] },
          values: { note },
        };
      }
      return moved("REJECTED");
    });
    renderPanel(["approve", "reject"], actionSet({ reject }));
    const dialog = await openDialog("Reject", "Reject REQ-000042?");
    fireEvent.change(within(dialog).getByLabelText("Why is it rejected?"), { target: { value: "no" } });
    await click(within(dialog).getByRole("button", { name: "Reject" }));
    // Still open, the text kept, the error read with the field.
    const note = within(screen.getByRole("dialog")).getByLabelText("Why is it rejected?") as HTMLTextAreaElement;
    expect(note.value).toBe("no");
    expect(note.getAttribute("aria-invalid")).toBe("true");
    const errorId = note
      .getAttribute("aria-describedby")
      ?.split(" ")
      .find((id) => id.endsWith("-error"));
    expect(document.getElementById(errorId!)?.textContent).toBe(
      "Note: say why the request is rejected (at least 3 characters).",
    );
    expect(screen.queryByRole("alert")).toBeNull();

    fireEvent.change(note, { target: { value: "no budget this month" } });
    await click(within(screen.getByRole("dialog")).getByRole("button", { name: "Reject" }));
    expect(notes).toEqual(["no", "no budget this month"]);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("status").textContent).toBe("REQ-000042 is rejected.");
  });

  it("shows a pending button while the action runs", async () => {
    let finish: (state: FormState<OrderMoved>) => void = () => {};
    const fulfil = vi.fn<Action>(() => new Promise((resolve) => (finish = resolve)));
    renderPanel(["fulfil", "cancel"], actionSet({ fulfil }), { status: "APPROVED" });
    const dialog = await openDialog("Fulfil", "Fulfil REQ-000042?");
    await click(within(dialog).getByRole("button", { name: "Fulfil" }));
    const pending = within(dialog).getByRole("button", { name: /Fulfilling…/ }) as HTMLButtonElement;
    expect(pending.disabled).toBe(true);
    expect(pending.getAttribute("aria-busy")).toBe("true");
    await act(async () => finish(moved("FULFILLED")));
    expect(screen.getByRole("status").textContent).toBe("REQ-000042 is fulfilled: the stock has moved.");
  });

  it("keeps saying what happened once the refreshed page leaves no action to take", async () => {
    const fulfil = vi.fn<Action>(async () => moved("FULFILLED"));
    const serverActions = actionSet({ fulfil });
    const { rerender } = renderPanel(["fulfil", "cancel"], serverActions, { status: "APPROVED" });
    const dialog = await openDialog("Fulfil", "Fulfil REQ-000042?");
    await click(within(dialog).getByRole("button", { name: "Fulfil" }));
    rerender(
      <OrderActionPanel
        order={{ ...ORDER, status: "FULFILLED", version: 5 }}
        actions={[]}
        serverActions={serverActions}
      />,
    );
    expect(buttonNames()).toEqual([]);
    expect(screen.getByRole("status").textContent).toBe("REQ-000042 is fulfilled: the stock has moved.");
  });

  it("shows a decision someone made first in the server's words, in the dialog, with a way to reload", async () => {
    const message =
      "Already approved by Maria Manager at 24 Nov 2026, 14:05 (Europe/Berlin): REQ-000042 changed after you opened it. Reload the page to see it as it is now.";
    const reject = vi.fn<Action>(async () => ({ ok: false, code: "CONFLICT", message, values: { note: "Too late" } }));
    renderPanel(["approve", "reject", "cancel"], actionSet({ reject }));
    const dialog = await openDialog("Reject", "Reject REQ-000042?");
    fireEvent.change(within(dialog).getByLabelText("Why is it rejected?"), { target: { value: "Too late" } });
    await click(within(dialog).getByRole("button", { name: "Reject" }));
    const open = screen.getByRole("dialog");
    expect(within(open).getByRole("alert").textContent).toBe(message);
    expect(within(open).getByRole("link", { name: "Reload this request" }).getAttribute("href")).toBe(
      `/requests/${ORDER.id}`,
    );
    expect(screen.getAllByRole("alert")).toHaveLength(1);
  });

  it("keeps saying who decided first once the refreshed page no longer offers the decision", async () => {
    const message =
      "Already approved by Maria Manager at 24 Nov 2026, 14:05 (Europe/Berlin): REQ-000042 changed after you opened it. Reload the page to see it as it is now.";
    const approve = vi.fn<Action>(async () => ({ ok: false, code: "CONFLICT", message }));
    const serverActions = actionSet({ approve });
    const { rerender } = renderPanel(["approve", "reject", "cancel"], serverActions);
    const dialog = await openDialog("Approve", "Approve REQ-000042?");
    await click(within(dialog).getByRole("button", { name: "Approve" }));
    // The refusal refreshed the page: the request is approved, so approve and reject are gone with their dialogs.
    rerender(
      <OrderActionPanel
        order={{ ...ORDER, status: "APPROVED", version: 4 }}
        actions={["fulfil", "cancel"]}
        serverActions={serverActions}
      />,
    );
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("alert").textContent).toBe(message);
    expect(screen.getByRole("link", { name: "Reload this request" })).toBeTruthy();
  });

  it("shows a shortage refusal as the server wrote it", async () => {
    const message = "Not enough Blue widget (BW-1) at Main: 3 available, 5 needed.";
    const approve = vi.fn<Action>(async () => ({ ok: false, code: "INSUFFICIENT_STOCK", message }));
    renderPanel(["approve", "reject", "cancel"], actionSet({ approve }));
    const dialog = await openDialog("Approve", "Approve REQ-000042?");
    await click(within(dialog).getByRole("button", { name: "Approve" }));
    expect(screen.getByRole("alert").textContent).toBe(message);
    expect(screen.queryByRole("link", { name: "Reload this request" })).toBeNull();
  });
});
