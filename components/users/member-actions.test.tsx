import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { echoFields, refusingThenRecordingAction, submitWith } from "@/tests/helpers/form-actions";
import { MemberActions, type MemberActionSet, type MemberChanged, type PasswordReset } from "./member-actions";

afterEach(cleanup);

const MEMBER = {
  membershipId: "3f6c1a2b-7d4e-4f5a-9b8c-1d2e3f4a5b6c",
  name: "Grace Hopper",
  role: "STAFF" as const,
  active: true,
  isYou: false,
};

function renderActions(actions: Partial<MemberActionSet>) {
  render(
    <MemberActions
      member={MEMBER}
      actions={{ changeRole: vi.fn(), deactivate: vi.fn(), reactivate: vi.fn(), resetPassword: vi.fn(), ...actions }}
    />,
  );
}

const roleSelect = () => screen.getByLabelText("Role for Grace Hopper") as HTMLSelectElement;

describe("MemberActions", () => {
  it("saves the role chosen when a refused change is tried again", async () => {
    const fake = refusingThenRecordingAction<MemberChanged>({
      refusal: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." },
      // As changeMemberRoleAction echoes: the role chosen.
      echo: echoFields("role"),
      data: { name: MEMBER.name, role: "MANAGER", active: true },
    });
    renderActions({ changeRole: fake.action });
    fireEvent.change(roleSelect(), { target: { value: "MANAGER" } });
    await submitWith(screen.getByRole("button", { name: /^Change role/ }));

    expect(screen.getByRole("alert").textContent).toBe("Something went wrong on our side. Please try again.");
    expect(roleSelect().value).toBe("MANAGER");
    await submitWith(screen.getByRole("button", { name: /^Change role/ }));
    expect(fake.saved()).toEqual({ membershipId: MEMBER.membershipId, role: "MANAGER" });
  });

  it("saves the corrected temporary password after a refused one, for the same member", async () => {
    const fake = refusingThenRecordingAction<PasswordReset>({
      refusal: {
        code: "VALIDATION",
        message: "Please correct the highlighted fields.",
        fieldErrors: { temporaryPassword: ["Use at least 8 characters."] },
      },
      // A password never comes back.
      data: { email: "grace@example.com" },
    });
    renderActions({ resetPassword: fake.action });
    const password = () => screen.getByLabelText("Temporary password") as HTMLInputElement;
    fireEvent.change(password(), { target: { value: "short" } });
    await submitWith(screen.getByRole("button", { name: "Set temporary password" }));

    expect(password().value).toBe("");
    fireEvent.change(password(), { target: { value: "long enough at last" } });
    await submitWith(screen.getByRole("button", { name: "Set temporary password" }));
    expect(fake.saved()).toEqual({ membershipId: MEMBER.membershipId, temporaryPassword: "long enough at last" });
  });

  it("deactivates the same member when a refused deactivation is tried again", async () => {
    const fake = refusingThenRecordingAction<MemberChanged>({
      refusal: { code: "INTERNAL", message: "Something went wrong on our side. Please try again." },
      data: { name: MEMBER.name, role: MEMBER.role, active: false },
    });
    renderActions({ deactivate: fake.action });
    await submitWith(screen.getByRole("button", { name: /^Deactivate/ }));
    await submitWith(screen.getByRole("button", { name: /^Deactivate/ }));
    expect(fake.saved()).toEqual({ membershipId: MEMBER.membershipId });
  });
});
