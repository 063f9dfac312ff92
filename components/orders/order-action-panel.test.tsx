import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/components/ui/form-state";
import type { OrderMoved } from "@/lib/orders/order-moved";
import type { OrderEvent } from "@/lib/orders/order-state-machine";
import { OrderActionPanel, type OrderActionSet, type OrderActionTarget } from "./order-action-panel";

afterEach(cleanup);

type Action = (state: FormState<OrderMoved>, formData: FormData) => Promise<FormState<OrderMoved>>;

const ORDER: OrderActionTarget = {
  id: "0f8fad5b-d9cb-469f-a165-70867728950e",
  number: 42,
  version: 3,
  type: "CUSTOMER_ORDER",
  status: "PENDING",
  totalUnits: 5,
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

describe("OrderActionPanel", () => {
  it("offers a manager approve, reject and cancel on a pending request, and nothing else", () => {
    renderPanel(["approve", "reject", "cancel"]);
    expect(buttonNames()).toEqual(["Approve", "Reject", "Cancel request"]);
    expect(screen.queryByRole("link", { name: /Edit/ })).toBeNull();
    expect(screen.getByText(/^Reserves 5 units at Main/)).toBeTruthy();
  });

  it("offers fulfil on an approved request, saying what will move, and that cancelling releases the reservation", () => {
    renderPanel(["fulfil", "cancel"], actionSet(), { status: "APPROVED" });
    expect(buttonNames()).toEqual(["Fulfil", "Cancel request"]);
    const fulfil = screen.getByRole("form", { name: "Fulfil REQ-000042" });
    expect(within(fulfil).getByText("Ships 5 units from Main.")).toBeTruthy();
    const cancel = screen.getByRole("form", { name: "Cancel request REQ-000042" });
    expect(within(cancel).getByText(/^Releases the 5 units reserved at Main\./)).toBeTruthy();
  });

  it("says a restock's fulfilment receives its stock", () => {
    renderPanel(["fulfil"], actionSet(), { status: "APPROVED", type: "RESTOCK", totalUnits: 40 });
    expect(screen.getByText("Receives 40 units into Main.")).toBeTruthy();
  });

  it("offers the requester edit (a link to the edit page) and cancel", () => {
    renderPanel(["cancel", "edit"]);
    expect(buttonNames()).toEqual(["Cancel request"]);
    expect(screen.getByRole("link", { name: "Edit request" }).getAttribute("href")).toBe(`/requests/${ORDER.id}/edit`);
  });

  it("shows nothing when the viewer may do nothing", () => {
    const { container } = renderPanel([]);
    expect(buttonNames()).toEqual([]);
    expect(screen.queryByRole("link")).toBeNull();
    expect(container.querySelector("form")).toBeNull();
  });

  it("labels every note field", () => {
    renderPanel(["approve", "reject", "cancel"]);
    const approve = screen.getByRole("form", { name: "Approve REQ-000042" });
    expect(within(approve).getByLabelText("Note (optional)").tagName).toBe("TEXTAREA");
    const reject = screen.getByRole("form", { name: "Reject REQ-000042" });
    expect(within(reject).getByLabelText("Why is it rejected?").tagName).toBe("TEXTAREA");
  });

  it("posts the request's id, the version on screen and the note, then says what happened", async () => {
    let sent: FormData | undefined;
    const approve = vi.fn<Action>(async (_state, formData) => {
      sent = formData;
      return moved("APPROVED");
    });
    renderPanel(["approve", "reject", "cancel"], actionSet({ approve }));
    const form = screen.getByRole("form", { name: "Approve REQ-000042" });
    fireEvent.change(within(form).getByLabelText("Note (optional)"), { target: { value: "Go ahead" } });
    await click(within(form).getByRole("button", { name: "Approve" }));
    expect(approve).toHaveBeenCalledTimes(1);
    expect(sent?.get("orderId")).toBe(ORDER.id);
    expect(sent?.get("version")).toBe("3");
    expect(sent?.get("note")).toBe("Go ahead");
    expect(screen.getByRole("status").textContent).toBe("REQ-000042 is approved.");
  });

  it("requires a note before rejecting, in the browser", async () => {
    const reject = vi.fn<Action>(async () => moved("REJECTED"));
    renderPanel(["approve", "reject"], actionSet({ reject }));
    const form = screen.getByRole("form", { name: "Reject REQ-000042" });
    const note = within(form).getByLabelText("Why is it rejected?") as HTMLTextAreaElement;
    expect(note.required).toBe(true);
    await click(within(form).getByRole("button", { name: "Reject" }));
    expect(reject).not.toHaveBeenCalled();

    fireEvent.change(note, { target: { value: "Customer withdrew" } });
    await click(within(form).getByRole("button", { name: "Reject" }));
    expect(reject).toHaveBeenCalledTimes(1);
  });

  it("shows the server's refusal of a note beside it, keeping what was typed", async () => {
    const reject = vi.fn<Action>(async () => ({
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: { note: ["Note: say why the request is rejected (at least 3 characters)."] },
      values: { note: "no" },
    }));
    renderPanel(["approve", "reject"], actionSet({ reject }));
    const form = screen.getByRole("form", { name: "Reject REQ-000042" });
    fireEvent.change(within(form).getByLabelText("Why is it rejected?"), { target: { value: "no" } });
    await click(within(form).getByRole("button", { name: "Reject" }));
    const note = within(form).getByLabelText("Why is it rejected?") as HTMLTextAreaElement;
    expect(note.value).toBe("no");
    expect(note.getAttribute("aria-invalid")).toBe("true");
    const errorId = note
      .getAttribute("aria-describedby")
      ?.split(" ")
      .find((id) => id.endsWith("-error"));
    expect(document.getElementById(errorId!)?.textContent).toBe(
      "Note: say why the request is rejected (at least 3 characters).",
    );
    // Every problem is beside its field: no summary.
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows a pending button while the action runs", async () => {
    let finish: (state: FormState<OrderMoved>) => void = () => {};
    const fulfil = vi.fn<Action>(() => new Promise((resolve) => (finish = resolve)));
    renderPanel(["fulfil", "cancel"], actionSet({ fulfil }), { status: "APPROVED" });
    await click(screen.getByRole("button", { name: "Fulfil" }));
    const pending = screen.getByRole("button", { name: /Fulfilling…/ }) as HTMLButtonElement;
    expect(pending.disabled).toBe(true);
    expect(pending.getAttribute("aria-busy")).toBe("true");
    await act(async () => finish(moved("FULFILLED")));
    expect(screen.getByRole("status").textContent).toBe("REQ-000042 is fulfilled: the stock has moved.");
  });

  it("keeps saying what happened once the refreshed page leaves no action to take", async () => {
    const fulfil = vi.fn<Action>(async () => moved("FULFILLED"));
    const serverActions = actionSet({ fulfil });
    const { rerender } = renderPanel(["fulfil", "cancel"], serverActions, { status: "APPROVED" });
    await click(screen.getByRole("button", { name: "Fulfil" }));
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

  it("shows a conflict in the server's words under the button pressed, with a way to reload", async () => {
    const message =
      "REQ-000042 was approved by Maria Manager on 24 Nov 2026, 14:05, after you opened it. Reload the page to see it as it is now.";
    const approve = vi.fn<Action>(async () => ({ ok: false, code: "CONFLICT", message }));
    renderPanel(["approve", "reject", "cancel"], actionSet({ approve }));
    const form = screen.getByRole("form", { name: "Approve REQ-000042" });
    await click(within(form).getByRole("button", { name: "Approve" }));
    expect(within(form).getByRole("alert").textContent).toBe(message);
    expect(within(form).getByRole("link", { name: "Reload this request" }).getAttribute("href")).toBe(
      `/requests/${ORDER.id}`,
    );
    expect(screen.getAllByRole("alert")).toHaveLength(1);
  });

  it("shows a shortage refusal as the server wrote it", async () => {
    const message = "Not enough Blue widget (BW-1) at Main: 3 available, 5 needed.";
    const approve = vi.fn<Action>(async () => ({ ok: false, code: "INSUFFICIENT_STOCK", message }));
    renderPanel(["approve", "reject", "cancel"], actionSet({ approve }));
    await click(screen.getByRole("button", { name: "Approve" }));
    expect(screen.getByRole("alert").textContent).toBe(message);
    expect(screen.queryByRole("link", { name: "Reload this request" })).toBeNull();
  });
});
