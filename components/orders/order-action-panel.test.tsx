import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { Component, type ReactNode } from "react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/components/ui/form-state";
import { NO_ANSWER_OFFLINE } from "@/components/offline/network-failure";
import {
  echoFields,
  refusingThenRecordingAction,
  sentFields,
  submitWith,
  type Refusal,
} from "@/tests/helpers/form-actions";
import type { OrderMoved } from "@/lib/orders/order-moved";
import type { OrderEvent } from "@/lib/orders/order-state-machine";
import {
  OrderActionPanel,
  type OrderActionLine,
  type OrderActionSet,
  type OrderActionTarget,
} from "./order-action-panel";

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

const HAMMER = "5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c01";
const GLOVES = "5b0c1c2e-4d7a-4f7e-9a51-2f9a3f7d1c02";

// A pending customer order at Main for 3 claw hammers (each) and 2 pairs of gloves (pair, in packs of 6), with 10
// hammers and 1 pair of gloves available there.
const LINES: OrderActionLine[] = [
  {
    productId: HAMMER,
    name: "Claw hammer",
    sku: "HAM-1",
    unit: "each",
    packSize: null,
    quantity: 3,
    approvedQuantity: null,
    outstanding: 0,
    fulfilNow: 0,
    onHand: 10,
    available: 10,
  },
  {
    productId: GLOVES,
    name: "Safety gloves",
    sku: "SG-L",
    unit: "pair",
    packSize: 6,
    quantity: 2,
    approvedQuantity: null,
    outstanding: 0,
    fulfilNow: 0,
    onHand: 1,
    available: 1,
  },
];

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
  // Nothing is approved yet, so nothing is still to come.
  outstandingTotals: [],
  locationName: "Main",
  lines: LINES,
};

/**
 * The order approved as requested: everything still to come. What ships now by default is what is on hand, so all
 * 3 hammers but only 1 of the 2 pairs of gloves.
 */
const APPROVED: Partial<OrderActionTarget> = {
  status: "APPROVED",
  outstandingTotals: ORDER.unitTotals,
  lines: [
    { ...LINES[0]!, approvedQuantity: 3, outstanding: 3, fulfilNow: 3 },
    { ...LINES[1]!, approvedQuantity: 2, outstanding: 2, fulfilNow: 1 },
  ],
};

const moved = (status: OrderMoved["status"]): FormState<OrderMoved> => ({
  ok: true,
  data: { id: ORDER.id, number: ORDER.number, status, version: ORDER.version + 1 },
});

