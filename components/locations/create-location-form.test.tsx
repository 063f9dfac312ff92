import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { NO_ANSWER_OFFLINE } from "@/components/offline/network-failure";
import {
  droppingThenRecordingAction,
  echoFields,
  refusingThenRecordingAction,
  sentFields,
  submitWith,
} from "@/tests/helpers/form-actions";
import { CreateLocationForm } from "./create-location-form";
import type { LocationChanged } from "./location-actions";

afterEach(cleanup);

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe("CreateLocationForm", () => {
  it("adds the location with the corrected code and the name typed before a refused add", async () => {
    const fake = refusingThenRecordingAction<LocationChanged>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { code: ["Code: use letters, digits and dashes."] },
      },
      // As createLocationAction echoes.
      echo: echoFields("name", "code"),
      data: { id: "0c6d2e8f-1a3b-4c5d-8e7f-9a0b1c2d3e4f", name: "Back room", isDefault: false, archived: false },
    });
    render(<CreateLocationForm action={fake.action} />);
    fireEvent.change(input("Name"), { target: { value: "Back room" } });
    fireEvent.change(input("Code (optional)"), { target: { value: "A 12" } });
    await submitWith(screen.getByRole("button", { name: "Add location" }));

    fireEvent.change(input("Code (optional)"), { target: { value: input("Code (optional)").value.replace(" ", "-") } });
    await submitWith(screen.getByRole("button", { name: "Add location" }));
    expect(fake.saved()).toEqual({ name: "Back room", code: "A-12" });
  });

  it("an add the network drops keeps the name and code, and sent again adds the location once", async () => {
    const server = droppingThenRecordingAction<LocationChanged>({
      data: { id: "0c6d2e8f-1a3b-4c5d-8e7f-9a0b1c2d3e50", name: "Cold store", isDefault: false, archived: false },
    });
    render(<CreateLocationForm action={server.action} />);
    fireEvent.change(input("Name"), { target: { value: "Cold store" } });
    fireEvent.change(input("Code (optional)"), { target: { value: "CS-1" } });
    await submitWith(screen.getByRole("button", { name: "Add location" }));

    // Not the error page: what was typed, why nothing happened, and the button again.
    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
    expect([input("Name").value, input("Code (optional)").value]).toEqual(["Cold store", "CS-1"]);
    const again = screen.getByRole("button", { name: "Add location" }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    expect(again.getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await submitWith(again);
    expect(server.received.map(sentFields)).toEqual([{ name: "Cold store", code: "CS-1" }]);
    expect(screen.getByRole("status").textContent).toBe("Added the location Cold store.");
  });
});
