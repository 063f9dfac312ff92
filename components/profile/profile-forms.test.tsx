import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { echoFields, refusingThenRecordingAction, submitWith } from "@/tests/helpers/form-actions";
import { EmailForm, NameForm } from "./profile-forms";

afterEach(cleanup);

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe("NameForm", () => {
  it("saves the corrected name after a refused save, fixed from what was typed", async () => {
    const fake = refusingThenRecordingAction<null>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { name: ["Name: remove tabs and line breaks."] },
      },
      echo: echoFields("name"),
      data: null,
    });
    render(<NameForm action={fake.action} name="Ada King" />);
    // Pasted from a spreadsheet, with a tab between the words.
    fireEvent.change(input("Name"), { target: { value: "Ada\tLovelace" } });
    await submitWith(screen.getByRole("button", { name: "Save name" }));

    expect(input("Name").value).toBe("Ada\tLovelace");
    fireEvent.change(input("Name"), { target: { value: input("Name").value.replace("\t", " ") } });
    await submitWith(screen.getByRole("button", { name: "Save name" }));
    expect(fake.saved()).toEqual({ name: "Ada Lovelace" });
  });
});

describe("EmailForm", () => {
  it("asks for the new email with the corrected password after a refused change, and says the link is on its way", async () => {
    const fake = refusingThenRecordingAction<{ pendingEmail: string }>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { currentPassword: ["That password is not right."] },
      },
      // The password never comes back.
      echo: echoFields("email"),
      data: { pendingEmail: "ada.lovelace@example.com" },
    });
    render(<EmailForm action={fake.action} email="ada@example.com" />);
    fireEvent.change(input("Email"), { target: { value: "ada.lovelace@example.com" } });
    fireEvent.change(input("Current password"), { target: { value: "wrong horse" } });
    await submitWith(screen.getByRole("button", { name: "Change email" }));

    expect(input("Current password").value).toBe("");
    fireEvent.change(input("Current password"), { target: { value: "correct horse battery" } });
    await submitWith(screen.getByRole("button", { name: "Change email" }));
    expect(fake.saved()).toEqual({ email: "ada.lovelace@example.com", currentPassword: "correct horse battery" });
    expect(screen.getByRole("status").textContent).toBe(
      "We sent a link to ada.lovelace@example.com: your address changes when you open it. Until then ada@example.com stays in use.",
    );
  });
});

describe("field errors clear as soon as they are fixed", () => {
  it("drops a field's error and the summary once the field is edited; the next refusal shows them again", async () => {
    const fake = refusingThenRecordingAction<null>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { name: ["Name: remove tabs and line breaks."] },
      },
      echo: echoFields("name"),
      data: null,
    });
    render(<NameForm action={fake.action} name="Ada King" />);
    fireEvent.change(input("Name"), { target: { value: "Ada\tLovelace" } });
    await submitWith(screen.getByRole("button", { name: "Save name" }));
    expect(screen.getByText("Name: remove tabs and line breaks.")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe("Please correct the highlighted fields.");
    expect(input("Name").getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(input("Name"), { target: { value: "Ada Lovelace" } });
    expect(screen.queryByText("Name: remove tabs and line breaks.")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(input("Name").getAttribute("aria-invalid")).toBeNull();
    // What was typed stays: clearing the error re-keys nothing.
    expect(input("Name").value).toBe("Ada Lovelace");
  });

  it("keeps the errors of the fields not edited yet", async () => {
    const fake = refusingThenRecordingAction<{ pendingEmail: string }>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { email: ["Enter an email address."], currentPassword: ["That password is not right."] },
      },
      echo: echoFields("email"),
      data: { pendingEmail: "ada@example.org" },
    });
    render(<EmailForm action={fake.action} email="ada@example.com" />);
    fireEvent.change(input("Email"), { target: { value: "ada@" } });
    await submitWith(screen.getByRole("button", { name: "Change email" }));
    expect(screen.getByText("Enter an email address.")).toBeTruthy();
    expect(screen.getByText("That password is not right.")).toBeTruthy();

    fireEvent.change(input("Email"), { target: { value: "ada@example.org" } });
    expect(screen.queryByText("Enter an email address.")).toBeNull();
    expect(screen.getByText("That password is not right.")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe("Please correct the highlighted fields.");

    fireEvent.change(input("Current password"), { target: { value: "correct horse battery" } });
    expect(screen.queryByText("That password is not right.")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
