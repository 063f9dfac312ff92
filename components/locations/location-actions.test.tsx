import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NO_ANSWER_OFFLINE, NO_ANSWER_OFFLINE_PRESSED } from "@/components/offline/network-failure";
import {
  droppingThenRecordingAction,
  echoFields,
  refusingThenRecordingAction,
  sentFields,
  submitWith,
} from "@/tests/helpers/form-actions";
import { LocationActions, type LocationActionSet, type LocationChanged } from "./location-actions";

afterEach(cleanup);

const LOCATION = { id: "0c6d2e8f-1a3b-4c5d-8e7f-9a0b1c2d3e4f", name: "Back room", isDefault: false, archived: false };
const CHANGED: LocationChanged = { ...LOCATION, name: "Back store" };
const REFUSAL = { code: "INTERNAL" as const, message: "Something went wrong on our side. Please try again." };

function renderActions(actions: Partial<LocationActionSet>, location = LOCATION) {
  render(
    <LocationActions
      location={location}
      actions={{ rename: vi.fn(), archive: vi.fn(), restore: vi.fn(), setDefault: vi.fn(), ...actions }}
    />,
  );
}

describe("LocationActions", () => {
  it("renames to the corrected name after a refused rename, fixed from what was typed", async () => {
    const fake = refusingThenRecordingAction<LocationChanged>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { name: ["Another location is already called Back store."] },
      },
      // As renameLocationAction echoes.
      echo: echoFields("locationId", "name"),
      data: CHANGED,
    });
    renderActions({ rename: fake.action });
    const name = () => screen.getByLabelText("New name") as HTMLInputElement;
    fireEvent.change(name(), { target: { value: "Back store " } });
    await submitWith(screen.getByRole("button", { name: "Save name" }));

    expect(name().value).toBe("Back store ");
    fireEvent.change(name(), { target: { value: `${name().value}2` } });
    await submitWith(screen.getByRole("button", { name: "Save name" }));
    expect(fake.saved()).toEqual({ locationId: LOCATION.id, name: "Back store 2" });
  });

  it("a rename the network drops keeps the new name typed, and sent again renames once", async () => {
    const server = droppingThenRecordingAction<LocationChanged>({ data: CHANGED });
    renderActions({ rename: server.action });
    const name = () => screen.getByLabelText("New name") as HTMLInputElement;
    fireEvent.change(name(), { target: { value: "Back store" } });
    await submitWith(screen.getByRole("button", { name: "Save name" }));

    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
    expect(name().value).toBe("Back store");
    const again = screen.getByRole("button", { name: "Save name" }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    expect(again.getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await submitWith(again);
    expect(server.received.map(sentFields)).toEqual([{ locationId: LOCATION.id, name: "Back store" }]);
    expect(screen.getByRole("status").textContent).toBe("Renamed to Back store.");
  });

  it.each([
    ["setDefault", /^Make default/, LOCATION],
    ["archive", /^Archive/, LOCATION],
    ["restore", /^Restore/, { ...LOCATION, archived: true }],
  ] as const)("%s: a refused press tried again acts on the same location", async (key, button, location) => {
    const fake = refusingThenRecordingAction<LocationChanged>({ refusal: REFUSAL, data: CHANGED });
    renderActions({ [key]: fake.action }, location);
    await submitWith(screen.getByRole("button", { name: button }));
    expect(screen.getByRole("alert").textContent).toBe(REFUSAL.message);
    await submitWith(screen.getByRole("button", { name: button }));
    expect(fake.saved()).toEqual({ locationId: LOCATION.id });
  });

  it.each([
    ["setDefault", /^Make default/, LOCATION, "Back store is now the default location."],
    ["archive", /^Archive/, LOCATION, "Back store is archived: it no longer appears in stock pickers."],
    ["restore", /^Restore/, { ...LOCATION, archived: true }, "Back store is in use again."],
  ] as const)(
    "%s: a press the network drops says so, and pressed again acts on the location once",
    async (key, button, location, success) => {
      const server = droppingThenRecordingAction<LocationChanged>({ data: CHANGED });
      renderActions({ [key]: server.action }, location);
      await submitWith(screen.getByRole("button", { name: button }));

      expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE_PRESSED);
      const again = screen.getByRole("button", { name: button }) as HTMLButtonElement;
      expect(again.disabled).toBe(false);
      expect(again.getAttribute("aria-busy")).toBeNull();
      expect(server.received).toHaveLength(0);

      await submitWith(again);
      expect(server.received.map(sentFields)).toEqual([{ locationId: LOCATION.id }]);
      expect(screen.getByRole("status").textContent).toBe(success);
    },
  );
});
