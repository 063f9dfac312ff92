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

  it("an invitation the network drops keeps the email and role, and sent again is sent once", async () => {
    const server = droppingThenRecordingAction<InvitationSent>({
      data: {
        email: "ola@example.com",
        role: "ADMIN",
        expiresAt: new Date("2026-12-10T09:30:00Z"),
        replacedPending: false,
      },
    });
    render(<InviteMemberForm action={server.action} />);
    fireEvent.change(input("Email"), { target: { value: "ola@example.com" } });
    fireEvent.change(input("Role"), { target: { value: "ADMIN" } });
    await submitWith(screen.getByRole("button", { name: "Send invitation" }));

    // Not the error page: what was typed and chosen, why nothing happened, and the button again.
    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE);
    expect([input("Email").value, input("Role").value]).toEqual(["ola@example.com", "ADMIN"]);
    const again = screen.getByRole("button", { name: "Send invitation" }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    expect(again.getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await submitWith(again);
    expect(server.received.map(sentFields)).toEqual([{ email: "ola@example.com", role: "ADMIN" }]);
    expect(screen.getByRole("status").textContent).toBe(
      "Invitation sent to ola@example.com as Admin. It works until 10 Dec 2026, 09:30 UTC.",
    );
  });
});
