import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { echoFields, refusingThenRecordingAction, submitWith } from "@/tests/helpers/form-actions";
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
});