function actionSet(overrides: Partial<OrderActionSet> = {}): OrderActionSet {
  return { approve: vi.fn(), reject: vi.fn(), fulfil: vi.fn(), close: vi.fn(), cancel: vi.fn(), ...overrides };
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
    renderPanel(["fulfil", "cancel"], actionSet({ fulfil }), APPROVED);
    const opener = screen.getByRole("button", { name: "Fulfil" });
    opener.focus();
    const dialog = await openDialog("Fulfil", "Fulfil REQ-000042?");
    expect(dialog.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(dialog.getAttribute("aria-describedby")!)?.textContent).toBe(
      "Still to ship from Main: 3 each and 2 pair. Whatever does not ship now stays open as a backorder, to ship later or close with a reason.",
    );
    await click(within(dialog).getByRole("button", { name: "Not now" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(fulfil).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(opener);
  });

  it("asks before cancelling an approved order, saying the reservation is released", async () => {
    const cancel = vi.fn<Action>();
    renderPanel(["fulfil", "cancel"], actionSet({ cancel }), APPROVED);
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
    const box = { unit: "box", quantity: 40 };
    renderPanel(["fulfil"], actionSet(), {
      status: "APPROVED",
      type: "RESTOCK",
      unitTotals: [box],
      outstandingTotals: [box],
      lines: [{ ...LINES[0]!, unit: "box", quantity: 40, approvedQuantity: 40, outstanding: 40, fulfilNow: 40 }],
    });
    const dialog = await openDialog("Fulfil", "Fulfil REQ-000042?");
    expect(within(dialog).getByText(/^Still to receive into Main: 40 box\. Whatever is not received now/)).toBeTruthy();
    // A restock receives what arrives: the field is "Receive now", from everything still expected.
    const field = within(within(dialog).getByRole("group", { name: "Receive now" })).getByLabelText(/Claw hammer/);
    expect((field as HTMLInputElement).value).toBe("40");
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
    expect(
      within(dialog).getByText(/^Reserves what you approve at Main for this order \(as requested: 3 each and 2 pair\)/),
    ).toBeTruthy();
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
        order={{ ...ORDER, ...APPROVED, version: 4 }}
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
    renderPanel(["fulfil", "cancel"], actionSet({ fulfil }), APPROVED);
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
    const { rerender } = renderPanel(["fulfil", "cancel"], serverActions, APPROVED);
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
        order={{ ...ORDER, ...APPROVED, version: 4 }}
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

  describe("approving lower quantities", () => {
    const hammer = `quantities.${HAMMER}`;
    const gloves = `quantities.${GLOVES}`;
    // The page's action echoes the note and every quantity it was sent (app/(app)/requests/actions.ts).
    const echo = echoFields("note", hammer, gloves);
    const quantityFields = (dialog: HTMLElement) => {
      const group = within(dialog).getByRole("group", { name: "Quantities to approve" });
      return {
        hammer: within(group).getByLabelText(/Claw hammer/) as HTMLInputElement,
        gloves: within(group).getByLabelText(/Safety gloves/) as HTMLInputElement,
      };
    };
    const errorOf = (field: HTMLElement) =>
      document.getElementById(
        field
          .getAttribute("aria-describedby")!
          .split(" ")
          .find((id) => id.endsWith("-error"))!,
      )?.textContent;

    it("approves as requested with one tap and a confirm: no quantities are sent", async () => {
      let sent: FormData | undefined;
      const approve = vi.fn<Action>(async (_state, formData) => {
        sent = formData;
        return moved("APPROVED");
      });
      renderPanel(["approve", "reject"], actionSet({ approve }));
      const dialog = await openDialog("Approve", "Approve REQ-000042?");
      const toggle = within(dialog).getByRole("button", { name: "Change quantities" });
      expect(toggle.getAttribute("aria-expanded")).toBe("false");
      expect(within(dialog).queryByRole("spinbutton")).toBeNull();
      await click(within(dialog).getByRole("button", { name: "Approve" }));
      expect([...sent!.keys()].filter((name) => name.startsWith("quantities."))).toEqual([]);
      expect(screen.getByRole("status").textContent).toBe("REQ-000042 is approved.");
    });

    it("offers one field per line, from what was requested, saying so with its unit and pack", async () => {
      renderPanel(["approve", "reject"]);
      const dialog = await openDialog("Approve", "Approve REQ-000042?");
      await click(within(dialog).getByRole("button", { name: "Change quantities" }));
      expect(within(dialog).getByRole("button", { name: "Change quantities" }).getAttribute("aria-expanded")).toBe(
        "true",
      );
      const { hammer: hammers, gloves: pairs } = quantityFields(dialog);
      expect([hammers.value, hammers.min, hammers.max]).toEqual(["3", "0", "3"]);
      expect([pairs.value, pairs.min, pairs.max]).toEqual(["2", "0", "2"]);
      expect(hammers.name).toBe(hammer);
      const hint = (field: HTMLElement) =>
        document.getElementById(field.getAttribute("aria-describedby")!.split(" ")[0]!)?.textContent;
      expect(hint(hammers)).toBe("Requested 3. 10 available at Main. Unit: each.");
      expect(hint(pairs)).toBe("Requested 2. 1 available at Main. Unit: pair; a pack holds 6.");
      // The note is now required when a quantity goes down.
      expect(within(dialog).getByLabelText("Note (required if you lower a quantity)")).toBeTruthy();
    });

    it("a lowered quantity refused for want of a note keeps the mode and the quantities; the corrected one sends what is shown", async () => {
      const server = refusingThenRecordingAction<OrderMoved>({
        refusal: {
          code: "VALIDATION",
          message: "Say why the quantities changed.",
          fieldErrors: { note: ["Say why the quantities changed: the requester reads it."] },
        },
        echo,
        data: { id: ORDER.id, number: ORDER.number, status: "APPROVED", version: ORDER.version + 1 },
      });
      renderPanel(["approve", "reject"], actionSet({ approve: server.action }));
      let dialog = await openDialog("Approve", "Approve REQ-000042?");
      await click(within(dialog).getByRole("button", { name: "Change quantities" }));
      // Only 1 pair of gloves is available: approve 1 of the 2.
      fireEvent.change(quantityFields(dialog).gloves, { target: { value: "1" } });
      await submitWith(within(dialog).getByRole("button", { name: "Approve" }));

      expect(sentFields(server.submissions[0]!)).toMatchObject({ [hammer]: "3", [gloves]: "1", note: "" });
      dialog = screen.getByRole("dialog", { name: "Approve REQ-000042?" });
      expect(within(dialog).getByRole("button", { name: "Change quantities" }).getAttribute("aria-expanded")).toBe(
        "true",
      );
      expect(quantityFields(dialog).hammer.value).toBe("3");
      expect(quantityFields(dialog).gloves.value).toBe("1");
      const note = within(dialog).getByLabelText("Note (required if you lower a quantity)");
      expect(note.getAttribute("aria-invalid")).toBe("true");
      expect(errorOf(note)).toBe("Say why the quantities changed: the requester reads it.");
      // Taken to the problem.
      expect(document.activeElement).toBe(note);

      fireEvent.change(note, { target: { value: "Only one pair left until Friday" } });
      await submitWith(within(dialog).getByRole("button", { name: "Approve" }));
      expect(server.saved()).toMatchObject({
        orderId: ORDER.id,
        version: "3",
        [hammer]: "3",
        [gloves]: "1",
        note: "Only one pair left until Friday",
      });
      expect(screen.queryByRole("dialog")).toBeNull();
      expect(screen.getByRole("status").textContent).toBe("REQ-000042 is approved.");
    });

    it("a refused approval closed and opened again still shows the quantities typed", async () => {
      const approve = vi.fn<Action>(async (_state, formData) => ({
        ok: false,
        code: "VALIDATION",
        message: "Say why the quantities changed.",
        fieldErrors: { note: ["Say why the quantities changed: the requester reads it."] },
        values: echo(formData),
      }));
      renderPanel(["approve", "reject"], actionSet({ approve }));
      let dialog = await openDialog("Approve", "Approve REQ-000042?");
      await click(within(dialog).getByRole("button", { name: "Change quantities" }));
      fireEvent.change(quantityFields(dialog).hammer, { target: { value: "0" } });
      await submitWith(within(dialog).getByRole("button", { name: "Approve" }));
      await click(within(screen.getByRole("dialog")).getByRole("button", { name: "Not now" }));
      expect(screen.queryByRole("dialog")).toBeNull();

      dialog = await openDialog("Approve", "Approve REQ-000042?");
      expect(within(dialog).getByRole("button", { name: "Change quantities" }).getAttribute("aria-expanded")).toBe(
        "true",
      );
      expect([quantityFields(dialog).hammer.value, quantityFields(dialog).gloves.value]).toEqual(["0", "2"]);
    });

    it("a quantity above what was requested is refused beside its field; corrected, the shown values go out", async () => {
      const server = refusingThenRecordingAction<OrderMoved>({
        refusal: {
          code: "VALIDATION",
          message: "An approval can lower quantities, never raise them: ask the requester to edit the request.",
          fieldErrors: { [hammer]: ["Approve at most the 3 requested."] },
        },
        echo,
        data: { id: ORDER.id, number: ORDER.number, status: "APPROVED", version: ORDER.version + 1 },
      });
      renderPanel(["approve", "reject"], actionSet({ approve: server.action }));
      let dialog = await openDialog("Approve", "Approve REQ-000042?");
      await click(within(dialog).getByRole("button", { name: "Change quantities" }));
      fireEvent.change(quantityFields(dialog).hammer, { target: { value: "5" } });
      fireEvent.change(quantityFields(dialog).gloves, { target: { value: "1" } });
      fireEvent.change(within(dialog).getByLabelText(/^Note/), { target: { value: "One pair short" } });
      await submitWith(within(dialog).getByRole("button", { name: "Approve" }));

      dialog = screen.getByRole("dialog", { name: "Approve REQ-000042?" });
      const fields = quantityFields(dialog);
      expect([fields.hammer.value, fields.gloves.value]).toEqual(["5", "1"]);
      expect(fields.hammer.getAttribute("aria-invalid")).toBe("true");
      expect(errorOf(fields.hammer)).toBe("Approve at most the 3 requested.");
      expect(fields.gloves.getAttribute("aria-invalid")).toBeNull();
      expect((within(dialog).getByLabelText(/^Note/) as HTMLTextAreaElement).value).toBe("One pair short");
      expect(document.activeElement).toBe(fields.hammer);
      // Said beside the field, so not again above the buttons.
      expect(within(dialog).queryByRole("alert")).toBeNull();

      fireEvent.change(fields.hammer, { target: { value: "2" } });
      // The error goes as the field is edited.
      expect(quantityFields(dialog).hammer.getAttribute("aria-invalid")).toBeNull();
      await submitWith(within(dialog).getByRole("button", { name: "Approve" }));
      expect(server.saved()).toMatchObject({ [hammer]: "2", [gloves]: "1", note: "One pair short" });
    });
  });

  describe("fulfilling part of a request", () => {
    const hammer = `quantities.${HAMMER}`;
    const gloves = `quantities.${GLOVES}`;
    const echo = echoFields("note", hammer, gloves);
    const shipNow = (dialog: HTMLElement) => within(dialog).getByRole("group", { name: "Ship now" });

    it("offers each line with something still to come, from what can ship now, up to what is still to come", async () => {
      // 1 hammer has shipped already: 2 are still to come, as are both pairs of gloves (1 on hand).
      renderPanel(["fulfil", "close"], actionSet(), {
        ...APPROVED,
        status: "PARTIALLY_FULFILLED",
        outstandingTotals: [
          { unit: "each", quantity: 2 },
          { unit: "pair", quantity: 2 },
        ],
        lines: [
          { ...APPROVED.lines![0]!, outstanding: 2, fulfilNow: 2 },
          { ...APPROVED.lines![1]!, outstanding: 2, fulfilNow: 1 },
        ],
      });
      const dialog = await openDialog("Fulfil", "Fulfil REQ-000042?");
      const group = shipNow(dialog);
      const hammers = within(group).getByLabelText(/Claw hammer/) as HTMLInputElement;
      const pairs = within(group).getByLabelText(/Safety gloves/) as HTMLInputElement;
      expect([hammers.value, hammers.min, hammers.max, hammers.name]).toEqual(["2", "0", "2", hammer]);
      expect([pairs.value, pairs.min, pairs.max]).toEqual(["1", "0", "2"]);
      const hint = (field: HTMLElement) =>
        document.getElementById(field.getAttribute("aria-describedby")!.split(" ")[0]!)?.textContent;
      // 1 of the 3 approved hammers has shipped.
      expect(hint(hammers)).toBe("2 still to come of 3 approved. Unit: each.");
      // Why the default is lower than what is still to come: only 1 pair is on hand.
      expect(hint(pairs)).toBe("2 still to come. 1 on hand at Main. Unit: pair; a pack holds 6.");
      // The cursor starts in the first field.
      expect(document.activeElement).toBe(hammers);
    });

    it("leaves out a line with nothing still to come", async () => {
      renderPanel(["fulfil", "close"], actionSet(), {
        ...APPROVED,
        status: "PARTIALLY_FULFILLED",
        outstandingTotals: [{ unit: "pair", quantity: 1 }],
        lines: [
          { ...APPROVED.lines![0]!, outstanding: 0, fulfilNow: 0 },
          { ...APPROVED.lines![1]!, outstanding: 1, fulfilNow: 1 },
        ],
      });
      const dialog = await openDialog("Fulfil", "Fulfil REQ-000042?");
      expect(within(shipNow(dialog)).getAllByRole("spinbutton")).toHaveLength(1);
      expect(within(shipNow(dialog)).queryByLabelText(/Claw hammer/)).toBeNull();
    });

    it("a quantity above what is still to come is refused beside its field; corrected, what is shown goes out", async () => {
      const server = refusingThenRecordingAction<OrderMoved>({
        refusal: {
          code: "VALIDATION",
          message: "A fulfilment cannot move more than was approved and is still to come.",
          fieldErrors: { [gloves]: ["At most 2: that is all that is still to come."] },
        },
        echo,
        data: { id: ORDER.id, number: ORDER.number, status: "PARTIALLY_FULFILLED", version: ORDER.version + 1 },
      });
      renderPanel(["fulfil", "cancel"], actionSet({ fulfil: server.action }), APPROVED);
      let dialog = await openDialog("Fulfil", "Fulfil REQ-000042?");
      fireEvent.change(within(shipNow(dialog)).getByLabelText(/Claw hammer/), { target: { value: "2" } });
      fireEvent.change(within(shipNow(dialog)).getByLabelText(/Safety gloves/), { target: { value: "4" } });
      await submitWith(within(dialog).getByRole("button", { name: "Fulfil" }));

      dialog = screen.getByRole("dialog", { name: "Fulfil REQ-000042?" });
      const hammers = within(shipNow(dialog)).getByLabelText(/Claw hammer/) as HTMLInputElement;
      const pairs = within(shipNow(dialog)).getByLabelText(/Safety gloves/) as HTMLInputElement;
      expect([hammers.value, pairs.value]).toEqual(["2", "4"]);
      expect(pairs.getAttribute("aria-invalid")).toBe("true");
      expect(pairs.getAttribute("aria-describedby")).toMatch(/-error$/);
      expect(within(dialog).getByText("At most 2: that is all that is still to come.")).toBeTruthy();
      expect(document.activeElement).toBe(pairs);

      fireEvent.change(pairs, { target: { value: "1" } });
      await submitWith(within(dialog).getByRole("button", { name: "Fulfil" }));
      // 2 of the 3 hammers and the 1 pair on hand ship now; the rest stays on backorder.
      expect(server.saved()).toMatchObject({ orderId: ORDER.id, version: "3", [hammer]: "2", [gloves]: "1" });
      expect(screen.queryByRole("dialog")).toBeNull();
      expect(screen.getByRole("status").textContent).toBe(
        "REQ-000042 is partly fulfilled: the stock has moved, the rest is on backorder.",
      );
    });
  });

  it("closes a backorder only with a reason, saying what is given up; the corrected reason goes out", async () => {
    const server = refusingThenRecordingAction<OrderMoved>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { note: ["Say why the rest is not coming (at least 3 characters)."] },
      },
      echo: echoFields("note"),
      data: { id: ORDER.id, number: ORDER.number, status: "CLOSED", version: ORDER.version + 1 },
    });
    // 1 pair of gloves is still to come; the hammers have shipped.
    renderPanel(["fulfil", "close"], actionSet({ close: server.action }), {
      ...APPROVED,
      status: "PARTIALLY_FULFILLED",
      outstandingTotals: [{ unit: "pair", quantity: 1 }],
    });
    expect(buttonNames()).toEqual(["Fulfil", "Close backorder"]);
    let dialog = await openDialog("Close backorder", "Close the backorder of REQ-000042?");
    expect(within(dialog).getByText(/^The 1 pair still to come will not ship: their reservation at Main/)).toBeTruthy();
    const reason = within(dialog).getByLabelText("Why is the rest not coming?");
    expect(document.activeElement).toBe(reason);
    await submitWith(within(dialog).getByRole("button", { name: "Close backorder" }));

    dialog = screen.getByRole("dialog", { name: "Close the backorder of REQ-000042?" });
    const refused = within(dialog).getByLabelText("Why is the rest not coming?");
    expect(refused.getAttribute("aria-invalid")).toBe("true");
    expect(within(dialog).getByText("Say why the rest is not coming (at least 3 characters).")).toBeTruthy();
    fireEvent.change(refused, { target: { value: "The supplier discontinued them" } });
    await submitWith(within(dialog).getByRole("button", { name: "Close backorder" }));
    expect(server.saved()).toMatchObject({ note: "The supplier discontinued them" });
    expect(screen.getByRole("status").textContent).toBe("REQ-000042 is closed: the rest is not coming.");
  });

  describe("a send the network drops", () => {
    const hammer = `quantities.${HAMMER}`;
    const gloves = `quantities.${GLOVES}`;
    const echo = echoFields("note", hammer, gloves);
    // What fetch throws when the connection is gone (Chromium's words).
    const dropped = () => new TypeError("Failed to fetch");

    /**
     * A page's action behind a phone's connection: each submit meets the next outcome in turn — dropped on the way,
     * refused by the server (echoing the note and quantities it got, as app/(app)/requests/actions.ts does), or
     * decided. Every submit that got through is kept.
     */
    function behindConnection(outcomes: ("drop" | Refusal | "decide")[], status: OrderMoved["status"]) {
      const attempts: FormData[] = [];
      const received: FormData[] = [];
      const action = vi.fn<Action>(async (_state, formData) => {
        attempts.push(formData);
        const outcome = outcomes[attempts.length - 1] ?? "decide";
        if (outcome === "drop") throw dropped();
        received.push(formData);
        if (outcome === "decide") return moved(status);
        return { ok: false, ...outcome, values: echo(formData) };
      });
      return { action, attempts, received };
    }

    /** Stands in for the app's error boundary (app/error.tsx): what replaced the page, if anything did. */
    class ErrorPage extends Component<{ children: ReactNode }, { error: Error | null }> {
      state = { error: null as Error | null };
      static getDerivedStateFromError(error: Error) {
        return { error };
      }
      render() {
        return this.state.error ? <p>Error page: {this.state.error.message}</p> : this.props.children;
      }
    }

    /** Renders the panel under a stand-in for the app's error boundary. */
    function renderWatched(
      actions: OrderEvent[],
      serverActions: OrderActionSet,
      order: Partial<OrderActionTarget> = {},
    ) {
      const panel = (props: { actions: OrderEvent[]; order: Partial<OrderActionTarget> }) => (
        <ErrorPage>
          <OrderActionPanel
            order={{ ...ORDER, ...props.order }}
            actions={props.actions}
            serverActions={serverActions}
          />
        </ErrorPage>
      );
      const view = render(panel({ actions, order }), { onCaughtError: () => {} });
      const errorPage = () => screen.queryByText(/^Error page/);
      const refresh = (next: OrderEvent[], nextOrder: Partial<OrderActionTarget>) =>
        view.rerender(panel({ actions: next, order: nextOrder }));
      return { unmount: view.unmount, errorPage, refresh };
    }

    const quantityFields = (dialog: HTMLElement, group = "Quantities to approve") => {
      const fields = within(dialog).getByRole("group", { name: group });
      return {
        hammer: within(fields).getByLabelText(/Claw hammer/) as HTMLInputElement,
        gloves: within(fields).getByLabelText(/Safety gloves/) as HTMLInputElement,
      };
    };

    it("keeps the approve dialog open with the lowered quantities and the note, says why, and sent again approves once", async () => {
      const server = behindConnection(["drop", "decide"], "APPROVED");
      const { errorPage } = renderWatched(["approve", "reject"], actionSet({ approve: server.action }));
      let dialog = await openDialog("Approve", "Approve REQ-000042?");
      await click(within(dialog).getByRole("button", { name: "Change quantities" }));
      fireEvent.change(quantityFields(dialog).hammer, { target: { value: "2" } });
      fireEvent.change(quantityFields(dialog).gloves, { target: { value: "1" } });
      fireEvent.change(within(dialog).getByLabelText(/^Note/), { target: { value: "Short on gloves this week" } });
      await submitWith(within(dialog).getByRole("button", { name: "Approve" }));

      // Not the error page: the same dialog, with what was typed, the reason, and a button to press again.
      expect(errorPage()).toBeNull();
      dialog = screen.getByRole("dialog", { name: "Approve REQ-000042?" });
      expect(within(dialog).getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
      expect(within(dialog).getByRole("button", { name: "Change quantities" }).getAttribute("aria-expanded")).toBe(
        "true",
      );
      expect([quantityFields(dialog).hammer.value, quantityFields(dialog).gloves.value]).toEqual(["2", "1"]);
      expect((within(dialog).getByLabelText(/^Note/) as HTMLTextAreaElement).value).toBe("Short on gloves this week");
      const again = within(dialog).getByRole("button", { name: "Approve" }) as HTMLButtonElement;
      expect(again.disabled).toBe(false);
      expect(again.getAttribute("aria-busy")).toBeNull();
      // Nothing reached the server; the panel says nothing happened.
      expect(server.received).toHaveLength(0);
      expect(screen.queryByRole("status")).toBeNull();

      await submitWith(again);
      // The one decision the server heard: at the version the person saw, with what they typed.
      expect(server.received.map(sentFields)).toEqual([
        expect.objectContaining({
          orderId: ORDER.id,
          version: "3",
          [hammer]: "2",
          [gloves]: "1",
          note: "Short on gloves this week",
        }),
      ]);
      expect(screen.queryByRole("dialog")).toBeNull();
      expect(screen.getByRole("status").textContent).toBe("REQ-000042 is approved.");
    });

    it("a refused approval, corrected, then dropped: the corrected values stay, and the send again sends them", async () => {
      const server = behindConnection(
        [
          {
            code: "VALIDATION",
            message: "Say why the quantities changed.",
            fieldErrors: { note: ["Say why the quantities changed: the requester reads it."] },
          },
          "drop",
          "decide",
        ],
        "APPROVED",
      );
      const { errorPage } = renderWatched(["approve", "reject"], actionSet({ approve: server.action }));
      let dialog = await openDialog("Approve", "Approve REQ-000042?");
      await click(within(dialog).getByRole("button", { name: "Change quantities" }));
      fireEvent.change(quantityFields(dialog).gloves, { target: { value: "1" } });
      await submitWith(within(dialog).getByRole("button", { name: "Approve" }));
      // Refused for the missing note; the person lowers the hammers too and says why.
      dialog = screen.getByRole("dialog", { name: "Approve REQ-000042?" });
      const note = within(dialog).getByLabelText(/^Note/) as HTMLTextAreaElement;
      expect(note.getAttribute("aria-invalid")).toBe("true");
      fireEvent.change(quantityFields(dialog).hammer, { target: { value: "1" } });
      fireEvent.change(note, { target: { value: "Half the stock is promised" } });
      await submitWith(within(dialog).getByRole("button", { name: "Approve" }));

      expect(errorPage()).toBeNull();
      dialog = screen.getByRole("dialog", { name: "Approve REQ-000042?" });
      expect(within(dialog).getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
      expect([quantityFields(dialog).hammer.value, quantityFields(dialog).gloves.value]).toEqual(["1", "1"]);
      const kept = within(dialog).getByLabelText(/^Note/) as HTMLTextAreaElement;
      expect(kept.value).toBe("Half the stock is promised");
      // The note's old error is not back: the server never answered the corrected one.
      expect(kept.getAttribute("aria-invalid")).toBeNull();

      await submitWith(within(dialog).getByRole("button", { name: "Approve" }));
      expect(server.received.map(sentFields)).toEqual([
        expect.objectContaining({ [hammer]: "3", [gloves]: "1", note: "" }),
        expect.objectContaining({ version: "3", [hammer]: "1", [gloves]: "1", note: "Half the stock is promised" }),
      ]);
      expect(screen.getByRole("status").textContent).toBe("REQ-000042 is approved.");
    });

    it("keeps the fulfil dialog's quantities to ship now", async () => {
      const server = behindConnection(["drop", "decide"], "PARTIALLY_FULFILLED");
      renderWatched(["fulfil", "cancel"], actionSet({ fulfil: server.action }), APPROVED);
      let dialog = await openDialog("Fulfil", "Fulfil REQ-000042?");
      fireEvent.change(quantityFields(dialog, "Ship now").hammer, { target: { value: "2" } });
      fireEvent.change(quantityFields(dialog, "Ship now").gloves, { target: { value: "0" } });
      await submitWith(within(dialog).getByRole("button", { name: "Fulfil" }));

      dialog = screen.getByRole("dialog", { name: "Fulfil REQ-000042?" });
      expect(within(dialog).getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
      const fields = quantityFields(dialog, "Ship now");
      expect([fields.hammer.value, fields.gloves.value]).toEqual(["2", "0"]);
      await submitWith(within(dialog).getByRole("button", { name: "Fulfil" }));
      expect(server.received.map(sentFields)).toEqual([
        expect.objectContaining({ version: "3", [hammer]: "2", [gloves]: "0" }),
      ]);
    });

    it("keeps the reason typed to close a backorder, and to reject", async () => {
      const close = behindConnection(["drop", "decide"], "CLOSED");
      const reject = behindConnection(["drop", "decide"], "REJECTED");
      const { unmount } = renderWatched(["fulfil", "close"], actionSet({ close: close.action }), {
        ...APPROVED,
        status: "PARTIALLY_FULFILLED",
        outstandingTotals: [{ unit: "pair", quantity: 1 }],
      });
      let dialog = await openDialog("Close backorder", "Close the backorder of REQ-000042?");
      fireEvent.change(within(dialog).getByLabelText("Why is the rest not coming?"), {
        target: { value: "The supplier discontinued them" },
      });
      await submitWith(within(dialog).getByRole("button", { name: "Close backorder" }));
      dialog = screen.getByRole("dialog", { name: "Close the backorder of REQ-000042?" });
      expect(within(dialog).getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
      expect((within(dialog).getByLabelText("Why is the rest not coming?") as HTMLTextAreaElement).value).toBe(
        "The supplier discontinued them",
      );
      unmount();

      renderWatched(["approve", "reject"], actionSet({ reject: reject.action }));
      dialog = await openDialog("Reject", "Reject REQ-000042?");
      fireEvent.change(within(dialog).getByLabelText("Why is it rejected?"), { target: { value: "No budget" } });
      await submitWith(within(dialog).getByRole("button", { name: "Reject" }));
      dialog = screen.getByRole("dialog", { name: "Reject REQ-000042?" });
      expect(within(dialog).getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
      expect((within(dialog).getByLabelText("Why is it rejected?") as HTMLTextAreaElement).value).toBe("No budget");
      await submitWith(within(dialog).getByRole("button", { name: "Reject" }));
      expect(reject.received.map(sentFields)).toEqual([expect.objectContaining({ note: "No budget" })]);
      expect(screen.getByRole("status").textContent).toBe("REQ-000042 is rejected.");
    });

    it("stays open when a live refresh then takes its step away: nothing was decided, so nothing is said in the panel", async () => {
      const server = behindConnection(["drop"], "REJECTED");
      const serverActions = actionSet({ reject: server.action });
      const { refresh } = renderWatched(["approve", "reject"], serverActions);
      const dialog = await openDialog("Reject", "Reject REQ-000042?");
      fireEvent.change(within(dialog).getByLabelText("Why is it rejected?"), { target: { value: "No budget" } });
      await submitWith(within(dialog).getByRole("button", { name: "Reject" }));
      // Back online, the page refreshes: someone else approved meanwhile.
      refresh(["fulfil", "cancel"], { ...APPROVED, version: 4 });
      expect(screen.getByRole("dialog", { name: "Reject REQ-000042?" })).toBe(dialog);
      expect((within(dialog).getByLabelText("Why is it rejected?") as HTMLTextAreaElement).value).toBe("No budget");
      expect(screen.getAllByRole("alert")).toHaveLength(1);
    });

    it("a failure that is not the connection still reaches the page's error boundary", async () => {
      const approve = vi.fn<Action>(async () => {
        throw new Error("An unexpected response was received from the server.");
      });
      const { errorPage } = renderWatched(["approve", "reject"], actionSet({ approve }));
      const dialog = await openDialog("Approve", "Approve REQ-000042?");
      await submitWith(within(dialog).getByRole("button", { name: "Approve" }));
      expect(errorPage()?.textContent).toBe("Error page: An unexpected response was received from the server.");
    });
  });
});
