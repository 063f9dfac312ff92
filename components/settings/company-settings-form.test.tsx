import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/components/ui/form-state";
import type { CompanySettings } from "@/lib/companies/company-settings-fields";
import { NO_ANSWER_OFFLINE } from "@/components/offline/network-failure";
import {
  droppingThenRecordingAction,
  echoFields,
  refusingThenRecordingAction,
  sentFields,
  submitWith,
} from "@/tests/helpers/form-actions";
import { CompanySettingsForm } from "./company-settings-form";

afterEach(cleanup);

const SETTINGS: CompanySettings = {
  name: "Acme Supplies",
  timeZone: "Europe/Berlin",
  currency: "EUR",
  requireSecondApprover: true,
  lowStockAlerts: false,
  staffSeeMoney: false,
  updatedAt: "2026-11-24T07:15:00.123Z",
};

const TIME_ZONES = ["UTC", "Europe/Berlin", "America/New_York"].map((zone) => ({ value: zone, label: zone }));
const CURRENCIES = {
  common: [
    { value: "USD", label: "USD — US Dollar" },
    { value: "EUR", label: "EUR — Euro" },
  ],
  other: [{ value: "CHF", label: "CHF — Swiss Franc" }],
};

type Action = (state: FormState<CompanySettings>, formData: FormData) => Promise<FormState<CompanySettings>>;

function renderForm(action: Action) {
  render(<CompanySettingsForm action={action} settings={SETTINGS} timeZones={TIME_ZONES} currencies={CURRENCIES} />);
  return { save: screen.getByRole("button", { name: "Save settings" }) };
}

async function submit(button: HTMLElement) {
  await act(async () => {
    fireEvent.click(button);
  });
}

const field = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement;

