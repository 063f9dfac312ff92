import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { refusingThenRecordingAction, submitWith } from "@/tests/helpers/form-actions";
import { InvitationList, type PendingInvitation } from "./invitation-list";
import type { InvitationSent } from "./invite-member-form";

afterEach(cleanup);

const invitation = (invitationId: string, email: string): PendingInvitation => ({
  invitationId,
  email,
  role: "STAFF",
  expired: false,
  expiresLabel: "9 Dec 2026, 10:00",
  invitedLabel: "6 Dec 2026, 10:00",
  invitedBy: "Ada Lovelace",
});

const INVITATIONS = [
  invitation("8b1f0c3e-2a4d-4e6f-8a1b-3c5d7e9f1a2b", "alan@example.com"),
  invitation("9c2a1d4f-3b5e-4f7a-9b2c-4d6e8f0a2b3c", "grace@example.com"),
];

const rowOf = (email: string) => screen.getByText(email).closest("li")!;

describe("InvitationList", () => {
  it("resends the same invitation when a refused resend is tried again", async () => {
    const fake = refusingThenRecordingAction<InvitationSent>({
      refusal: { code: "RATE_LIMITED", message: "Too many emails to this address: try again in a minute." },
      data: { email: "grace@example.com", role: "STAFF", expiresAt: new Date(), replacedPending: true },
    });
    render(<InvitationList invitations={INVITATIONS} actions={{ resend: fake.action, revoke: vi.fn() }} />);
    await submitWith(within(rowOf("grace@example.com")).getByRole("button", { name: /^Resend/ }));
    expect(screen.getByRole("alert").textContent).toBe("Too many emails to this address: try again in a minute.");

    await submitWith(within(rowOf("grace@example.com")).getByRole("button", { name: /^Resend/ }));
    expect(fake.saved()).toEqual({ invitationId: INVITATIONS[1]!.invitationId });
  });

  it("revokes the same invitation when a refused revoke is tried again", async () => {
    const fake = refusingThenRecordingAction<{ email: string }>({
      refusal: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." },
      data: { email: "alan@example.com" },
    });
    render(<InvitationList invitations={INVITATIONS} actions={{ resend: vi.fn(), revoke: fake.action }} />);
    await submitWith(within(rowOf("alan@example.com")).getByRole("button", { name: /^Revoke/ }));
    await submitWith(within(rowOf("alan@example.com")).getByRole("button", { name: /^Revoke/ }));
    expect(fake.saved()).toEqual({ invitationId: INVITATIONS[0]!.invitationId });
  });
});
