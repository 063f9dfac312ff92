import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { echoFields, refusingThenRecordingAction, submitWith } from "@/tests/helpers/form-actions";
import { CreateMemberForm, type MemberCreated } from "./create-member-form";

afterEach(cleanup);

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe("CreateMemberForm", () => {
  it("creates the account as typed and chosen, with the corrected password, after a refused one", async () => {
    const fake = refusingThenRecordingAction<MemberCreated>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { temporaryPassword: ["That password is too common: choose another."] },
      },
      // As createMemberAction echoes: never the password.
      echo: echoFields("email", "name", "role"),
      data: { name: "Grace Hopper", email: "grace@example.com", role: "ADMIN" },
    });
    render(<CreateMemberForm action={fake.action} />);
    fireEvent.change(input("Email"), { target: { value: "grace@example.com" } });
    fireEvent.change(input("Name"), { target: { value: "Grace Hopper" } });
    fireEvent.change(input("Role"), { target: { value: "ADMIN" } });
    fireEvent.change(input("Temporary password"), { target: { value: "password" } });
    await submitWith(screen.getByRole("button", { name: "Create account" }));

    expect(input("Temporary password").value).toBe("");
    fireEvent.change(input("Temporary password"), { target: { value: "cobol-1959-compiler" } });
    await submitWith(screen.getByRole("button", { name: "Create account" }));
    expect(fake.saved()).toEqual({
      email: "grace@example.com",
      name: "Grace Hopper",
      role: "ADMIN",
      temporaryPassword: "cobol-1959-compiler",
    });
  });
});