describe("CompanySettingsForm", () => {
  it("shows the current settings in labelled fields", () => {
    renderForm(vi.fn());
    expect(field("Company name").value).toBe("Acme Supplies");
    expect(field("Time zone").value).toBe("Europe/Berlin");
    expect(field("Currency").value).toBe("EUR");
    expect(field(/Require a second person to approve requests/).checked).toBe(true);
    expect(field(/Email managers when a product falls to its reorder point/).checked).toBe(false);
    expect(screen.getByRole("group", { name: "Requests and alerts" })).toBeTruthy();
    const money = within(screen.getByRole("group", { name: "Who sees money" }));
    expect((money.getByLabelText(/Staff see cost prices and stock values/) as HTMLInputElement).checked).toBe(false);
  });

  it("sends ticked boxes as on, unticked ones not at all, with the moment the settings were loaded", async () => {
    let sent: FormData | undefined;
    const action = vi.fn<Action>(async (_state, formData) => {
      sent = formData;
      return { ok: true, data: { ...SETTINGS, updatedAt: "2026-11-24T08:00:00.000Z" } };
    });
    const { save } = renderForm(action);
    fireEvent.click(field(/Require a second person/));
    fireEvent.click(field(/Email managers/));
    await submit(save);
    expect(action).toHaveBeenCalledTimes(1);
    expect(sent?.get("requireSecondApprover")).toBeNull();
    expect(sent?.get("lowStockAlerts")).toBe("on");
    expect(sent?.get("updatedAt")).toBe(SETTINGS.updatedAt);
    expect(sent?.get("name")).toBe("Acme Supplies");
    expect(screen.getByRole("status").textContent).toBe("Settings saved.");
  });

  it("shows a pending Save while the action runs", async () => {
    let finish: (state: FormState<CompanySettings>) => void = () => {};
    const action = vi.fn<Action>(() => new Promise((resolve) => (finish = resolve)));
    const { save } = renderForm(action);
    await submit(save);
    const pending = screen.getByRole("button", { name: /Saving…/ }) as HTMLButtonElement;
    expect(pending.disabled).toBe(true);
    expect(pending.getAttribute("aria-busy")).toBe("true");
    await act(async () => finish({ ok: true, data: SETTINGS }));
    expect((screen.getByRole("button", { name: "Save settings" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("puts field errors beside their fields and keeps what was typed", async () => {
    const action = vi.fn<Action>(async () => ({
      ok: false,
      code: "VALIDATION",
      message: "Please correct the highlighted fields.",
      fieldErrors: { name: ["Enter your company's name."], currency: ["Choose a currency from the list."] },
      values: {
        name: "",
        timeZone: "America/New_York",
        currency: "CHF",
        requireSecondApprover: "",
        lowStockAlerts: "on",
        staffSeeMoney: "on",
      },
    }));
    const { save } = renderForm(action);
    await submit(save);

    const name = field("Company name");
    expect(name.value).toBe("");
    expect(name.getAttribute("aria-invalid")).toBe("true");
    const errorId = name
      .getAttribute("aria-describedby")
      ?.split(" ")
      .find((id) => id.endsWith("-error"));
    expect(document.getElementById(errorId!)?.textContent).toBe("Enter your company's name.");
    expect(field("Currency").getAttribute("aria-invalid")).toBe("true");
    expect(field("Time zone").value).toBe("America/New_York");
    expect(field("Currency").value).toBe("CHF");
    expect(field(/Require a second person/).checked).toBe(false);
    expect(field(/Email managers/).checked).toBe(true);
    expect(field(/Staff see cost prices/).checked).toBe(true);
    // Every problem is beside its field: no summary above.
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("says when someone else changed the settings, with a way to reload", async () => {
    const message = "These settings were changed by someone else at 24 Nov 2026, 08:00 (UTC); reload to see them.";
    const { save } = renderForm(vi.fn<Action>(async () => ({ ok: false, code: "CONFLICT", message })));
    await submit(save);
    expect(screen.getByRole("alert").textContent).toBe(message);
    const form = screen.getByRole("form", { name: "Company settings" });
    expect(within(form).getByRole("link", { name: "Reload the settings" }).getAttribute("href")).toBe("/settings");
  });

  it("saves the corrected values after a refused save, with the choices made before it", async () => {
    const fake = refusingThenRecordingAction<CompanySettings>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { name: ["Enter your company's name."] },
      },
      // As updateCompanySettingsAction echoes: the typed fields, a ticked box as "on" and an unticked one as "".
      echo: (formData) => ({
        ...echoFields("name", "timeZone", "currency")(formData),
        requireSecondApprover: formData.get("requireSecondApprover") === "on" ? "on" : "",
        lowStockAlerts: formData.get("lowStockAlerts") === "on" ? "on" : "",
        staffSeeMoney: formData.get("staffSeeMoney") === "on" ? "on" : "",
      }),
      data: SETTINGS,
    });
    const { save } = renderForm(fake.action);
    fireEvent.change(field("Company name"), { target: { value: "" } });
    fireEvent.change(field("Time zone"), { target: { value: "America/New_York" } });
    fireEvent.change(field("Currency"), { target: { value: "CHF" } });
    fireEvent.click(field(/Require a second person/));
    fireEvent.click(field(/Email managers/));
    fireEvent.click(field(/Staff see cost prices/));
    await submitWith(save);
    expect(field(/Staff see cost prices/).checked).toBe(true);

    fireEvent.change(field("Company name"), { target: { value: "Acme Supplies GmbH" } });
    await submitWith(save);
    expect(fake.saved()).toEqual({
      name: "Acme Supplies GmbH",
      timeZone: "America/New_York",
      currency: "CHF",
      lowStockAlerts: "on",
      staffSeeMoney: "on",
      updatedAt: SETTINGS.updatedAt,
    });
  });

  it("a save the network drops keeps every change, a box unticked included, and sent again saves it once", async () => {
    const server = droppingThenRecordingAction<CompanySettings>({
      data: { ...SETTINGS, name: "Acme Supplies AG", updatedAt: "2026-11-24T09:00:00.000Z" },
    });
    const { save } = renderForm(server.action);
    fireEvent.change(field("Company name"), { target: { value: "Acme Supplies AG" } });
    fireEvent.change(field("Currency"), { target: { value: "CHF" } });
    // Stored as on: unticked, it is not in what the form sends.
    fireEvent.click(field(/Require a second person/));
    fireEvent.click(field(/Email managers/));
    await submitWith(save);

    // Not the error page: every change as made, why nothing happened, and the button again.
    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
    expect([field("Company name").value, field("Time zone").value, field("Currency").value]).toEqual([
      "Acme Supplies AG",
      "Europe/Berlin",
      "CHF",
    ]);
    expect(
      [/Require a second person/, /Email managers/, /Staff see cost prices/].map((label) => field(label).checked),
    ).toEqual([false, true, false]);
    const again = screen.getByRole("button", { name: "Save settings" }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    expect(again.getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await submitWith(again);
    // At the moment the settings were loaded: had the first save got through, this one is a CONFLICT.
    expect(server.received.map(sentFields)).toEqual([
      {
        name: "Acme Supplies AG",
        timeZone: "Europe/Berlin",
        currency: "CHF",
        lowStockAlerts: "on",
        updatedAt: SETTINGS.updatedAt,
      },
    ]);
    expect(screen.getByRole("status").textContent).toBe("Settings saved.");
  });
});
