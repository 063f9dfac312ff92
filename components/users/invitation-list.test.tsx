import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NO_ANSWER_OFFLINE_PRESSED } from "@/components/offline/network-failure";
import {
  droppingThenRecordingAction,
  refusingThenRecordingAction,
  sentFields,
  submitWith,
} from "@/tests/helpers/form-actions";
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

  it("a revoke the network drops says so, and pressed again revokes the same invitation once", async () => {
    const server = droppingThenRecordingAction({ data: { email: "grace@example.com" } });
    render(<InvitationList invitations={INVITATIONS} actions={{ resend: vi.fn(), revoke: server.action }} />);
    await submitWith(within(rowOf("grace@example.com")).getByRole("button", { name: /^Revoke/ }));

    expect(screen.getByRole("alert").textContent).toBe(NO_ANSWER_OFFLINE_PRESSED);
    const again = within(rowOf("grace@example.com")).getByRole("button", { name: /^Revoke/ }) as HTMLButtonElement;
    expect(again.disabled).toBe(false);
    expect(again.getAttribute("aria-busy")).toBeNull();
    expect(server.received).toHaveLength(0);

    await submitWith(again);
    expect(server.received.map(sentFields)).toEqual([{ invitationId: INVITATIONS[1]!.invitationId }]);
    expect(screen.getByRole("status").textContent).toBe("The invitation to grace@example.com was revoked.");
  });
});
