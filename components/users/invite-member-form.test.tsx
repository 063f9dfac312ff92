import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { echoFields, refusingThenRecordingAction, submitWith } from "@/tests/helpers/form-actions";
import { InviteMemberForm, type InvitationSent } from "./invite-member-form";

afterEach(cleanup);

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe("InviteMemberForm", () => {
  it("sends the corrected email with the role chosen before a refused invitation", async () => {
    const fake = refusingThenRecordingAction<InvitationSent>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { email: ["Enter a valid email address."] },
      },
      // As inviteMemberAction echoes.
      echo: echoFields("email", "role"),
      data: { email: "grace@example.com", role: "MANAGER", expiresAt: new Date(), replacedPending: false },
    });
    render(<InviteMemberForm action={fake.action} />);
    fireEvent.change(input("Email"), { target: { value: "grace@example" } });
    fireEvent.change(input("Role"), { target: { value: "MANAGER" } });
    await submitWith(screen.getByRole("button", { name: "Send invitation" }));

    fireEvent.change(input("Email"), { target: { value: `${input("Email").value}.com` } });
    await submitWith(screen.getByRole("button", { name: "Send invitation" }));
    expect(fake.saved()).toEqual({ email: "grace@example.com", role: "MANAGER" });
  });
});
