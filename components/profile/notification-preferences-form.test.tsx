import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/components/ui/form-state";
import type { NotificationPreference } from "@/lib/notifications/notification-kinds";
import { refusingThenRecordingAction, submitWith } from "@/tests/helpers/form-actions";
import { NotificationPreferencesForm } from "./notification-preferences-form";

afterEach(cleanup);

const PREFERENCES: NotificationPreference[] = [
  {
    kind: "order.created",
    label: "A request needs a decision",
    description: "When someone submits a request for you to approve or reject.",
    required: false,
    enabled: true,
  },
  {
    kind: "stock.low",
    label: "A product reached its reorder point",
    description: "At most one alert per product per day.",
    required: false,
    enabled: false,
  },
  {
    kind: "account.security",
    label: "Account security",
    description: "Password changes and reset links.",
    required: true,
    enabled: true,
  },
];

type State = FormState<NotificationPreference[]>;
type Action = (state: State, formData: FormData) => Promise<State>;

function renderForm(action: Action) {
  render(<NotificationPreferencesForm action={action} preferences={PREFERENCES} />);
  return { save: screen.getByRole("button", { name: "Save email choices" }) };
}

async function submit(button: HTMLElement) {
  await act(async () => {
    fireEvent.click(button);
  });
}

const box = (label: string) => screen.getByRole("checkbox", { name: label }) as HTMLInputElement;

const withEnabled = (changes: Record<string, boolean>) =>
  PREFERENCES.map((p) => (p.kind in changes ? { ...p, enabled: changes[p.kind]! } : p));

describe("NotificationPreferencesForm", () => {
  it("shows one labelled checkbox per kind; required ones ticked, locked and marked always sent", () => {
    renderForm(vi.fn());
    expect(screen.getByRole("form", { name: "Email notifications" })).toBeTruthy();
    expect(box("A request needs a decision").checked).toBe(true);
    expect(box("A request needs a decision").disabled).toBe(false);
    expect(box("A product reached its reorder point").checked).toBe(false);
    const security = box("Account security");
    expect(security.checked).toBe(true);
    expect(security.disabled).toBe(true);
    const described = security
      .getAttribute("aria-describedby")!
      .split(" ")
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(["Always sent", "Password changes and reset links."]);
  });

  it("sends every optional kind shown, the ticked ones as enabled, never the required ones", async () => {
    let sent: FormData | undefined;
    const action = vi.fn<Action>(async (_state, formData) => {
      sent = formData;
      return { ok: true, data: withEnabled({ "order.created": false, "stock.low": true }) };
    });
    const { save } = renderForm(action);
    fireEvent.click(box("A request needs a decision"));
    fireEvent.click(box("A product reached its reorder point"));
    await submit(save);
    expect(action).toHaveBeenCalledTimes(1);
    expect(sent?.getAll("kind")).toEqual(["order.created", "stock.low"]);
    expect(sent?.getAll("enabled")).toEqual(["stock.low"]);
    expect(screen.getByRole("status").textContent).toBe("Your email choices were saved.");
  });

  it("shows the saved state after a successful save (the form reset does not bring back the old one)", async () => {
    const action = vi.fn<Action>(async () => ({
      ok: true,
      data: withEnabled({ "order.created": false, "stock.low": true }),
    }));
    const { save } = renderForm(action);
    fireEvent.click(box("A request needs a decision"));
    fireEvent.click(box("A product reached its reorder point"));
    await submit(save);
    expect(box("A request needs a decision").checked).toBe(false);
    expect(box("A product reached its reorder point").checked).toBe(true);
    expect(box("Account security").checked).toBe(true);
  });

  it("shows a pending Save while the action runs", async () => {
    let finish: (state: State) => void = () => {};
    const action = vi.fn<Action>(() => new Promise((resolve) => (finish = resolve)));
    const { save } = renderForm(action);
    await submit(save);
    const pending = screen.getByRole("button", { name: /Saving…/ }) as HTMLButtonElement;
    expect(pending.disabled).toBe(true);
    await act(async () => finish({ ok: true, data: PREFERENCES }));
    expect((screen.getByRole("button", { name: "Save email choices" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("after a refusal keeps what was ticked and puts the error beside its checkbox", async () => {
    const action = vi.fn<Action>(async () => ({
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: { "preferences.stock.low": ["Your role does not receive this email."] },
      values: { "order.created": "", "stock.low": "on" },
    }));
    const { save } = renderForm(action);
    fireEvent.click(box("A request needs a decision"));
    fireEvent.click(box("A product reached its reorder point"));
    await submit(save);
    expect(box("A request needs a decision").checked).toBe(false);
    const low = box("A product reached its reorder point");
    expect(low.checked).toBe(true);
    expect(low.getAttribute("aria-invalid")).toBe("true");
    const errorId = low
      .getAttribute("aria-describedby")
      ?.split(" ")
      .find((id) => id.endsWith("-error"));
    expect(document.getElementById(errorId!)?.textContent).toBe("Your role does not receive this email.");
    // Every problem is beside its field: no summary above.
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("shows any other failure above the form", async () => {
    const message = "Something went wrong on our side. Please try again.";
    const { save } = renderForm(vi.fn<Action>(async () => ({ ok: false, code: "INTERNAL", message })));
    await submit(save);
    expect(screen.getByRole("alert").textContent).toBe(message);
  });

  it("saves the corrected choices after a refused save, with the boxes changed before it", async () => {
    const fake = refusingThenRecordingAction<NotificationPreference[]>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { "preferences.stock.low": ["Your role does not receive this email."] },
      },
      // As updateNotificationsAction echoes: every kind the form named, "on" when ticked.
      echo: (formData) => {
        const ticked = formData.getAll("enabled");
        return Object.fromEntries(formData.getAll("kind").map((kind) => [kind, ticked.includes(kind) ? "on" : ""]));
      },
      data: withEnabled({ "order.created": false, "stock.low": false }),
    });
    const { save } = renderForm(fake.action);
    fireEvent.click(box("A request needs a decision"));
    fireEvent.click(box("A product reached its reorder point"));
    await submitWith(save);

    fireEvent.click(box("A product reached its reorder point"));
    await submitWith(save);
    // Both optional kinds named, neither ticked: both off.
    expect(fake.saved()).toEqual({ kind: ["order.created", "stock.low"] });
  });
});
